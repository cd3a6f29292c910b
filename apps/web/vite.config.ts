import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiServer = 'http://localhost:3000';

/** Forwards a path prefix to the API server during `pnpm dev`. */
function toApiServer(options: Pick<ProxyOptions, 'ws'> = {}): ProxyOptions {
  return {
    target: apiServer,
    ...options,
    configure(proxy) {
      // The server refuses mutating requests from an Origin it does not know, and the dev page's
      // origin is Vite's: present the server's own, as the built app that it serves would.
      proxy.on('proxyReq', (req) => {
        if (req.getHeader('origin') !== undefined) req.setHeader('origin', apiServer);
      });
      // The same for the socket's WebSocket upgrade, whose handshake the server checks likewise.
      proxy.on('proxyReqWs', (req) => {
        if (req.getHeader('origin') !== undefined) req.setHeader('origin', apiServer);
      });
    },
  };
}

export default defineConfig({
  plugins: [react()],
  build: {
    // The editor chunk (Tiptap, ProseMirror, Yjs, the socket client) is about 500 kB before
    // compression and loads only with a document. Its budget is 350 kB gzipped; it is near 155.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // The editor's live connection: socket.io upgrades to a WebSocket, which the proxy must carry.
    proxy: { '/api': toApiServer(), '/health': toApiServer(), '/socket.io': toApiServer({ ws: true }) },
  },
});

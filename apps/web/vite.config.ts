import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiServer = 'http://localhost:3000';

/** Forwards a path prefix to the API server during `pnpm dev`. */
function toApiServer(): ProxyOptions {
  return {
    target: apiServer,
    configure(proxy) {
      // The server refuses mutating requests from an Origin it does not know, and the dev page's
      // origin is Vite's: present the server's own, as the built app that it serves would.
      proxy.on('proxyReq', (req) => {
        if (req.getHeader('origin') !== undefined) req.setHeader('origin', apiServer);
      });
    },
  };
}

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': toApiServer(), '/health': toApiServer() },
  },
});

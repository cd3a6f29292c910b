/** Launcher: Hocuspocus 3 with its database extension and default debounce, driven over IPC. */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import { openDocumentTable } from './hocuspocus-storage.js';
import { serveOverIpc } from './serve-over-ipc.js';

serveOverIpc(async (port, storage) => {
  const table = await openDocumentTable(storage);
  const server = new Server({
    quiet: true,
    // The launcher owns shutdown: destroy() stores every loaded document before the process exits.
    stopOnSignals: false,
    // C1's fan-out peer: a stateless message from one connection goes to every other one of its
    // document, as Accord sends a new comment to every viewer. Nothing else sends stateless messages.
    async onStateless({ connection, document, payload }) {
      document.broadcastStateless(payload, (other) => other !== connection);
    },
    extensions: [
      new Database({
        fetch: ({ documentName }) => table.fetch(documentName),
        store: ({ documentName, state }) => table.store(documentName, state),
      }),
    ],
  });
  // Server.listen() hands node:net `address` where it reads `host`, so it would listen on every
  // interface; listen on loopback directly (no extension here uses the onListen hook it would run).
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `ws://127.0.0.1:${server.address.port}`,
    close: async () => {
      await server.destroy();
      await table.close();
    },
  };
});

/** Launcher: Hocuspocus 3 with its database extension and default debounce, driven over IPC. */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import { openDocumentTable } from './hocuspocus-storage.js';
import { serveOverIpc } from './serve-over-ipc.js';

serveOverIpc(async (port, storage) => {
  const table = await openDocumentTable(storage);
  const server = new Server({
    port,
    address: '127.0.0.1',
    quiet: true,
    // The launcher owns shutdown: destroy() stores every loaded document before the process exits.
    stopOnSignals: false,
    extensions: [
      new Database({
        fetch: ({ documentName }) => table.fetch(documentName),
        store: ({ documentName, state }) => table.store(documentName, state),
      }),
    ],
  });
  await server.listen();
  return {
    url: `ws://127.0.0.1:${server.address.port}`,
    close: async () => {
      await server.destroy();
      await table.close();
    },
  };
});

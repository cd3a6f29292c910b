/** The half every server launcher shares: start on request, report usage, stop, over IPC. */
import { Rpc, parentChannel } from '../ipc.js';
import type { ClusterNodeConfig, ServerApi, ServerUsage, StorageConfig, StoredHistory } from '../protocol.js';

export interface BenchServer {
  url: string;
  close(): Promise<void>;
  /** Accord: what its database holds of a document's history (W4). */
  storedHistory?(documentId: string): Promise<StoredHistory>;
}

export function serveOverIpc(
  start: (port: number, storage: StorageConfig, cluster: ClusterNodeConfig | undefined) => Promise<BenchServer>,
): Rpc<Record<never, never>> {
  let running: BenchServer | null = null;
  const api: ServerApi = {
    start: async ({ port, storage, cluster }) => {
      running = await start(port, storage, cluster);
      return { url: running.url };
    },
    usage: async () => usage(),
    storedHistory: async ({ documentId }) => {
      if (!running?.storedHistory) throw new Error('this server keeps no history');
      return running.storedHistory(documentId);
    },
    stop: async () => {
      await running?.close();
      // Answer first; the orchestrator waits for the exit itself.
      setTimeout(() => process.exit(0), 50);
      return null;
    },
  };
  // An orphaned server must not outlive a crashed bench.
  process.once('disconnect', () => process.exit(0));
  // As the server's own main.ts: a graceful stop (X1's hand-over on SIGTERM) closes, then exits.
  process.once('SIGTERM', () => {
    void (running?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  return new Rpc<Record<never, never>>(parentChannel(), api);
}

function usage(): ServerUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuUs: cpu.user + cpu.system, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
}

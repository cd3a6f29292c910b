/** The half every server launcher shares: start on request, report usage, stop, over IPC. */
import { Rpc, parentChannel } from '../ipc.js';
import type { ServerApi, ServerUsage, StorageConfig } from '../protocol.js';

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

export function serveOverIpc(
  start: (port: number, storage: StorageConfig) => Promise<BenchServer>,
): Rpc<Record<never, never>> {
  let running: BenchServer | null = null;
  const api: ServerApi = {
    start: async ({ port, storage }) => {
      running = await start(port, storage);
      return { url: running.url };
    },
    usage: async () => usage(),
    stop: async () => {
      await running?.close();
      // Answer first; the orchestrator waits for the exit itself.
      setTimeout(() => process.exit(0), 50);
      return null;
    },
  };
  // An orphaned server must not outlive a crashed bench.
  process.once('disconnect', () => process.exit(0));
  return new Rpc<Record<never, never>>(parentChannel(), api);
}

function usage(): ServerUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuUs: cpu.user + cpu.system, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed };
}

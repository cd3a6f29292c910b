/**
 * Launcher: the built Accord server (apps/server/dist), started the way its own main.ts starts it but
 * inside a process the bench can ask for its CPU time. The bench does not depend on @accord/server
 * (an app, not a library), so the built files are imported by path; `pnpm bench` builds them first.
 */
import type { StorageConfig } from '../protocol.js';
import { accordRateLimitOverrides } from './accord-rate-limits.js';
import { serveOverIpc } from './serve-over-ipc.js';

interface ServerModule {
  startServer(config: unknown): Promise<{ url: string; close(): Promise<void> }>;
}
interface ConfigModule {
  loadConfig(env: Record<string, string | undefined>): unknown;
}

const serverDist = new URL('../../../../apps/server/dist/', import.meta.url);

serveOverIpc(async (port, storage) => {
  const { startServer } = (await import(new URL('server.js', serverDist).href)) as ServerModule;
  const { loadConfig } = (await import(new URL('config/config.js', serverDist).href)) as ConfigModule;
  const config = loadConfig({ ...process.env, ...accordEnvironment(port, storage) });
  const server = await startServer(config);
  return { url: server.url, close: () => server.close() };
});

function accordEnvironment(port: number, storage: StorageConfig): Record<string, string | undefined> {
  return {
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: storage.kind === 'postgres' ? storage.url : undefined,
    PGLITE_DIR: storage.kind === 'pglite' ? storage.dir : undefined,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    ...accordRateLimitOverrides,
  };
}

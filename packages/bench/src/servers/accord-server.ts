/**
 * Launcher: the built Accord server (apps/server/dist), started the way its own main.ts starts it but
 * inside a process the bench can ask for its CPU time. The bench does not depend on @accord/server
 * (an app, not a library), so the built files are imported by path; `pnpm bench` builds them first.
 *
 * Started with WITHOUT_SCHEMA_CHECK (the `accord-unchecked` kind), the server runs without its schema
 * check of incoming updates, replaced through startServer's dependencies, as tests replace the clock:
 * a server started from configuration always checks. Started with WITHOUT_RULES
 * (`accord-without-rules`), it runs without the rules of the room (its update policy), the same way.
 */
import type { ContentCheck, UpdatePolicy } from '@accord/sync';
import { WITHOUT_RULES, WITHOUT_SCHEMA_CHECK, type StorageConfig } from '../protocol.js';
import { accordRateLimitOverrides } from './accord-rate-limits.js';
import { serveOverIpc } from './serve-over-ipc.js';

interface ServerModule {
  startServer(config: unknown, dependencies?: { contentCheck?: ContentCheck; policy?: UpdatePolicy }): Promise<{ url: string; close(): Promise<void> }>;
}
interface ConfigModule {
  loadConfig(env: Record<string, string | undefined>): unknown;
}

/**
 * The check that lets every update through: the engine as it was before the schema check. A function
 * rather than an absent check, which startServer would replace with its default, the schema check.
 */
const acceptEverything: ContentCheck = () => ({ ok: true });

/** The policy that lets every writer change anything: the engine as it was before the rules. */
const allowEverything: UpdatePolicy = () => ({ ok: true });

const serverDist = new URL('../../../../apps/server/dist/', import.meta.url);

serveOverIpc(async (port, storage) => {
  const { startServer } = (await import(new URL('server.js', serverDist).href)) as ServerModule;
  const { loadConfig } = (await import(new URL('config/config.js', serverDist).href)) as ConfigModule;
  const config = loadConfig({ ...process.env, ...accordEnvironment(port, storage) });
  const unchecked = process.argv.includes(WITHOUT_SCHEMA_CHECK);
  const withoutRules = process.argv.includes(WITHOUT_RULES);
  const server = await startServer(config, {
    ...(unchecked ? { contentCheck: acceptEverything } : {}),
    ...(withoutRules ? { policy: allowEverything } : {}),
  });
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

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
import type { Database } from '@accord/db';
import type { ContentCheck, UpdatePolicy } from '@accord/sync';
import { WITHOUT_RULES, WITHOUT_SCHEMA_CHECK, type ClusterNodeConfig, type StorageConfig, type StoredHistory } from '../protocol.js';
import { accordRateLimitOverrides } from './accord-rate-limits.js';
import { serveOverIpc } from './serve-over-ipc.js';

interface ServerModule {
  startServer(
    config: unknown,
    dependencies?: { contentCheck?: ContentCheck; policy?: UpdatePolicy },
  ): Promise<{ url: string; app: { get(token: symbol): unknown }; close(): Promise<void> }>;
}
interface TokensModule {
  DATABASE: symbol;
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

serveOverIpc(async (port, storage, cluster) => {
  const { startServer } = (await import(new URL('server.js', serverDist).href)) as ServerModule;
  const { loadConfig } = (await import(new URL('config/config.js', serverDist).href)) as ConfigModule;
  const config = loadConfig({ ...process.env, ...accordEnvironment(port, storage, cluster) });
  const unchecked = process.argv.includes(WITHOUT_SCHEMA_CHECK);
  const withoutRules = process.argv.includes(WITHOUT_RULES);
  const server = await startServer(config, {
    ...(unchecked ? { contentCheck: acceptEverything } : {}),
    ...(withoutRules ? { policy: allowEverything } : {}),
  });
  const { DATABASE } = (await import(new URL('common/tokens.js', serverDist).href)) as TokensModule;
  const database = server.app.get(DATABASE) as Database;
  return { url: server.url, close: () => server.close(), storedHistory: (documentId) => storedHistory(database, storage, documentId) };
});

/**
 * W4's look at what the server keeps of a document's history, read-only, through the server's own
 * database handle (PGlite allows one process only). Sizes come from octet_length, so no state is
 * fetched. The raw driver is used because the bench does not depend on drizzle-orm.
 */
async function storedHistory(database: Database, storage: StorageConfig, documentId: string): Promise<StoredHistory> {
  const query = async <T>(text: string): Promise<T[]> => {
    const client = (database as unknown as { $client: RawClient }).$client;
    return storage.kind === 'pglite' ? (await client.query<T>(text, [documentId])).rows : client.unsafe<T>(text, [documentId]);
  };
  const checkpoints = await query<{ seq: string | number; bytes: string | number }>(
    'select seq, octet_length(state) as bytes from document_checkpoints where document_id = $1 order by seq',
  );
  const [log] = await query<{ updates: string | number; bytes: string | number | null }>(
    'select count(*) as updates, sum(octet_length(update)) as bytes from document_updates where document_id = $1',
  );
  return {
    checkpoints: checkpoints.map((row) => ({ seq: Number(row.seq), bytes: Number(row.bytes) })),
    updates: Number(log?.updates ?? 0),
    updateBytes: Number(log?.bytes ?? 0),
  };
}

/** PGlite's `query` and postgres-js's `unsafe`, the two drivers under drizzle. */
interface RawClient {
  query<T>(text: string, params: unknown[]): Promise<{ rows: T[] }>;
  unsafe<T>(text: string, params: unknown[]): Promise<T[]>;
}

/**
 * Set here, never inherited: a REDIS_URL in the shell (X1 reads it) must not turn the one-server
 * workloads into a node of a cluster, nor LEASE_TTL or NODE_ID change them.
 */
function accordEnvironment(port: number, storage: StorageConfig, cluster: ClusterNodeConfig | undefined): Record<string, string | undefined> {
  return {
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: storage.kind === 'postgres' ? storage.url : undefined,
    PGLITE_DIR: storage.kind === 'pglite' ? storage.dir : undefined,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    REDIS_URL: cluster?.redisUrl,
    NODE_ID: cluster?.nodeId,
    LEASE_TTL: cluster ? `${cluster.leaseTtlMs}ms` : undefined,
    ...accordRateLimitOverrides,
  };
}

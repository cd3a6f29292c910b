import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccordApi } from '@accord/client';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/server/dist/main.js');
const webIndex = join(root, 'apps/web/dist/index.html');

export const DEMO_PASSWORD = 'accord-demo';

/** Where a server's data lives, so another server can be started on it once the first has stopped. */
export interface AccordStorage {
  env: Record<string, string>;
  /** Deletes the data, when the last server on it stops. */
  release(): Promise<void>;
}

export interface RunningServer {
  url: string;
  storage: AccordStorage;
  output(): string;
  /** Signs in over HTTP and returns a bearer token, for checks that go around the browser. */
  token(email: string): Promise<string>;
  /** Signs in and returns the SDK's typed API, for checks that go around the browser. */
  api(email: string): Promise<AccordApi>;
  /** Stops the server; with `keepStorage`, its data stays for a server started on `storage`. */
  stop(options?: { keepStorage?: boolean }): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/**
 * Starts the production build as `pnpm start` does — the server serving the built web app at `/` —
 * on a fresh database: temporary PGlite, or a new database on DATABASE_URL's server.
 */
export async function startAccord(options: { storage?: AccordStorage } = {}): Promise<RunningServer> {
  for (const built of [main, webIndex]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`pnpm build\` (\`pnpm test\` does it for you)`);
  }
  const cwd = mkdtempSync(join(tmpdir(), 'accord-e2e-'));
  const storage = options.storage ?? (await newStorage());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn', PATH: process.env.PATH ?? '', ...storage.env };

  const child: ChildProcess = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

  // Seeding the demo takes seconds on a quiet machine; a loaded one (several suites at once) may need minutes.
  const deadline = Date.now() + Number(process.env.E2E_START_TIMEOUT_MS ?? 100_000);
  while (!/listening on http/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      // Not left running to hold its port and database.
      child.kill('SIGKILL');
      await exited;
      if (!options.storage) await storage.release();
      rmSync(cwd, { recursive: true, force: true });
      throw new Error(`the server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    storage,
    output: () => output,
    async token(email) {
      return (await signIn(url, email)).token!;
    },
    api: (email) => signIn(url, email),
    async stop({ keepStorage = false } = {}) {
      child.kill('SIGTERM');
      await exited;
      if (!keepStorage) await storage.release();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

async function signIn(url: string, email: string): Promise<AccordApi> {
  const api = new AccordApi({ baseUrl: url });
  await api.signIn(email, DEMO_PASSWORD);
  return api;
}

/** A fresh database: a new one on DATABASE_URL's server, or PGlite in a directory of its own. */
async function newStorage(): Promise<AccordStorage> {
  if (process.env.DATABASE_URL) {
    const database: TestDatabase = await createTestDatabase(process.env.DATABASE_URL, { migrate: false });
    return { env: { DATABASE_URL: database.url! }, release: () => database.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'accord-e2e-data-'));
  return { env: { PGLITE_DIR: join(dir, 'pglite') }, release: async () => rmSync(dir, { recursive: true, force: true }) };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccordApi } from '@accord/client';
import { users } from '@accord/db';
import { createTestDatabase } from '@accord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'apps/server/dist/main.js');
const seedCli = join(root, 'apps/server/dist/seed-cli.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the built server the way a newcomer does: no environment at all, in a directory of its own. */
function launch(script: string, cwd: string, env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

const LISTENING = /listening on (http:\/\/\S+)/;

/** Waits for the start-up banner and returns the URL it names. */
async function listeningUrl(process: Run): Promise<string> {
  await waitFor(process, LISTENING);
  return LISTENING.exec(process.output())![1]!;
}

async function waitFor(process: Run, pattern: RegExp, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(process.output())) {
    if (process.child.exitCode !== null) throw new Error(`exited with ${process.child.exitCode}:\n${process.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${process.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A start from nothing runs the migrations and seeds the demo: on a loaded 2-core machine that takes
// longer than the suite's default test timeout, so these tests wait as long as waitFor does.
describe('the built server, started from a clean checkout with no environment', { timeout: 60_000 }, () => {
  const cwd = mkdtempSync(join(tmpdir(), 'accord-start-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  beforeAll(() => {
    if (!existsSync(main)) throw new Error('apps/server/dist is missing: run `pnpm build` (`pnpm test` does it for you)');
  });

  it('starts on the embedded database, seeds the demo, answers /health and stops cleanly on SIGTERM', async () => {
    const server = launch(main, cwd);
    try {
      const url = await listeningUrl(server);
      expect(server.output()).toContain('chair@accord.example');
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' });
      expect(existsSync(join(cwd, 'data/pglite/PG_VERSION'))).toBe(true);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('on a second start keeps its data and seeds nothing', async () => {
    const server = launch(main, cwd);
    try {
      const url = await listeningUrl(server);
      expect(server.output()).not.toContain('Demo dialogue seeded');
      const session = await new AccordApi({ baseUrl: url }).signIn('chair@accord.example', 'accord-demo');
      expect(session.user.email).toBe('chair@accord.example');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('`pnpm seed` leaves a database that holds data alone', async () => {
    const seed = launch(seedCli, cwd);
    expect(await seed.exited).toBe(0);
    expect(seed.output()).toContain('nothing was seeded');
  });

  it('refuses bad configuration at boot with a readable message', async () => {
    const server = launch(main, cwd, { PORT: 'eighty', SESSION_IDLE_TIMEOUT: 'forever' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration');
    expect(server.output()).toMatch(/PORT: /);
    expect(server.output()).toMatch(/SESSION_IDLE_TIMEOUT: .*duration/);
    expect(server.output()).not.toMatch(/\bat .+\.js:\d+/);
  });
});

describe.runIf(process.env.DATABASE_URL)('two built servers starting at once on one empty PostgreSQL database', () => {
  it('migrate once under the lock, seed once, and both serve', async () => {
    const database = await createTestDatabase(process.env.DATABASE_URL, { migrate: false });
    const cwd = mkdtempSync(join(tmpdir(), 'accord-pair-'));
    const env = { DATABASE_URL: database.url!, PORT: '0' };
    const servers = [launch(main, cwd, env), launch(main, cwd, env)];
    try {
      const urls = await Promise.all(servers.map(listeningUrl));
      for (const url of urls) {
        expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok', db: 'postgres' });
      }
      expect(servers.filter((s) => s.output().includes('Demo dialogue seeded'))).toHaveLength(1);
      expect(await database.db.select().from(users)).toHaveLength(7);
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      await database.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

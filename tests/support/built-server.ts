/**
 * The built server as a child process, for tests that kill, pause and restart it (kill-durability,
 * the cluster's chaos test), and reading its document log straight from the database afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from '@accord/db';
import * as Y from 'yjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const serverMain = join(root, 'apps/server/dist/main.js');

export function requireBuiltServer(): void {
  if (!existsSync(serverMain)) throw new Error('apps/server/dist is missing: run `pnpm build` (`pnpm test` does it for you)');
}

/** A port that is free now; a server restarted on it is found again by its clients. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise((done) => probe.close(done));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

export interface ServerProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output: () => string;
  exited: Promise<void>;
  readonly running: boolean;
}

/** Starts the built server with exactly `env` and waits for its "listening on" line. */
export async function launch(env: Record<string, string>, startTimeoutMs = 45_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [serverMain], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const server: ServerProcess = {
    child,
    output: () => output,
    exited,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
  };
  const deadline = Date.now() + startTimeoutMs;
  while (!/listening on http/.test(output)) {
    if (!server.running) throw new Error(`the server exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      // Not left running to hold its port and database.
      child.kill('SIGKILL');
      await exited;
      throw new Error(`the server did not start:\n${output}`);
    }
    await sleep(25);
  }
  return server;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface LogRow {
  seq: number;
  update: Uint8Array;
}

/** Every stored row of a document's log, in seq order, read straight from the database. */
export async function readLog(database: DatabaseHandle, documentId: string): Promise<LogRow[]> {
  return database.db.query.documentUpdates.findMany({
    columns: { seq: true, update: true },
    where: (row, { eq }) => eq(row.documentId, documentId),
    orderBy: (row, { asc }) => [asc(row.seq)],
  });
}

/** The log applied in order onto an empty document: what any server would load. */
export function replay(rows: Array<{ update: Uint8Array }>): Y.Doc {
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return doc;
}

/**
 * Acknowledged means stored, even when the server dies without warning. The built server runs in a
 * child process and is killed with SIGKILL in the middle of a burst from 20 SDK clients. Each client
 * records the Yjs clock it had when it asked `whenSaved()`, once that promise resolves. Before the
 * server comes back, the test opens the database itself and replays the stored log: every client's
 * stored clock must reach its highest acknowledged one. Then the server restarts on the same
 * database and port, the clients reconnect on their own and everyone converges.
 *
 * PostgreSQL when DATABASE_URL is set (a fresh database, dropped at the end), otherwise PGlite in a
 * fresh directory, which also shows that a SIGKILLed PGlite directory opens again.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccordApi, AccordClient, type DocumentHandle } from '@accord/client';
import { openDatabase } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draft, draftOf } from '../../apps/server/test/support/rolling-text.js';
import { freePort, launch, type LogRow, readLog, replay, requireBuiltServer, type ServerProcess, sleep, withTimeout } from '../support/built-server.js';

const PASSWORD = 'accord-demo';
const EDITORS = ['chair', 'secretariat', 'arandia', 'veloria'] as const;
const CLIENTS = 20;
const usePostgres = Boolean(process.env.DATABASE_URL);

/** Where the server keeps its data, and how the test reads the log while the server is down. */
interface Storage {
  env: Record<string, string>;
  /** Every stored row of a document's log, in seq order, read straight from the database. */
  readLog(documentId: string): Promise<LogRow[]>;
  dispose(): Promise<void>;
}

async function postgresStorage(): Promise<Storage> {
  // Not migrated here: the server migrates it on its first start, as in production.
  const database: TestDatabase = await createTestDatabase(process.env.DATABASE_URL, { migrate: false });
  return {
    env: { DATABASE_URL: database.url! },
    readLog: (documentId) => readLog(database, documentId),
    dispose: () => database.close(),
  };
}

function pgliteStorage(): Storage {
  const dir = mkdtempSync(join(tmpdir(), 'accord-kill-'));
  return {
    env: { PGLITE_DIR: dir },
    // PGlite is single-process and its directory is what a SIGKILL left behind. The log is read from
    // a copy of it, so that both this reader and the restarted server recover a killed directory.
    async readLog(documentId) {
      const copy = mkdtempSync(join(tmpdir(), 'accord-kill-copy-'));
      try {
        cpSync(dir, copy, { recursive: true });
        const database = await openDatabase({ pgliteDir: copy, migrate: false });
        try {
          return await readLog(database, documentId);
        } finally {
          await database.close();
        }
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function ignore(): void {}

async function eventually(check: () => void, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(25);
    }
  }
}

/** One SDK client typing its own tagged pieces into the shared text and recording what was acknowledged. */
class Typist {
  /** The highest clock of this client's own edits that `whenSaved()` has confirmed. */
  acknowledgedClock = 0;
  /** Edits whose `whenSaved()` resolved, in all. */
  acknowledgedEdits = 0;
  edits = 0;
  private stopped = true;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly client: AccordClient,
    readonly handle: DocumentHandle,
    readonly tag: string,
    private readonly onAcknowledged: () => void,
  ) {}

  get clientID(): number {
    return this.handle.doc.clientID;
  }

  get text(): string {
    return draftOf(this.handle.doc);
  }

  start(): void {
    this.stopped = false;
    this.loop = this.type();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private acknowledged(clock: number): void {
    this.acknowledgedEdits++;
    this.acknowledgedClock = Math.max(this.acknowledgedClock, clock);
    this.onAcknowledged();
  }

  /** Bursts of a few quick edits with short pauses between them, so acknowledgements keep arriving. */
  private async type(): Promise<void> {
    const text = draft(this.handle.doc);
    while (!this.stopped) {
      const burst = 1 + Math.floor(Math.random() * 4);
      for (let i = 0; i < burst && !this.stopped; i++) {
        text.insert(Math.floor(Math.random() * (text.length + 1)), `<${this.tag}:${this.edits++}>`);
        // The clock at the moment whenSaved is asked: everything up to it must be stored once it resolves.
        const clock = Y.getState(this.handle.doc.store, this.handle.doc.clientID);
        this.handle.whenSaved().then(() => this.acknowledged(clock), ignore);
        await sleep(Math.random() * 3);
      }
      await sleep(10 + Math.random() * 30);
    }
  }
}

/** When to pull the plug, measured from the start of the burst: after a delay, or at an acknowledgement. */
type KillPoint = { label: string; afterMs: number; onAcknowledgement?: boolean };

const killPoints: KillPoint[] = [
  // The first commits of the burst are in flight.
  { label: '~50 ms into the burst', afterMs: 50 },
  // A commit has just been acknowledged and the next batch is being written.
  { label: 'at the first acknowledgement of the burst', afterMs: 0, onAcknowledgement: true },
  { label: '~300 ms into the burst', afterMs: 300 },
  { label: 'at the first acknowledgement after ~1 s', afterMs: 1000, onAcknowledgement: true },
];

describe(`SIGKILL in the middle of a burst from ${CLIENTS} clients (${usePostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let storage: Storage;
  let env: Record<string, string>;
  let server: ServerProcess | null = null;
  let documentId = '';
  let typists: Typist[] = [];
  let fresh: AccordClient | null = null;
  let onAcknowledged: () => void = ignore;
  let readerToken = '';
  let rowsSeen = 0;
  const started = Date.now();

  beforeAll(async () => {
    requireBuiltServer();
    storage = usePostgres ? await postgresStorage() : pgliteStorage();
    const port = await freePort();
    env = { PORT: String(port), SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...storage.env };
    server = await launch(env);
    const url = `http://127.0.0.1:${port}`;

    const tokens = new Map<string, string>();
    for (const name of EDITORS) {
      const api = new AccordApi({ baseUrl: url });
      await api.signIn(`${name}@accord.example`, PASSWORD);
      tokens.set(name, api.token!);
    }
    const chair = new AccordApi({ baseUrl: url, token: tokens.get('chair')! });
    const [dialogue] = await chair.dialogues.list();
    const created = await chair.documents.create(dialogue!.id, { title: 'Kill durability', symbol: `T15/KILL/${Date.now().toString(36)}` });
    documentId = created.id;

    typists = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const name = EDITORS[i % EDITORS.length]!;
        const client = await AccordClient.connect({ url, token: tokens.get(name), transports: ['websocket'], reconnectionDelayMaxMs: 200 });
        const handle = client.open(documentId);
        await handle.synced;
        return new Typist(client, handle, `${name[0]}${i}`, () => onAcknowledged());
      }),
    );
    // A server that has been serving for a while: each client has written and been acknowledged once.
    for (const typist of typists) draft(typist.handle.doc).insert(0, `[${typist.tag}]`);
    await Promise.all(typists.map((t) => t.handle.whenSaved()));
    readerToken = chair.token!;
  }, 60_000);

  afterAll(async () => {
    for (const typist of typists) typist.client.close();
    fresh?.close();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await storage?.dispose();
    process.stdout.write(`[kill-durability ${usePostgres ? 'postgres' : 'pglite'}] total ${Date.now() - started} ms\n`);
  });

  for (const point of killPoints) {
    it(`loses no acknowledged update when killed ${point.label}, and every client converges after the restart`, async () => {
      const runStarted = Date.now();
      // Each run starts from a running server and saved clients, even when the run before failed.
      if (!server) server = await launch(env);
      await withTimeout(Promise.all(typists.map((t) => t.handle.whenSaved())), 30_000, 'every client saved before the burst');
      const ackedBefore = typists.reduce((sum, t) => sum + t.acknowledgedEdits, 0);
      const editsBefore = typists.reduce((sum, t) => sum + t.edits, 0);
      // Every client's clock when the burst starts: all of it is stored (the last run ended saved).
      const base = new Map(typists.map((t) => [t.clientID, Y.getState(t.handle.doc.store, t.clientID)]));
      let editsAtKill = 0;

      // The burst, and the kill in the middle of it.
      const running = server!;
      const killed = new Promise<void>((done) => {
        const kill = () => {
          editsAtKill = typists.reduce((sum, t) => sum + t.edits, 0) - editsBefore;
          if (running.child.signalCode === null && running.child.exitCode === null) running.child.kill('SIGKILL');
          onAcknowledged = ignore;
          done();
        };
        setTimeout(() => {
          if (point.onAcknowledgement) onAcknowledged = kill;
          else kill();
        }, point.afterMs);
      });
      const burstStarted = Date.now();
      for (const typist of typists) typist.start();
      await killed;
      const killedAfter = Date.now() - burstStarted;
      await running.exited;
      server = null;
      // The clients keep typing for a moment while the server is gone: those edits are offline edits.
      await sleep(20);
      await Promise.all(typists.map((t) => t.stop()));
      // Snapshot what was acknowledged before the server went away: nothing can be acknowledged now.
      const acknowledged = typists.map((t) => ({ tag: t.tag, clientID: t.clientID, clock: t.acknowledgedClock }));

      // The proof: the stored log, read straight from the database before the server restarts.
      const readStarted = Date.now();
      const rows = await storage.readLog(documentId);
      const readMs = Date.now() - readStarted;
      const stored = replay(rows);
      const lost = acknowledged
        .map((a) => ({ ...a, stored: Y.getState(stored.store, a.clientID) }))
        .filter((a) => a.stored < a.clock);
      const ackedEdits = typists.reduce((sum, t) => sum + t.acknowledgedEdits, 0) - ackedBefore;
      const edits = typists.reduce((sum, t) => sum + t.edits, 0) - editsBefore;
      const beyondBase = (clockOf: (t: Typist) => number) =>
        typists.reduce((sum, t) => sum + Math.max(0, clockOf(t) - base.get(t.clientID)!), 0);
      const typedChars = beyondBase((t) => Y.getState(t.handle.doc.store, t.clientID));
      const ackedChars = beyondBase((t) => t.acknowledgedClock);
      const storedChars = beyondBase((t) => Y.getState(stored.store, t.clientID));
      const acknowledgingClients = typists.filter((t) => t.acknowledgedClock > base.get(t.clientID)!).length;
      process.stdout.write(
        `[kill-durability ${usePostgres ? 'postgres' : 'pglite'}] killed ${point.label} (${killedAfter} ms): ` +
          `${edits} edits typed (${editsAtKill} before the kill, ${typedChars} chars); ` +
          `${ackedEdits} edits acknowledged to ${acknowledgingClients}/${CLIENTS} clients, covering ${ackedChars} chars; ` +
          `stored ${storedChars} chars; log ${rows.length} rows (${rows.length - rowsSeen} new since the last check); ` +
          `lost acknowledged: ${lost.length}; log read in ${readMs} ms\n`,
      );
      rowsSeen = rows.length;
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(lost).toEqual([]);
      expect(storedChars).toBeGreaterThanOrEqual(ackedChars);
      if (point.onAcknowledgement) expect(ackedEdits).toBeGreaterThan(0);

      // Back up on the same database and port: the clients reconnect by themselves and resend.
      server = await launch(env);
      await withTimeout(Promise.all(typists.map((t) => t.handle.whenSaved())), 30_000, 'every client saved after the restart');
      await eventually(() => {
        const expected = typists[0]!.text;
        for (const typist of typists) expect(typist.text).toBe(expected);
      }, 10_000);
      const converged = typists[0]!.text;
      for (const typist of typists) {
        expect(typist.handle.status).toBe('saved');
        // Every client's every edit, offline ones included, is in everyone's document.
        for (const other of typists) expect(Y.getState(other.handle.doc.store, typist.clientID)).toBe(Y.getState(typist.handle.doc.store, typist.clientID));
      }
      fresh = await AccordClient.connect({ url: `http://127.0.0.1:${env.PORT}`, token: readerToken, transports: ['websocket'] });
      const reader = fresh.open(documentId);
      await withTimeout(reader.synced, 10_000, 'a fresh client synced');
      expect(draftOf(reader.doc)).toBe(converged);
      fresh.close();
      fresh = null;
      process.stdout.write(
        `[kill-durability ${usePostgres ? 'postgres' : 'pglite'}] ${point.label}: converged on ${converged.length} characters; run took ${Date.now() - runStarted} ms\n`,
      );
    }, 60_000);
  }

  it('after the last restart, a clean stop leaves a log that replays to the converged text', async () => {
    if (!server) server = await launch(env);
    await withTimeout(Promise.all(typists.map((t) => t.handle.whenSaved())), 30_000, 'every client saved');
    const converged = typists[0]!.text;
    const running = server;
    running.child.kill('SIGTERM');
    await running.exited;
    expect(running.child.exitCode).toBe(0);
    server = null;
    const rows = await storage.readLog(documentId);
    expect(draftOf(replay(rows))).toBe(converged);
    process.stdout.write(`[kill-durability ${usePostgres ? 'postgres' : 'pglite'}] final log: ${rows.length} rows, ${converged.length} characters\n`);
  }, 30_000);

});

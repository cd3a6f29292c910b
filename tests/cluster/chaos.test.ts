/**
 * Three servers behind a hashing proxy, on one PostgreSQL database and one Redis, while 80 clients
 * type into 20 documents (issue 15's "done means"). During the run the test SIGKILLs the owner of
 * some documents and restarts it, SIGSTOPs an owner past its lease and resumes it (its commits must
 * then be refused, and the update it took while paused never acknowledged), and restarts Redis; and
 * it logs sessions out, before the faults and while Redis is down, whose sockets on every server must
 * hear SESSION_REVOKED. Afterwards every document's log runs 1…max without a gap, replays to a text
 * holding every word any client was told was saved, and every client holds that text.
 *
 * PostgreSQL only (DATABASE_URL): three processes cannot share a PGlite. It starts its own
 * redis-server (OwnRedis, on the PATH), so that it can restart it; without one it fails under CI and
 * is skipped elsewhere. It runs the build (`pnpm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { AccordApi, AccordClient } from '@accord/client';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../../apps/server/test/support/eventually.js';
import { OwnRedis } from '../../apps/server/test/support/own-redis.js';
import { draft, draftOf } from '../../apps/server/test/support/rolling-text.js';
import { readLog, replay, requireBuiltServer, sleep, withTimeout } from '../support/built-server.js';
import { HashProxy } from './hash-proxy.js';
import { RawSocket } from './raw-socket.js';
import { REFUSED_COMMIT, type ServerNode, serverNodes } from './server-nodes.js';
import { TokenTypist } from './token-typist.js';

const PASSWORD = 'accord-demo';
/** Members who may edit a new document (civil society and observers may not). */
const EDITORS = ['chair', 'secretariat', 'arandia', 'veloria'] as const;
/** Whose extra sessions are logged out during the run. */
const REVOKED_MEMBER = 'ngo@accord.example';
const NODES = 3;
const DOCUMENTS = 20;
const TYPE_EVERY_MS = 400;
const LEASE_TTL_MS = 2000;
/** A paused owner stays paused at least this long: past its lease, with margin. */
const PAUSE_MS = LEASE_TTL_MS + 1500;
const REDIS_DOWN_MS = 2000;
/** Steady typing before the first fault and between faults, so each fault meets a busy cluster. */
const STEADY_MS = 5000;
/** Typing goes on this long after the last fault, so the run ends in a settled cluster. */
const SETTLE_MS = 10_000;

const usePostgres = Boolean(process.env.DATABASE_URL);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const haveRedis = spawnSync('redis-server', ['--version']).status === 0;

interface Revocation {
  label: string;
  loggedOutAt: number;
  /** For a logout while Redis was down: when Redis was back. */
  redisBackAt: number | null;
  sockets: Array<{ node: string; socket: RawSocket }>;
}

describe.skipIf(!usePostgres || (!haveRedis && !inCi))(
  `${NODES} servers, ${DOCUMENTS} documents × ${EDITORS.length} clients through a hashing proxy: SIGKILL, SIGSTOP past the lease, a Redis restart (PostgreSQL only)`,
  () => {
    let database: TestDatabase;
    let redis: OwnRedis;
    let nodes: ServerNode[] = [];
    let proxy: HashProxy | null = null;
    const tokens = new Map<string, string>();
    const documentIds: string[] = [];
    const typists: TokenTypist[] = [];
    const rawSockets: RawSocket[] = [];
    const changeRefusals: string[] = [];
    const started = Date.now();

    const node = (id: string) => nodes.find((n) => n.id === id)!;
    const log = (line: string) => say(`[chaos ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

    /** Who holds each of the test's documents now, by the lease table (node_id null: released). */
    async function owners(): Promise<Map<string, { nodeId: string | null; epoch: number }>> {
      const rows = await database.db.query.documentLeases.findMany({ where: (row, { inArray }) => inArray(row.documentId, documentIds) });
      return new Map(rows.map((r) => [r.documentId, { nodeId: r.nodeId, epoch: r.epoch }]));
    }

    async function connectRaw(url: string, token: string): Promise<RawSocket> {
      const socket = await RawSocket.connect(url, token);
      rawSockets.push(socket);
      return socket;
    }

    /** A fresh session of REVOKED_MEMBER with one socket on every running server; `api` signs out on `via`. */
    async function sessionOnEveryNode(label: string, via: ServerNode): Promise<{ api: AccordApi; revocation: Revocation }> {
      const api = await signIn(REVOKED_MEMBER, via);
      const sockets = await Promise.all(nodes.filter((n) => n.running).map(async (n) => ({ node: n.id, socket: await connectRaw(n.url, api.token!) })));
      return { api, revocation: { label, loggedOutAt: 0, redisBackAt: null, sockets } };
    }

    /** Yjs client ids the test knows, for naming them in a report. */
    const clientNames = new Map<number, string>();

    /** What each client of the document holds that the stored log lacks, by Yjs client id and clock. */
    async function unstored(documentId: string): Promise<string> {
      const stored = replay(await readLog(database, documentId));
      const storedClocks = Y.decodeStateVector(Y.encodeStateVector(stored));
      for (const t of typists) clientNames.set(t.handle.doc.clientID, t.tag);
      return typists
        .filter((t) => t.documentId === documentId)
        .map((t) => {
          const ahead = [...Y.decodeStateVector(Y.encodeStateVector(t.handle.doc))]
            .filter(([client, clock]) => (storedClocks.get(client) ?? 0) < clock)
            .map(([client, clock]) => `${clientNames.get(client) ?? client} ${storedClocks.get(client) ?? 0}<${clock}`);
          return `${t.tag} [${t.handle.status}] ahead of the log: ${ahead.join(', ') || 'nothing'}`;
        })
        .join('; ');
    }

    /** Every server is running but those the test stopped on purpose; a crash is reported with its last words. */
    function expectAlive(when: string, except: ServerNode[] = []): void {
      const dead = nodes.filter((n) => !except.includes(n) && !n.running);
      const lastWords = dead.map((n) => `${n.id} (${n.current?.child.exitCode ?? n.current?.child.signalCode}):\n${n.output().split('\n').slice(-12).join('\n')}`);
      expect(lastWords, `servers that exited ${when}`).toEqual([]);
    }

    /** When the proxy first marked `id` down after `since`, relative to it. */
    function markedDownAfter(id: string, since: number): number | null {
      const change = proxy!.healthChanges.find((c) => c.id === id && !c.up && c.at >= since);
      return change ? change.at - since : null;
    }

    /** Per document owned by the victim: from the fault to the first word typed after it and saved. */
    function recoveryTimes(documents: string[], since: number): number[] {
      return documents.map((documentId) => {
        const saved = typists
          .filter((t) => t.documentId === documentId)
          .flatMap((t) => t.words)
          .filter((w) => w.typedAt > since && w.savedAt !== null)
          .map((w) => w.savedAt! - since);
        return saved.length > 0 ? Math.min(...saved) : Number.POSITIVE_INFINITY;
      });
    }

    beforeAll(async () => {
      if (!haveRedis) throw new Error('redis-server is not on the PATH: the chaos test starts its own Redis, to restart it (CI installs redis-server)');
      requireBuiltServer();
      redis = await OwnRedis.start();
      // Not migrated here: the first server migrates it, as in production.
      database = await createTestDatabase(process.env.DATABASE_URL, { migrate: false });
      nodes = await serverNodes(NODES, (id, port) => ({
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url!,
        REDIS_URL: redis.url,
        NODE_ID: id,
        LEASE_TTL: `${LEASE_TTL_MS}ms`,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'warn',
        SEED_DEMO: id === 'node-1' ? 'true' : 'false',
        // Each member's one session holds a socket per document (20), over the default cap of 20 per
        // session once a reconnection overlaps a socket its server has not yet seen go.
        SYNC_MAX_CONNECTIONS_PER_SESSION: '100',
        SYNC_MAX_CONNECTIONS_PER_USER: '200',
      }));
      // The first seeds the demo; the others start on a seeded database.
      await nodes[0]!.start();
      await Promise.all(nodes.slice(1).map((n) => n.start()));
      proxy = new HashProxy(nodes.map((n) => ({ id: n.id, port: n.port })));
      await proxy.listen();
      log(`servers up (${nodes.map((n) => `${n.id}:${n.port}`).join(', ')}), proxy ${proxy.url}, redis ${redis.url}`);

      for (const [i, name] of EDITORS.entries()) tokens.set(name, (await signIn(`${name}@accord.example`, nodes[i % NODES]!)).token!);
      const chair = new AccordApi({ baseUrl: nodes[0]!.url, token: tokens.get('chair')! });
      const [dialogue] = await chair.dialogues.list();
      const run = Date.now().toString(36);
      const created = await Promise.all(
        Array.from({ length: DOCUMENTS }, (_, d) =>
          new AccordApi({ baseUrl: nodes[d % NODES]!.url, token: tokens.get('chair')! }).documents.create(dialogue!.id, {
            title: `Chaos ${d}`,
            symbol: `T15/CHAOS/${run}/${d}`,
          }),
        ),
      );
      documentIds.push(...created.map((c) => c.id));
      const opened = await Promise.all(
        documentIds.flatMap((documentId, d) =>
          EDITORS.map(async (name, c) => {
            const client = await AccordClient.connect({
              url: proxy!.url,
              token: tokens.get(name)!,
              transports: ['websocket'],
              routeKey: documentId,
              reconnectionDelayMaxMs: 500,
            });
            const handle = client.open(documentId);
            handle.onRefused((refusal) => changeRefusals.push(`d${d}c${c} ${refusal.code}`));
            return new TokenTypist(client, handle, documentId, `d${String(d).padStart(2, '0')}c${c}`);
          }),
        ),
      );
      typists.push(...opened);
      await withTimeout(Promise.all(typists.map((t) => t.handle.synced)), 30_000, 'every client synced');
      log(`${typists.length} clients synced on ${DOCUMENTS} documents; proxy routed ${JSON.stringify(Object.fromEntries(proxy.routed))}`);
    }, 60_000);

    afterAll(async () => {
      for (const typist of typists) typist.client.close();
      for (const socket of rawSockets) socket.close();
      await proxy?.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await redis?.kill();
      await database?.close();
    });

    it('loses no acknowledged word, keeps every log gap-free, converges every client, fences the paused owner and revokes on every server', async () => {
      onTestFailed(() => {
        for (const n of nodes) {
          const lines = n.runs.flatMap((run) => run.output().split('\n')).filter((line) => line.trim() !== '');
          say(`--- ${n.id} (pids ${n.runs.map((run) => run.child.pid).join(', ')}): last lines of its output ---\n${lines.slice(-25).join('\n')}`);
        }
        const stuck = typists
          .filter((t) => t.handle.status !== 'saved')
          .map((t) => `${t.tag}:${t.handle.status}${t.client.connected ? '' : '(disconnected)'} via ${proxy?.lastRoute.get(t.documentId)}`);
        say(`clients not saved: ${stuck.join(' ') || 'none'}`);
        void owners().then((held) => say(`owners: ${documentIds.map((doc, d) => `d${d}=${held.get(doc)?.nodeId}/${held.get(doc)?.epoch}`).join(' ')}`));
      });
      for (const typist of typists) typist.start(TYPE_EVERY_MS);
      const typingFrom = Date.now();
      await sleep(STEADY_MS);

      // Revocation before the faults: logged out on one server, heard on all three.
      const first = await sessionOnEveryNode('logout before the faults', nodes[0]!);
      first.revocation.loggedOutAt = Date.now();
      await first.api.signOut();
      const firstRevokedMs = await heardRevoked(first.revocation, 5000);
      log(`logout on ${nodes[0]!.id} heard on ${first.revocation.sockets.length} servers within ${firstRevokedMs} ms`);

      // (a) SIGKILL the server that owns the most documents; it comes back after a few seconds.
      const beforeKill = await owners();
      const held = (id: string, map: typeof beforeKill) => documentIds.filter((doc) => map.get(doc)?.nodeId === id);
      const victim = [...nodes].toSorted((a, b) => held(b.id, beforeKill).length - held(a.id, beforeKill).length)[0]!;
      const victimDocuments = held(victim.id, beforeKill);
      expect(victimDocuments.length).toBeGreaterThan(0);
      const killedAt = Date.now();
      await victim.kill();
      log(`SIGKILLed ${victim.id}, owner of ${victimDocuments.length} documents`);
      await eventually(() => expect(proxy!.isUp(victim.id)).toBe(false), 5000);
      await eventually(async () => {
        const now = await owners();
        expect(victimDocuments.filter((doc) => now.get(doc)?.nodeId === victim.id)).toEqual([]);
      }, 15_000);
      const takenOverMs = Date.now() - killedAt;
      log(`${victim.id}'s documents taken over after ${takenOverMs} ms`);
      // Back after a few seconds, while the next fault goes on: a loaded machine starts a server slowly.
      let restartedAfterMs = 0;
      const restarted = (async () => {
        await sleep(Math.max(0, 3000 - (Date.now() - killedAt)));
        await victim.start();
        restartedAfterMs = Date.now() - killedAt;
        log(`${victim.id} restarted ${restartedAfterMs} ms after the kill`);
      })();
      // Awaited before the Redis fault; a failed start is reported there, not as an unhandled rejection.
      restarted.catch(() => {});
      await sleep(STEADY_MS);

      // (b) SIGSTOP an owner past its lease, with one socket straight to it holding an update in the
      // kernel's buffer: once resumed, that server applies it, and storage must refuse its commit.
      let paused: ServerNode | null = null;
      let pausedDocument = '';
      let probe: RawSocket | null = null;
      await eventually(async () => {
        const now = await owners();
        const byNode = nodes.filter((n) => n.running && n !== victim).toSorted((a, b) => held(b.id, now).length - held(a.id, now).length);
        const candidate = byNode[0]!;
        const documentId = held(candidate.id, now)[0];
        expect(documentId, 'a document owned by a running server').toBeDefined();
        const socket = await connectRaw(candidate.url, tokens.get('chair')!);
        await socket.open(documentId!);
        [paused, pausedDocument, probe] = [candidate, documentId!, socket];
      }, 15_000);
      const pausedNode: ServerNode = paused!;
      const probeSocket: RawSocket = probe!;
      const pausedEpoch = (await owners()).get(pausedDocument)!.epoch;
      const outputBeforePause = pausedNode.output().length;
      pausedNode.pause();
      const pausedAt = Date.now();
      const probeWord = 'probe-while-paused';
      const probeSeq = probeSocket.sendUpdate(pausedDocument, (doc) => draft(doc).insert(0, `${probeWord} `));
      // Someone must take the document meanwhile, or the paused owner would simply renew on waking: a
      // client on the next server in the proxy's order opens it (as the proxy's clients will).
      const successor = proxy!
        .candidates(pausedDocument)
        .map((c) => node(c.id))
        .find((n) => n !== pausedNode && n.running)!;
      const taker = await connectRaw(successor.url, tokens.get('secretariat')!);
      const takerOpened = taker.openWhenOwned(pausedDocument, 20_000).then(
        () => null,
        (error: unknown) => String(error),
      );
      await eventually(async () => {
        const lease = (await owners()).get(pausedDocument)!;
        expect(lease.epoch, 'the paused owner\'s document taken over').toBeGreaterThan(pausedEpoch);
        expect(lease.nodeId).not.toBe(pausedNode.id);
      }, 20_000);
      const takenAfterMs = Date.now() - pausedAt;
      await sleep(Math.max(0, PAUSE_MS - (Date.now() - pausedAt)));
      const pausedDownMs = markedDownAfter(pausedNode.id, pausedAt);
      pausedNode.resume();
      const resumedAt = Date.now();
      log(`SIGSTOPped ${pausedNode.id} (owner of d${documentIds.indexOf(pausedDocument)}) for ${resumedAt - pausedAt} ms; proxy marked it down after ${pausedDownMs} ms; its document taken over after ${takenAfterMs} ms`);
      await eventually(() => {
        expect(probeSocket.closed.map((c) => `${c.value.documentId} ${c.value.error.code}`)).toContain(`${pausedDocument} DOCUMENT_MOVED`);
      }, 10_000);
      const movedAfterMs = probeSocket.closed.find((c) => c.value.documentId === pausedDocument)!.at - resumedAt;
      await eventually(() => expect(pausedNode.linesContaining(REFUSED_COMMIT, outputBeforePause).length).toBeGreaterThanOrEqual(1), 10_000);
      expect(probeSocket.saved.get(pausedDocument) ?? 0, 'the update the paused owner took is never acknowledged').toBeLessThan(probeSeq);
      expect(await takerOpened, 'the successor opened the document').toBeNull();
      expectAlive('after the SIGSTOP', [victim]);
      clientNames.set(probeSocket.doc(pausedDocument).clientID, 'the probe');
      const probeHeldBy = typists.filter((t) => t.documentId === pausedDocument && draftOf(t.handle.doc).includes(probeWord)).map((t) => t.tag);
      log(
        `after SIGCONT: DOCUMENT_MOVED in ${movedAfterMs} ms, ${pausedNode.linesContaining(REFUSED_COMMIT, outputBeforePause).length} refused commits so far; ` +
          `the probe's unacknowledged word reached ${probeHeldBy.length ? probeHeldBy.join(', ') : 'no client'}; ` +
          `${pausedNode.id} logged: ${logSummary(pausedNode.output().slice(outputBeforePause))}`,
      );

      await sleep(STEADY_MS);

      // (c) Redis restarts; a logout while it is down reaches the other servers once it is back.
      await restarted;
      await eventually(() => expect(proxy!.isUp(victim.id)).toBe(true), 5000);
      const second = await sessionOnEveryNode('logout while Redis was down', nodes[1]!);
      await redis.kill();
      const redisDownAt = Date.now();
      await sleep(300);
      expectAlive('when Redis went away');
      second.revocation.loggedOutAt = Date.now();
      await second.api.signOut();
      await sleep(Math.max(0, REDIS_DOWN_MS - (Date.now() - redisDownAt)));
      await redis.start();
      second.revocation.redisBackAt = Date.now();
      log(`Redis down for ${second.revocation.redisBackAt - redisDownAt} ms`);
      expectAlive('while Redis was down');
      const secondRevokedMs = await heardRevoked(second.revocation, 15_000);
      log(`logout on ${nodes[1]!.id} made while Redis was down heard on ${second.revocation.sockets.length} servers ${secondRevokedMs} ms after Redis came back`);

      // One more after the restart: events cross again.
      const third = await sessionOnEveryNode('logout after Redis came back', nodes[2]!);
      third.revocation.loggedOutAt = Date.now();
      await third.api.signOut();
      const thirdRevokedMs = await heardRevoked(third.revocation, 5000);

      await sleep(SETTLE_MS);
      expectAlive('during the run');
      await Promise.all(typists.map((t) => t.stop()));
      const typingMs = Date.now() - typingFrom;
      log(`typing stopped after ${typingMs} ms; waiting for every client to be saved`);
      try {
        await withTimeout(Promise.all(typists.map((t) => t.whenAllSaved())), 30_000, 'every client saved after the faults');
      } catch (error) {
        const stuck = [...new Set(typists.filter((t) => t.handle.status !== 'saved').map((t) => t.documentId))];
        for (const documentId of stuck) log(`d${documentIds.indexOf(documentId)} (${documentId}) is not saved: ${await unstored(documentId)}`);
        throw error;
      }
      await eventually(() => expect(typists.filter((t) => t.handle.status !== 'saved').map((t) => `${t.tag}:${t.handle.status}`)).toEqual([]), 10_000);

      // The proof, from PostgreSQL.
      let rowsInAll = 0;
      const missing: string[] = [];
      for (const documentId of documentIds) {
        const rows = await readLog(database, documentId);
        rowsInAll += rows.length;
        expect(
          rows.map((r) => r.seq),
          `document ${documentId}: seq runs 1…max without gap or duplicate`,
        ).toEqual(rows.map((_, i) => i + 1));
        const stored = replay(rows);
        const words = new Set(draftOf(stored).split(/\s+/));
        for (const typist of typists.filter((t) => t.documentId === documentId)) {
          for (const word of typist.saved) if (!words.has(word.word)) missing.push(`${word.word} (document ${documentId}, saved at +${word.savedAt! - started} ms)`);
        }
        const expected = structure(stored);
        await eventually(() => {
          for (const typist of typists.filter((t) => t.documentId === documentId)) {
            expect(structure(typist.handle.doc), `${typist.tag} converged on the replayed log`).toBe(expected);
          }
        }, 10_000);
      }
      expect(missing, 'acknowledged words missing from the replayed log').toEqual([]);

      const typed = typists.reduce((sum, t) => sum + t.words.length, 0);
      const saved = typists.reduce((sum, t) => sum + t.saved.length, 0);
      const refusedCommits = pausedNode.runs.at(-1)!.output().slice(outputBeforePause).split('\n').filter((l) => l.includes(REFUSED_COMMIT)).length;
      const recoveryByDocument = recoveryTimes(victimDocuments, killedAt).map((ms, i) => ({ ms, d: documentIds.indexOf(victimDocuments[i]!) }));
      const recovery = recoveryByDocument.map((r) => r.ms).toSorted((a, b) => a - b);
      const slowest = recoveryByDocument.toSorted((a, b) => b.ms - a.ms)[0]!;
      const pausedRecovery = recoveryTimes([pausedDocument], pausedAt);
      const probeStored = draftOf(replay(await readLog(database, pausedDocument))).includes(probeWord);
      const failures = typists.flatMap((t) => t.failures);
      // Whose the probe's client id became in the log: nobody's, unless another client resent its word.
      const probeClient = probeSocket.doc(pausedDocument).clientID;
      const probeClaim = await database.db.query.documentClients.findFirst({
        where: (row, { and, eq }) => and(eq(row.documentId, pausedDocument), eq(row.clientId, probeClient)),
      });
      const probeClaimant = probeClaim ? (await database.db.query.users.findFirst({ where: (row, { eq }) => eq(row.id, probeClaim.userId) }))?.email : null;
      log(
        [
          `SUMMARY ${NODES} servers, ${DOCUMENTS} documents, ${typists.length} clients, ${(typingMs / 1000).toFixed(1)} s of typing`,
          `words typed ${typed}, acknowledged ${saved}, missing from the log ${missing.length}; log rows ${rowsInAll}; every seq gap-free; every client converged`,
          `SIGKILL ${victim.id} (${victimDocuments.length} documents): proxy marked it down after ${markedDownAfter(victim.id, killedAt)} ms; leases taken over within ${takenOverMs} ms; restarted after ${restartedAfterMs} ms; ` +
            `first word saved again per document p50 ${recovery[Math.floor(recovery.length / 2)]} ms, max ${recovery.at(-1)} ms (d${slowest.d})`,
          `SIGSTOP ${pausedNode.id} ${resumedAt - pausedAt} ms (LEASE_TTL ${LEASE_TTL_MS} ms): taken over after ${takenAfterMs} ms; refused commits after SIGCONT ${refusedCommits}; ` +
            `probe DOCUMENT_MOVED ${movedAfterMs} ms after SIGCONT, never saved; probe word in the final log: ${probeStored}${probeClaimant ? ` (its client id claimed by ${probeClaimant}; the probe signed in as chair)` : ''}; document saving again ${pausedRecovery[0]} ms after the pause`,
          `what ${pausedNode.id} logged from SIGCONT to the end: ${logSummary(pausedNode.output().slice(outputBeforePause))}`,
          `Redis restart ${second.revocation.redisBackAt! - redisDownAt} ms down`,
          `revocations (sockets on every server): before the faults ${firstRevokedMs} ms; made while Redis was down ${secondRevokedMs} ms after it came back; after ${thirdRevokedMs} ms`,
          `SDK change refusals ${changeRefusals.length}${changeRefusals.length ? ` (${[...new Set(changeRefusals.map((r) => r.split(' ')[1]))].join(', ')})` : ''}; whenSaved failures ${failures.length}`,
        ].join('\n  '),
      );
      expect(failures).toEqual([]);
      expect(refusedCommits).toBeGreaterThanOrEqual(1);
      expect(probeSocket.saved.get(pausedDocument) ?? 0, 'the update the paused owner took was never acknowledged, even later').toBeLessThan(probeSeq);
    }, 100_000);
  },
);

/** The whole rolling text as Yjs holds it (every box, paragraph and attribute), for comparing replicas. */
function structure(doc: Y.Doc): string {
  return doc.getXmlFragment(ROLLING_TEXT_FIELD).toString();
}

async function signIn(email: string, via: ServerNode): Promise<AccordApi> {
  const api = new AccordApi({ baseUrl: via.url });
  await api.signIn(email, PASSWORD);
  return api;
}

async function heardRevoked(revocation: Revocation, ms: number): Promise<number> {
  await eventually(() => {
    const silent = revocation.sockets.filter(({ socket }) => !socket.fatal.some((f) => f.value.code === 'SESSION_REVOKED')).map((s) => s.node);
    expect(silent, `${revocation.label}: sockets that did not hear SESSION_REVOKED`).toEqual([]);
  }, ms);
  const from = revocation.redisBackAt ?? revocation.loggedOutAt;
  return Math.max(...revocation.sockets.map(({ socket }) => socket.fatal.find((f) => f.value.code === 'SESSION_REVOKED')!.at - from));
}

/** A server's JSON log lines as their messages with counts, e.g. `storage is unreachable… ×2`. */
function logSummary(output: string): string {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const { msg, code } = JSON.parse(line) as { msg?: string; code?: string };
      const key = code ? `${msg} (${code})` : String(msg);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // Not a log line.
    }
  }
  return [...counts].map(([msg, n]) => (n > 1 ? `${msg} ×${n}` : msg)).join('; ') || 'nothing';
}

/** Lines for the lead to quote, in the test's output. */
function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

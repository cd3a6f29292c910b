/**
 * Ownership with fencing (docs/architecture.md, "Running several servers"): a document's lease, its
 * epoch, and the check every commit makes in its own statement or transaction. Two engines on one
 * database play two servers; the stale one must never store, and so never acknowledge, a write.
 */
import { dialogues, documentLeases, documents, documentUpdates, users } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { LeaseLostError, type SeatAccess, type StoredUpdate, SyncEngine, type SyncError, type SyncPeer } from '@accord/sync';
import { encodeUpdate } from '@accord/sync/protocol';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RedisConnections } from '../src/cluster/redis-connections.js';
import { DocumentLeases } from '../src/collab/document-leases.repository.js';
import { DocumentLogRepository } from '../src/collab/document-log.repository.js';
import type { AppConfig } from '../src/config/config.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const access: SeatAccess = { readOnly: false, role: 'delegate', affiliation: null };

describe(`document leases and fencing (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let userId: string;
  let dialogueId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const [user] = await t.db.insert(users).values({ email: 'lease@accord.example', displayName: 'L', passwordHash: 'h' }).returning();
    userId = user!.id;
    const [dialogue] = await t.db.insert(dialogues).values({ title: 'Leases', createdBy: userId }).returning();
    dialogueId = dialogue!.id;
  });
  afterAll(() => t?.close());

  let count = 0;
  async function newDocument(): Promise<string> {
    const [created] = await t.db.insert(documents).values({ dialogueId, title: 'Text', symbol: `T15/LEASE/${++count}` }).returning();
    return created!.id;
  }

  /** One server's view: its name, its leases, its log repository (which fences with that name). */
  function server(nodeId: string, options: { ttlMs?: number; alone?: boolean } = {}) {
    const config = { cluster: { nodeId, leaseTtlMs: options.ttlMs ?? 3000, redisUrl: undefined } } as unknown as AppConfig;
    const redis = { enabled: !options.alone } as RedisConnections;
    return { leases: new DocumentLeases(t.db, config, redis), log: new DocumentLogRepository(t.db, config) };
  }

  function row(documentId: string, seq: number, text = `update ${seq}`): StoredUpdate {
    return { documentId, seq, update: new TextEncoder().encode(text), userId, sessionId: 's', connectionId: 'c', createdAt: new Date() };
  }

  const storedSeqs = async (documentId: string) =>
    (await t.db.select({ seq: documentUpdates.seq }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).orderBy(asc(documentUpdates.seq))).map((r) => r.seq);

  it('takes a document once: a second server is told who holds it, and takes it after a release with the next epoch', async () => {
    const doc = await newDocument();
    const a = server('node-a');
    const b = server('node-b');
    expect(await a.leases.take(doc)).toEqual({ owner: true, epoch: 1 });
    expect(await b.leases.take(doc)).toEqual({ owner: false, holder: 'node-a' });
    await a.leases.release([{ documentId: doc, epoch: 1 }]);
    expect(await b.leases.take(doc)).toEqual({ owner: true, epoch: 2 });
    // The same server taking again (its room was closed and reopened) also moves the epoch on.
    expect(await b.leases.take(doc)).toEqual({ owner: true, epoch: 3 });
  });

  it('refuses a commit under a lost lease, in the one-statement path and in the transaction path, storing nothing', async () => {
    const doc = await newDocument();
    const a = server('node-a');
    const b = server('node-b');
    await a.leases.take(doc);
    await a.log.append({ updates: [row(doc, 1)], checkpoints: [], fences: [{ documentId: doc, epoch: 1 }] });
    await a.leases.release([{ documentId: doc, epoch: 1 }]);
    const taken = await b.leases.take(doc);
    expect(taken).toEqual({ owner: true, epoch: 2 });

    const fast = a.log.append({ updates: [row(doc, 2, 'stale')], checkpoints: [], fences: [{ documentId: doc, epoch: 1 }] });
    await expect(fast).rejects.toEqual(new LeaseLostError(doc, 1));
    const careful = a.log.append({
      updates: [row(doc, 2, 'stale')],
      checkpoints: [{ documentId: doc, seq: 2, state: new Uint8Array([0, 0]), stateVector: new Uint8Array([0]), createdAt: new Date() }],
      fences: [{ documentId: doc, epoch: 1 }],
    });
    await expect(careful).rejects.toBeInstanceOf(LeaseLostError);
    expect(await storedSeqs(doc)).toEqual([1]);

    // The new owner writes on from what it loaded.
    await b.log.append({ updates: [row(doc, 2, 'fresh')], checkpoints: [], fences: [{ documentId: doc, epoch: 2 }] });
    expect(await storedSeqs(doc)).toEqual([1, 2]);
  });

  it('refuses a whole batch when one of its documents lost its lease, and names that one', async () => {
    const kept = await newDocument();
    const lost = await newDocument();
    const a = server('node-a');
    await a.leases.take(kept);
    await a.leases.take(lost);
    await server('node-b', { alone: true }).leases.take(lost);
    const batch = a.log.append({
      updates: [row(kept, 1), row(lost, 1)],
      checkpoints: [],
      fences: [
        { documentId: kept, epoch: 1 },
        { documentId: lost, epoch: 1 },
      ],
    });
    await expect(batch).rejects.toEqual(new LeaseLostError(lost, 1));
    expect(await storedSeqs(kept)).toEqual([]);
  });

  it('expires by the database clock: another server takes an unrenewed lease, and the old owner learns it lost it', async () => {
    const doc = await newDocument();
    const a = server('node-a', { ttlMs: 1000 });
    const b = server('node-b', { ttlMs: 1000 });
    await a.leases.take(doc);
    expect((await b.leases.take(doc)).owner).toBe(false);
    expect(await a.leases.renew([{ documentId: doc, epoch: 1 }])).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await b.leases.take(doc)).toEqual({ owner: true, epoch: 2 });
    expect(await a.leases.renew([{ documentId: doc, epoch: 1 }])).toEqual([{ documentId: doc, epoch: 1 }]);
    const [lease] = await t.db.select().from(documentLeases).where(eq(documentLeases.documentId, doc));
    expect(lease).toMatchObject({ nodeId: 'node-b', epoch: 2 });
  });

  it('a server running alone takes a lease its killed predecessor left behind at once', async () => {
    const doc = await newDocument();
    await server('killed').leases.take(doc);
    expect(await server('restarted', { alone: true }).leases.take(doc)).toEqual({ owner: true, epoch: 2 });
  });

  it('a stale engine applies a write in memory but never acknowledges it: the commit is refused, the room closed, its client told to reopen', async () => {
    const doc = await newDocument();
    const a = server('node-a');
    const b = server('node-b');
    const engineA = new SyncEngine({ store: a.log, ownership: a.leases });
    const engineB = new SyncEngine({ store: b.log, ownership: b.leases });
    const alice = peer('alice', userId);
    try {
      await engineA.open(alice, doc, access);
      const text = new Y.Doc();
      const updates: Uint8Array[] = [];
      text.on('update', (u: Uint8Array) => updates.push(u));
      text.getText('t').insert(0, 'acknowledged ');
      engineA.receive(alice, doc, 1, encodeUpdate(updates[0]!));
      await engineA.flush();
      expect(alice.acks).toEqual([1]);

      // Node A is "paused": its lease expires (forced here), node B takes the document and writes.
      await t.db.execute(sql`update document_leases set expires_at = now() - interval '1 second' where document_id = ${doc}::uuid`);
      const bob = peer('bob', userId);
      await engineB.open(bob, doc, access);
      const other = new Y.Doc();
      const otherUpdates: Uint8Array[] = [];
      other.on('update', (u: Uint8Array) => otherUpdates.push(u));
      other.getText('t').insert(0, 'new owner ');
      engineB.receive(bob, doc, 1, encodeUpdate(otherUpdates[0]!));
      await engineB.flush();
      expect(bob.acks).toEqual([1]);

      // A "resumes" and receives one more update: applied in its memory, refused by storage.
      text.getText('t').insert(0, 'never saved ');
      engineA.receive(alice, doc, 2, encodeUpdate(updates[1]!));
      await engineA.flush();
      expect(alice.acks).toEqual([1]);
      expect(alice.closings.map((e) => e.code)).toEqual(['DOCUMENT_MOVED']);

      const log = await storedSeqs(doc);
      expect(log).toEqual([1, 2]);
      const replayed = new Y.Doc();
      for (const stored of await b.log.readLog(doc)) Y.applyUpdate(replayed, stored.update);
      expect(replayed.getText('t').toString()).not.toContain('never saved');
      expect(replayed.getText('t').toString()).toContain('acknowledged');
      expect(replayed.getText('t').toString()).toContain('new owner');
    } finally {
      await engineA.shutdown({ timeoutMs: 2000 });
      await engineB.shutdown({ timeoutMs: 2000 });
    }
  });

  it('a graceful stop releases its leases: another server takes the documents at once', async () => {
    const doc = await newDocument();
    const a = server('node-a', { ttlMs: 60_000 });
    const engineA = new SyncEngine({ store: a.log, ownership: a.leases });
    await engineA.open(peer('alice', userId), doc, access);
    expect((await server('node-b').leases.take(doc)).owner).toBe(false);
    await engineA.shutdown({ timeoutMs: 2000 });
    expect((await server('node-b').leases.take(doc)).owner).toBe(true);
  });

  it.skipIf(!onPostgres)('a taking waits for a commit in flight under the old epoch, so it loads what that commit stored', async () => {
    const doc = await newDocument();
    const a = server('node-a', { ttlMs: 1000 });
    await a.leases.take(doc);
    await t.db.execute(sql`update document_leases set expires_at = now() - interval '1 second' where document_id = ${doc}::uuid`);
    // Node A's commit, held open after passing its fence (the lease row locked FOR SHARE).
    let takenAt = 0;
    let committedAt = 0;
    let taking: Promise<unknown> = Promise.resolve();
    await t.db.transaction(async (tx) => {
      const fenced = await tx.execute(sql`select epoch from document_leases where document_id = ${doc}::uuid and node_id = 'node-a' and epoch = 1 for share`);
      expect(Array.isArray(fenced) ? fenced : (fenced as { rows: unknown[] }).rows).toHaveLength(1);
      taking = server('node-b').leases.take(doc).then((result) => {
        takenAt = performance.now();
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(takenAt).toBe(0);
      await tx.insert(documentUpdates).values({ documentId: doc, seq: 1, update: new Uint8Array([0]), userId, sessionId: 's', connectionId: 'c' });
      committedAt = performance.now();
    });
    expect(await taking).toEqual({ owner: true, epoch: 2 });
    expect(takenAt).toBeGreaterThanOrEqual(committedAt);
    expect(await storedSeqs(doc)).toEqual([1]);
  });
});

function peer(id: string, userId: string) {
  const acks: number[] = [];
  const closings: Array<ReturnType<SyncError['toPayload']>> = [];
  const p: SyncPeer = {
    id,
    identity: { userId, sessionId: `${id}-session`, name: id, colour: '#000000' },
    send: () => {},
    saved: (_doc, seq) => acks.push(seq),
    refused: (_doc, seq, error) => {
      throw new Error(`unexpected refusal of ${seq}: ${error.code}`);
    },
    closed: (_doc, error) => closings.push(error.toPayload()),
    storage: () => {},
  };
  return Object.assign(p, { acks, closings });
}

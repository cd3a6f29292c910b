import { randomBytes, randomUUID } from 'node:crypto';
import { type Database, dialogues, documentCheckpoints, documents, documentUpdates, openDatabase, users } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { type Checkpoint, SequenceConflictError, type StoredUpdate } from '@accord/sync';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentLogRepository, HISTORY_CHECKPOINT_SPACING, INITIAL_CONTENT_CONNECTION_ID, INITIAL_CONTENT_SESSION_ID } from '../src/collab/document-log.repository.js';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** What `load` returns of a stored update. */
const asLoaded = ({ seq, update }: StoredUpdate) => ({ seq, update });

/** The storage contract of the engine's DocumentStore, on whatever database this run uses. */
describe(`document log storage (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let store: DocumentLogRepository;
  let userId: string;
  let dialogueId: string;
  const at = new Date('2026-03-02T09:00:00.123Z');

  beforeAll(async () => {
    t = await createTestDatabase();
    store = new DocumentLogRepository(t.db);
    const [user] = await t.db.insert(users).values({ email: 'writer@accord.example', displayName: 'W', passwordHash: 'h' }).returning();
    userId = user!.id;
    const [dialogue] = await t.db.insert(dialogues).values({ title: 'Dialogue', createdBy: userId }).returning();
    dialogueId = dialogue!.id;
  });
  afterAll(() => t?.close());

  let documentCount = 0;
  async function newDocument(inDialogue = dialogueId): Promise<string> {
    const [row] = await t.db
      .insert(documents)
      .values({ dialogueId: inDialogue, title: 'Rolling text', symbol: `T15/LOG/${++documentCount}` })
      .returning();
    return row!.id;
  }

  /**
   * Every third update is the server's own change (an accepted amendment), which the log names by its
   * source; every update names the paragraphs it touched, except every fourth (a box title's edit
   * touches none) and every fifth (rows from before the history: unknown).
   */
  function entry(documentId: string, seq: number, bytes = bytesOf(`update ${seq}`)): StoredUpdate {
    const server = seq % 3 === 0;
    const touched = seq % 5 === 0 ? null : seq % 4 === 0 ? [] : [`p-${seq}`, 'Para_2-x'];
    return {
      documentId,
      seq,
      update: bytes,
      userId,
      sessionId: 'session-1',
      connectionId: server ? 'server' : 'connection-1',
      source: server ? `amendment:${documentId}` : null,
      touched,
      // The author's role then: unknown (null) for rows from before roles were kept.
      role: seq % 7 === 0 ? null : server ? 'chair' : 'delegate',
      createdAt: at,
    };
  }
  function entries(documentId: string, from: number, to: number): StoredUpdate[] {
    return Array.from({ length: to - from + 1 }, (_, i) => entry(documentId, from + i));
  }
  function checkpoint(documentId: string, seq: number): Checkpoint {
    return { documentId, seq, state: bytesOf(`state at ${seq}`), stateVector: bytesOf(`vector at ${seq}`), createdAt: at };
  }
  const checkpointSeqs = async (documentId: string) =>
    (
      await t.db
        .select({ seq: documentCheckpoints.seq })
        .from(documentCheckpoints)
        .where(eq(documentCheckpoints.documentId, documentId))
        .orderBy(asc(documentCheckpoints.seq))
    ).map((r) => r.seq);

  it('loads a document without a log as no checkpoint and no updates', async () => {
    expect(await store.load(await newDocument())).toEqual({ checkpoint: null, updates: [], claims: [] });
    expect(await store.load(randomUUID())).toEqual({ checkpoint: null, updates: [], claims: [] });
  });

  it('resolves an empty batch without touching the database', async () => {
    const unusable = new Proxy({} as Database, {
      get() {
        throw new Error('the database was used');
      },
    });
    await expect(new DocumentLogRepository(unusable).append({ updates: [], checkpoints: [] })).resolves.toBeUndefined();
    await expect(new DocumentLogRepository(unusable).append({ updates: [entry(randomUUID(), 1)], checkpoints: [] })).rejects.toThrow(
      'the database was used',
    );
  });

  it('returns exactly the appended bytes, in seq order, with who wrote them', async () => {
    const doc = await newDocument();
    await store.append({ updates: entries(doc, 1, 3), checkpoints: [] });
    // Rows of a batch may arrive in any order; seq decides.
    await store.append({ updates: entries(doc, 4, 6).toReversed(), checkpoints: [] });

    expect(await store.load(doc)).toEqual({
      checkpoint: null,
      updates: entries(doc, 1, 6).map(asLoaded),
      claims: [],
    });
    expect(await store.readLog(doc)).toEqual(entries(doc, 1, 6));
    expect(await store.readLog(doc, 4)).toEqual(entries(doc, 5, 6));
    expect(await store.countUpdates(doc)).toBe(6);
  });

  it('loads the newest checkpoint plus only the updates after it, and prunes all but the newest three and the first of each stretch of the history', async () => {
    const doc = await newDocument();
    const other = await newDocument();
    await store.append({ updates: entries(other, 1, 2), checkpoints: [checkpoint(other, 1), checkpoint(other, 2)] });
    await store.append({ updates: entries(doc, 1, 10), checkpoints: [checkpoint(doc, 4)] });

    expect(await store.load(doc)).toEqual({
      checkpoint: checkpoint(doc, 4),
      updates: entries(doc, 5, 10).map(asLoaded),
      claims: [],
    });

    await store.append({ updates: entries(doc, 11, 12), checkpoints: [checkpoint(doc, 6), checkpoint(doc, 8)] });
    expect(await checkpointSeqs(doc)).toEqual([4, 6, 8]);
    await store.append({ updates: entries(doc, 13, 13), checkpoints: [checkpoint(doc, 12)] });
    // 4 is the first checkpoint of positions 0–999: kept for reading the history, beside the newest three.
    expect(await checkpointSeqs(doc)).toEqual([4, 6, 8, 12]);
    await store.append({ updates: [], checkpoints: [checkpoint(doc, 13)] });
    expect(await checkpointSeqs(doc)).toEqual([4, 8, 12, 13]);
    expect(await store.load(doc)).toEqual({ checkpoint: checkpoint(doc, 13), updates: [], claims: [] });

    // Further stretches of HISTORY_CHECKPOINT_SPACING updates each keep their first checkpoint.
    const spacing = HISTORY_CHECKPOINT_SPACING;
    await store.append({ updates: entries(doc, 14, 2 * spacing + 10), checkpoints: [999, spacing + 5, spacing + 500, 2 * spacing + 1, 2 * spacing + 2, 2 * spacing + 3, 2 * spacing + 9].map((seq) => checkpoint(doc, seq)) });
    expect(await checkpointSeqs(doc)).toEqual([4, spacing + 5, 2 * spacing + 1, 2 * spacing + 2, 2 * spacing + 3, 2 * spacing + 9]);
    expect(await store.checkpointAtOrBefore(doc, spacing + 4)).toEqual(checkpoint(doc, 4));
    expect(await store.checkpointAtOrBefore(doc, spacing + 5)).toEqual(checkpoint(doc, spacing + 5));
    expect(await store.checkpointAtOrBefore(doc, 3)).toBeNull();
    expect(await store.load(doc)).toEqual({ checkpoint: checkpoint(doc, 2 * spacing + 9), updates: entries(doc, 2 * spacing + 10, 2 * spacing + 10).map(asLoaded), claims: [] });
    // Pruning is per document, and the log itself is never pruned.
    expect(await checkpointSeqs(other)).toEqual([1, 2]);
    expect(await store.countUpdates(doc)).toBe(2 * HISTORY_CHECKPOINT_SPACING + 10);
  });

  it('stores client id claims in the transaction of their update: a retry keeps the first claim, a refused batch stores none', async () => {
    const doc = await newDocument();
    const claim = (clientId: number, sessionId = 'session-1') => ({ documentId: doc, clientId, userId, sessionId, createdAt: at });
    await store.append({ updates: entries(doc, 1, 1), checkpoints: [], claims: [claim(7), claim(2 ** 32 - 1)] });
    // A retried batch, and a later claim of the same id by another session: the first claim stands.
    await store.append({ updates: entries(doc, 1, 1), checkpoints: [], claims: [claim(7)] });
    await store.append({ updates: entries(doc, 2, 2), checkpoints: [], claims: [claim(7, 'session-2'), claim(8, 'session-2')] });
    const claims = (await store.load(doc)).claims.toSorted((a, b) => a.clientId - b.clientId);
    expect(claims).toEqual([
      { clientId: 7, userId, sessionId: 'session-1' },
      { clientId: 8, userId, sessionId: 'session-2' },
      { clientId: 2 ** 32 - 1, userId, sessionId: 'session-1' },
    ]);
    // All or nothing: a refused update row takes its claims with it.
    await expect(store.append({ updates: [{ ...entry(doc, 3), userId: randomUUID() }], checkpoints: [], claims: [claim(9)] })).rejects.toMatchObject({
      code: expect.stringMatching(/^23/),
    });
    expect((await store.load(doc)).claims.map((c) => c.clientId)).not.toContain(9);
  });

  it('stores nothing of a batch in which any row is refused', async () => {
    const doc = await newDocument();
    const refused: Array<{ why: string; updates: StoredUpdate[]; checkpoints: Checkpoint[] }> = [
      { why: 'unknown document', updates: [...entries(doc, 1, 3), entry(randomUUID(), 4)], checkpoints: [] },
      { why: 'unknown user', updates: [...entries(doc, 1, 2), { ...entry(doc, 3), userId: randomUUID() }], checkpoints: [] },
      { why: 'seq below 1', updates: [entry(doc, 0), ...entries(doc, 1, 2)], checkpoints: [] },
      { why: 'checkpoint of an unknown document', updates: entries(doc, 1, 3), checkpoints: [checkpoint(doc, 3), checkpoint(randomUUID(), 3)] },
    ];
    for (const batch of refused) {
      const error = await store.append(batch).catch((e: unknown) => e);
      // The driver's error, with its SQLSTATE, and none of the batch's content.
      expect(error, batch.why).toMatchObject({ code: expect.stringMatching(/^23/) });
      expect(JSON.stringify(error) + String(error), batch.why).not.toContain(Buffer.from('update 1').toString('hex'));
      expect(await store.countUpdates(doc), batch.why).toBe(0);
      expect(await checkpointSeqs(doc), batch.why).toEqual([]);
    }
  });

  it('accepts a retried batch whose rows are already stored with the same bytes', async () => {
    const doc = await newDocument();
    const batch = { updates: entries(doc, 1, 3), checkpoints: [checkpoint(doc, 3)] };
    await store.append(batch);
    await store.append(batch);
    // A retry that overlaps what was stored and carries more.
    await store.append({ updates: entries(doc, 2, 5), checkpoints: [checkpoint(doc, 5)] });

    expect(await store.readLog(doc)).toEqual(entries(doc, 1, 5));
    expect(await checkpointSeqs(doc)).toEqual([3, 5]);
  });

  it('refuses a batch that holds different bytes at a stored seq, storing none of it', async () => {
    const doc = await newDocument();
    await store.append({ updates: entries(doc, 1, 3), checkpoints: [] });
    const rival = { updates: [entry(doc, 3, bytesOf('another writer')), entry(doc, 4)], checkpoints: [checkpoint(doc, 4)] };

    const error = await store.append(rival).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SequenceConflictError);
    expect(error).toMatchObject({ documentId: doc, seq: 3 });
    expect(await store.readLog(doc)).toEqual(entries(doc, 1, 3));
    expect(await checkpointSeqs(doc)).toEqual([]);

    // Two different updates at one seq inside a single batch conflict the same way.
    await expect(store.append({ updates: [entry(doc, 4), entry(doc, 4, bytesOf('twin'))], checkpoints: [] })).rejects.toBeInstanceOf(
      SequenceConflictError,
    );
    expect(await store.countUpdates(doc)).toBe(3);
  });

  it('keeps the log append-only, except when its document is deleted', async () => {
    const doc = await newDocument();
    await store.append({ updates: entries(doc, 1, 3), checkpoints: [checkpoint(doc, 3)] });
    const row = eq(documentUpdates.documentId, doc);

    const appendOnly = { cause: { message: 'document_updates is append-only' } };
    await expect(t.db.update(documentUpdates).set({ update: bytesOf('forged') }).where(row)).rejects.toMatchObject(appendOnly);
    await expect(t.db.update(documentUpdates).set({ seq: 99 }).where(row)).rejects.toMatchObject(appendOnly);
    await expect(t.db.delete(documentUpdates).where(row)).rejects.toMatchObject(appendOnly);
    await expect(t.db.execute(sql`truncate document_updates`)).rejects.toMatchObject(appendOnly);
    expect(await store.readLog(doc)).toEqual(entries(doc, 1, 3));

    await t.db.delete(documents).where(eq(documents.id, doc));
    expect(await store.countUpdates(doc)).toBe(0);
    expect(await checkpointSeqs(doc)).toEqual([]);

    // The cascade also runs through a deleted dialogue.
    const [dialogue] = await t.db.insert(dialogues).values({ title: 'Short-lived' }).returning();
    const inDeletedDialogue = await newDocument(dialogue!.id);
    await store.append({ updates: entries(inDeletedDialogue, 1, 2), checkpoints: [] });
    await t.db.delete(dialogues).where(eq(dialogues.id, dialogue!.id));
    expect(await store.countUpdates(inDeletedDialogue)).toBe(0);
  });

  it("writes a document's initial content as seq 1 inside the caller's transaction, and never twice", async () => {
    const doc = await newDocument();
    const content = bytesOf('the five boxes');
    await t.db.transaction((tx) => store.writeInitialContent({ documentId: doc, update: content, userId, role: 'chair' }, tx));
    expect(await store.readLog(doc)).toEqual([
      { documentId: doc, seq: 1, update: content, userId, sessionId: INITIAL_CONTENT_SESSION_ID, connectionId: INITIAL_CONTENT_CONNECTION_ID, source: null, touched: null, role: 'chair', createdAt: expect.any(Date) },
    ]);
    await expect(t.db.transaction((tx) => store.writeInitialContent({ documentId: doc, update: bytesOf('again'), userId, role: 'chair' }, tx))).rejects.toMatchObject({
      code: '23505',
    });
    // The engine continues the log after it.
    await store.append({ updates: [entry(doc, 2)], checkpoints: [] });
    expect((await store.load(doc)).updates.map((u) => u.seq)).toEqual([1, 2]);

    // Rolled back with the transaction that creates the document: nothing stays.
    const rolledBack = await newDocument();
    await expect(
      t.db.transaction(async (tx) => {
        await store.writeInitialContent({ documentId: rolledBack, update: content, userId, role: 'chair' }, tx);
        throw new Error('the document could not be created');
      }),
    ).rejects.toThrow('the document could not be created');
    expect(await store.countUpdates(rolledBack)).toBe(0);
  });

  it('keeps every byte value, an empty update and a 1 MB update exactly', async () => {
    const doc = await newDocument();
    const everyByte = Uint8Array.from({ length: 512 }, (_, i) => (i < 256 ? i : 511 - i));
    const large = new Uint8Array(randomBytes(1 << 20));
    const stored = [entry(doc, 1, everyByte), entry(doc, 2, new Uint8Array(0)), entry(doc, 3, large)];
    const state = { ...checkpoint(doc, 2), state: everyByte.toReversed(), stateVector: new Uint8Array(0) };
    await store.append({ updates: stored, checkpoints: [state] });

    // Compared as hex: a deep equality over a million array elements takes seconds.
    const log = await store.readLog(doc);
    expect(log.map((u) => hex(u.update))).toEqual(stored.map((u) => hex(u.update)));
    const loaded = await store.load(doc);
    expect(loaded.checkpoint).toEqual(state);
    expect(loaded.updates.map((u) => [u.seq, hex(u.update)])).toEqual([[3, hex(large)]]);
    // Plain Uint8Arrays on both drivers, each owning its memory (no Buffer, no shared pool).
    for (const bytes of [...log.map((u) => u.update), loaded.checkpoint!.state, loaded.checkpoint!.stateVector]) {
      expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
  });

  /** A store whose database sessions may not use indexes: only ORDER BY can put rows in seq order. */
  async function storeReadingTheHeap(): Promise<{ heapStore: DocumentLogRepository; restore(): Promise<void> }> {
    const settings = ['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan'];
    if (t.url) {
      const url = new URL(t.url);
      for (const setting of settings) url.searchParams.set(setting, 'off');
      const handle = await openDatabase({ url: url.toString(), migrate: false, maxConnections: 1 });
      return { heapStore: new DocumentLogRepository(handle.db), restore: () => handle.close() };
    }
    for (const setting of settings) await t.db.execute(sql.raw(`set ${setting} = off`));
    return {
      heapStore: store,
      restore: async () => {
        for (const setting of settings) await t.db.execute(sql.raw(`reset ${setting}`));
      },
    };
  }

  it('orders seqs numerically beyond 2^31, whatever order the rows lie in', async () => {
    const doc = await newDocument();
    const seqs = [9, 10, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];
    // Stored back to front, so the table holds them in the reverse of seq order.
    await store.append({ updates: seqs.toReversed().map((seq) => entry(doc, seq)), checkpoints: [] });
    await store.append({ updates: [], checkpoints: [checkpoint(doc, 2 ** 31)] });

    const { heapStore, restore } = await storeReadingTheHeap();
    try {
      expect((await heapStore.readLog(doc)).map((u) => u.seq)).toEqual(seqs);
      const loaded = await heapStore.load(doc);
      expect(loaded.checkpoint?.seq).toBe(2 ** 31);
      expect(loaded.updates.map((u) => u.seq)).toEqual([2 ** 32 + 5, Number.MAX_SAFE_INTEGER]);
    } finally {
      await restore();
    }
  });
});

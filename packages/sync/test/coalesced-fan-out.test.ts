/**
 * Fewer frames, same guarantees (issue 16): updates committed together reach each other seat as one
 * merged update, a sender never gets its own edit back, nobody gets anything before the commit that
 * stores it, presence goes out in frames, and a first open is answered from one encoding of the
 * document for as long as the document does not change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MemoryStore, SyncEngine, decodeMessage, encodeAwareness, encodeStep1, encodeUpdate, type AppendBatch, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000dd';
const access = { readOnly: false, role: 'delegate' as const, affiliation: null };

interface Recorder extends SyncPeer {
  /** Every `y` message, decoded, with the number of updates the store held when it arrived. */
  messages: Array<{ kind: string; bytes: Uint8Array; storedAt: number }>;
  saved: SyncPeer['saved'] & { seqs: number[] };
}

function recorder(id: string, store: CountingStore): Recorder {
  const seqs: number[] = [];
  const saved = Object.assign((_doc: string, seq: number) => void seqs.push(seq), { seqs });
  const p: Recorder = {
    id,
    identity: { userId: `user-${id}`, sessionId: `${id}-session`, name: id, colour: '#000' },
    messages: [],
    send: (_doc, message) => {
      const decoded = decodeMessage(message);
      p.messages.push({ kind: decoded.kind, bytes: 'update' in decoded ? decoded.update : decoded.stateVector, storedAt: store.storedUpdates });
    },
    saved,
    refused: (_doc, seq, error) => {
      throw new Error(`refused ${seq}: ${error.code}`);
    },
    closed: () => {},
    storage: () => {},
  };
  return p;
}

/** A MemoryStore that counts the updates it has committed. */
class CountingStore extends MemoryStore {
  storedUpdates = 0;
  commits = 0;
  override async append(batch: AppendBatch): Promise<void> {
    await super.append(batch);
    this.commits += 1;
    this.storedUpdates += batch.updates.length;
  }
}

/** A client typing into its own Y.Doc, each edit one numbered `y` message from `peer`. */
function typist(engine: SyncEngine, peer: SyncPeer, clientId: number) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  let seq = 0;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') engine.receive(peer, DOC, ++seq, encodeUpdate(update));
  });
  return { doc, type: (text: string) => doc.getText('t').insert(0, text) };
}

const textOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('updates committed together', () => {
  it('reach each other seat as one frame, each sender gets only the others, and only after the commit', async () => {
    const store = new CountingStore();
    const engine = new SyncEngine({ store, limits: { commitEveryMs: 80 } });
    const [a, b, watcher] = [recorder('a', store), recorder('b', store), recorder('watcher', store)];
    for (const peer of [a, b, watcher]) await engine.open(peer, DOC, access);
    const ta = typist(engine, a, 101);
    const tb = typist(engine, b, 202);

    ta.type('x'); // the first commits at once
    await sleep(20);
    expect(store.commits).toBe(1);
    ta.type('y'); // these two wait for the next commit, at least 80 ms after the first
    tb.type('z');
    await sleep(20);
    expect(store.commits).toBe(1);
    expect(watcher.messages.filter((m) => m.kind === 'update')).toHaveLength(1);
    await engine.flush();

    const updates = watcher.messages.filter((m) => m.kind === 'update');
    expect(store.commits).toBe(2);
    expect(updates).toHaveLength(2);
    // Nothing reached anyone before the store held it.
    expect(updates.map((m) => m.storedAt)).toEqual([1, 3]);
    expect(textOf(updates.map((m) => m.bytes))).toBe(textOf([Y.encodeStateAsUpdate(ta.doc), Y.encodeStateAsUpdate(tb.doc)]));
    // Each sender got the other's edit, in one frame, and never its own.
    const toA = a.messages.filter((m) => m.kind === 'update');
    const toB = b.messages.filter((m) => m.kind === 'update');
    expect(toA).toHaveLength(1);
    expect(textOf(toA.map((m) => m.bytes))).toBe('z');
    expect(toB).toHaveLength(2);
    expect(textOf(toB.map((m) => m.bytes))).toBe(textOf([Y.encodeStateAsUpdate(ta.doc)]));
    // Acknowledged per commit: the highest seq of each sender.
    expect(a.saved.seqs).toEqual([1, 2]);
    expect(b.saved.seqs).toEqual([1]);
    await engine.shutdown();
  });

  it('a sender that left before its commit gets nothing sent to it directly', async () => {
    const store = new CountingStore();
    const engine = new SyncEngine({ store, limits: { commitEveryMs: 80 } });
    const [a, b, watcher] = [recorder('a', store), recorder('b', store), recorder('watcher', store)];
    for (const peer of [a, b, watcher]) await engine.open(peer, DOC, access);
    typist(engine, watcher, 303).type('w');
    await engine.flush();
    typist(engine, a, 101).type('x');
    typist(engine, b, 202).type('y');
    engine.close(a, DOC);
    const before = a.messages.length;
    await engine.flush();
    expect(a.messages.length).toBe(before);
    expect(textOf(b.messages.filter((m) => m.kind === 'update').map((m) => m.bytes))).toContain('x');
    await engine.shutdown();
  });
});

describe('presence', () => {
  it('goes out at once after a quiet window, then in one frame per window; a lone sender hears nothing back', async () => {
    const store = new CountingStore();
    const engine = new SyncEngine({ store, limits: { awarenessEveryMs: 60 } });
    const [a, b, watcher] = [recorder('a', store), recorder('b', store), recorder('watcher', store)];
    for (const peer of [a, b, watcher]) await engine.open(peer, DOC, access);
    const presences = new Map<number, Awareness>();
    const move = (peer: SyncPeer, clientId: number, at: number) => {
      let presence = presences.get(clientId);
      if (!presence) {
        const doc = new Y.Doc();
        doc.clientID = clientId;
        presences.set(clientId, (presence = new Awareness(doc)));
      }
      presence.setLocalState({ cursor: { at } });
      engine.receive(peer, DOC, 0, encodeAwareness(encodeAwarenessUpdate(presence, [clientId])));
    };
    move(a, 11, 1);
    expect(watcher.messages.filter((m) => m.kind === 'awareness')).toHaveLength(1);
    move(a, 11, 2);
    move(b, 22, 3);
    expect(watcher.messages.filter((m) => m.kind === 'awareness')).toHaveLength(1);
    await sleep(100);
    const frames = watcher.messages.filter((m) => m.kind === 'awareness');
    expect(frames).toHaveLength(2);
    const seen = new Awareness(new Y.Doc());
    for (const frame of frames) applyAwarenessUpdate(seen, frame.bytes, 'server');
    expect(seen.getStates().get(11)?.cursor).toEqual({ at: 2 });
    expect(seen.getStates().get(22)?.cursor).toEqual({ at: 3 });
    // The first frame had one sender, so it skipped it.
    expect(a.messages.filter((m) => m.kind === 'awareness')).toHaveLength(1);
    for (const presence of presences.values()) presence.destroy();
    await engine.shutdown();
  });
});

describe('a first open', () => {
  it('is answered from one encoding of the document until the document changes', async () => {
    const store = new CountingStore();
    const engine = new SyncEngine({ store });
    const writer = recorder('writer', store);
    await engine.open(writer, DOC, access);
    const t = typist(engine, writer, 101);
    t.type('first');
    await engine.flush();
    const join = async (id: string) => {
      const joiner = recorder(id, store);
      await engine.open(joiner, DOC, access);
      engine.receive(joiner, DOC, 0, encodeStep1(new Uint8Array([0])));
      await sleep(10);
      return joiner.messages.find((m) => m.kind === 'step2')!.bytes;
    };
    const one = await join('one');
    const two = await join('two');
    expect(two).toEqual(one);
    expect(textOf([one])).toBe('first');
    t.type('second ');
    await engine.flush();
    expect(textOf([await join('three')])).toBe('second first');
    await engine.shutdown();
  });
});

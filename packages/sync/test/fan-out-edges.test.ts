/**
 * The edges of merged fan-out and whole-state answers (found by issue 16's hostile review): a
 * connection seated again under a new peer object, shares the hold timer released early, server
 * changes, and an answer to someone opening the document while a commit is in flight.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MemoryStore,
  SyncEngine,
  decodeMessage,
  encodeStep1,
  encodeUpdate,
  type AppendBatch,
  type Ownership,
  type SyncPeer,
} from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000ef';
const access = { readOnly: false, role: 'delegate' as const, affiliation: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store whose commits wait while `gate` is closed. */
class GatedStore extends MemoryStore {
  stored = 0;
  delayMs = 0;
  private open: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  close(): void {
    this.open = new Promise((resolve) => (this.release = resolve));
  }
  reopen(): void {
    this.release?.();
  }
  override async append(batch: AppendBatch): Promise<void> {
    await this.open;
    if (this.delayMs > 0) await sleep(this.delayMs);
    await super.append(batch);
    this.stored += batch.updates.length;
  }
}

/** A client: its own Y.Doc, typing sends numbered updates, everything the server sends is applied. */
function client(engine: SyncEngine, id: string, clientId: number) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  let seq = 0;
  const received: Array<{ kind: string }> = [];
  const peer: SyncPeer = {
    id,
    identity: { userId: `user-${id}`, sessionId: `${id}-s`, name: id, colour: '#000' },
    send: (_doc, message) => {
      const decoded = decodeMessage(message);
      received.push({ kind: decoded.kind });
      if (decoded.kind === 'update' || decoded.kind === 'step2') Y.applyUpdate(doc, decoded.update, 'remote');
    },
    saved: () => {},
    refused: (_d, s, error) => {
      throw new Error(`${id} refused ${s}: ${error.code}`);
    },
    closed: () => {},
    storage: () => {},
  };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') engine.receive(peer, DOC, ++seq, encodeUpdate(update));
  });
  return { doc, peer, received, text: () => doc.getText('t').toString() };
}

describe('whole-state answers beside other servers', () => {
  // Known gap, older than issue 16 (left in the note): an answer to a step 1 leaves out
  // content under unstored claims, but not an update whose claim is stored and whose commit is still
  // in flight. Marked as failing so that the fix flips it.
  it.fails('never carry an update before its commit', async () => {
    const ownership: Ownership = {
      take: async () => ({ owner: true, epoch: 1 }),
      renew: async () => [],
      release: async () => {},
      renewEveryMs: 1_000_000,
      ttlMs: 1_000_000,
      alone: false,
    };
    const store = new GatedStore();
    const engine = new SyncEngine({ store, ownership });
    const writer = client(engine, 'w', 101);
    await engine.open(writer.peer, DOC, access);
    writer.doc.getText('t').insert(0, 'stored ');
    await engine.flush(); // the writer's claim is stored now
    store.close();
    writer.doc.getText('t').insert(7, 'UNSTORED');
    await sleep(30);
    expect(store.stored).toBe(1);
    // Someone opens the document while that commit waits.
    const joiner = client(engine, 'j', 202);
    await engine.open(joiner.peer, DOC, access);
    engine.receive(joiner.peer, DOC, 0, encodeStep1(new Uint8Array([0])));
    await sleep(30);
    expect(store.stored).toBe(1);
    // Beside other servers, nothing may reach anyone before its commit (engine.ts, sharesUnstored).
    expect(joiner.text()).toBe('stored ');
    store.reopen();
    await engine.flush();
    await engine.shutdown();
  });
});

describe('merged fan-out', () => {
  it('every seat converges on the server, with shares released by the hold timer and server changes', async () => {
    const store = new GatedStore();
    store.delayMs = 45; // slower than holdUnstoredMs: the timer releases some shares before their commit
    const engine = new SyncEngine({ store, limits: { holdUnstoredMs: 30, commitEveryMs: 10 } });
    const clients = [client(engine, 'a', 101), client(engine, 'b', 202), client(engine, 'c', 303)];
    for (const c of clients) await engine.open(c.peer, DOC, access);
    for (let round = 0; round < 12; round++) {
      for (const [i, c] of clients.entries()) {
        if ((round + i) % 3 === 0) continue;
        const t = c.doc.getText('t');
        t.insert(Math.min(t.length, round % 5), `${c.peer.id}${round}`);
        if (round % 4 === 3 && t.length > 2) t.delete(1, 1);
      }
      if (round % 3 === 1) {
        void engine.change(DOC, { userId: 'server', sessionId: 'server', source: 'test' }, (doc) => doc.getText('t').insert(0, `S${round}`));
      }
      await sleep(7 + (round % 4) * 9);
    }
    await engine.flush();
    await sleep(100);
    const server = new Y.Doc();
    Y.applyUpdate(server, engine.stateOf(DOC)!);
    for (const c of clients) expect(c.text(), c.peer.id).toBe(server.getText('t').toString());
    await engine.shutdown();
  });
});

describe('merged fan-out through a room broadcast that skips by connection id', () => {
  it('a connection seated again under a new peer object (a forwarded client that reopened) still gets the others\' edits', async () => {
    const store = new GatedStore();
    // The gateway's broadcast: a socket.io room, which skips senders by socket id (RelayPeer.id is the
    // origin's socket id, and OwnerRelay makes a new RelayPeer when a client reopens its only document).
    const room = new Map<string, SyncPeer>();
    const engine = new SyncEngine({
      store,
      broadcast: (_doc, message, except) => {
        for (const [id, peer] of room) if (!except.some((p) => p.id === id)) peer.send(DOC, message);
      },
    });
    const f1 = client(engine, 'f', 101);
    const b = client(engine, 'b', 202);
    for (const c of [f1, b]) {
      await engine.open(c.peer, DOC, access);
      room.set(c.peer.id, c.peer);
    }
    f1.doc.getText('t').insert(0, 'f-first ');
    await engine.flush();
    store.close();
    f1.doc.getText('t').insert(0, 'f-again '); // F's edit, waiting for its commit
    b.doc.getText('t').insert(0, 'B-FIRST '); // B's first edit: its claim is not stored yet
    await sleep(20);
    // F reopens the document (say after a refusal): the owner seats a new peer object with the same id.
    engine.close(f1.peer, DOC);
    const f2 = client(engine, 'f', 303);
    Y.applyUpdate(f2.doc, Y.encodeStateAsUpdate(f1.doc), 'remote');
    await engine.open(f2.peer, DOC, access);
    room.set('f', f2.peer);
    engine.receive(f2.peer, DOC, 0, encodeStep1(new Uint8Array([0])));
    await sleep(20);
    store.reopen();
    await engine.flush();
    await sleep(20);
    const server = new Y.Doc();
    Y.applyUpdate(server, engine.stateOf(DOC)!);
    expect(f2.text()).toBe(server.getText('t').toString());
    await engine.shutdown();
  });
});

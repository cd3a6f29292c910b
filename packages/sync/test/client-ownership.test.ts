/**
 * Who may write under a Yjs client id, at the engine (docs/protocol.md, "Who may write under a Yjs
 * client id"), and the engine's pacing of step 1 answers (AnswerPacer) with a clock of its own.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { AnswerPacer } from '../src/answer-pacer.js';
import { MemoryStore, SyncEngine, decodeMessage, encodeAwareness, encodeStep1, encodeStep2, encodeUpdate, type SyncError, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000bb';
const seat = { readOnly: false, role: 'delegate' as const, affiliation: null };

function peer(id: string, userId: string, sessionId = `${id}-session`) {
  const received: Uint8Array[] = [];
  const refusals: string[] = [];
  const saves: number[] = [];
  const p: SyncPeer = {
    id,
    identity: { userId, sessionId, name: id, colour: '#000' },
    send: (_doc, message) => received.push(message),
    saved: (_doc, seq) => saves.push(seq),
    refused: (_doc, _seq, error: SyncError) => refusals.push(error.code),
    closed: () => {},
    storage: () => {},
  };
  return Object.assign(p, { received, refusals, saves });
}

/** `length` characters under `clientId`, at its next clocks in `base`. */
function typed(base: Y.Doc, clientId: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  doc.getText('text').insert(doc.getText('text').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const updatesIn = (messages: Uint8Array[]) => messages.map((m) => decodeMessage(m)).filter((m) => m.kind === 'update').length;

describe('client ids belong to the session that first wrote with them', () => {
  it('stores the claim with the update, keeps it across a reload, and lets only the same user continue', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    const alice = peer('alice', 'user-a');
    await engine.open(alice, DOC, seat);
    const base = new Y.Doc();
    const first = typed(base, 1001, 'Alice drafts.');
    engine.receive(alice, DOC, 1, encodeUpdate(first));
    await engine.flush();
    expect(alice.saves).toEqual([1]);
    expect([...store.claims.get(DOC)!.values()]).toMatchObject([{ clientId: 1001, userId: 'user-a', sessionId: 'alice-session' }]);
    await engine.shutdown();

    const again = new SyncEngine({ store });
    const mallory = peer('mallory', 'user-m');
    const aliceLater = peer('alice-2', 'user-a', 'alice-new-session');
    await again.open(mallory, DOC, seat);
    await again.open(aliceLater, DOC, seat);
    Y.applyUpdate(base, first);
    again.receive(mallory, DOC, 1, encodeUpdate(typed(base, 1001, ' forged')));
    again.receive(aliceLater, DOC, 1, encodeUpdate(typed(base, 1001, ' Alice again.')));
    await again.flush();
    expect(mallory.refusals).toEqual(['CLIENT_ID_TAKEN']);
    expect(aliceLater.saves).toEqual([1]);
    await again.shutdown();
  });

  it("keeps a client id a member's presence announced for them, while they type offline", async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store });
    const victim = peer('victim', 'user-v');
    const mallory = peer('mallory', 'user-m');
    await engine.open(victim, DOC, seat);
    await engine.open(mallory, DOC, seat);
    const own = new Y.Doc();
    own.clientID = 5005;
    const presence = new Awareness(own);
    presence.setLocalState({ cursor: null });
    engine.receive(victim, DOC, 0, encodeAwareness(encodeAwarenessUpdate(presence, [5005])));
    presence.destroy();
    // Mallory read 5005 from the broadcast presence; the victim goes offline and types.
    engine.disconnect(victim);
    engine.receive(mallory, DOC, 1, encodeUpdate(typed(new Y.Doc(), 5005, 'x')));
    await engine.flush();
    expect(mallory.refusals).toEqual(['CLIENT_ID_TAKEN']);
    mallory.refusals.length = 0;
    // Nor may Mallory show up under that id once the victim's presence is gone.
    const posing = new Y.Doc();
    posing.clientID = 5005;
    const pose = new Awareness(posing);
    pose.setLocalState({ cursor: null });
    engine.receive(mallory, DOC, 0, encodeAwareness(encodeAwarenessUpdate(pose, [5005])));
    pose.destroy();
    expect(mallory.refusals).toEqual(['INVALID_AWARENESS']);

    const back = peer('victim-2', 'user-v');
    await engine.open(back, DOC, seat);
    const offline = typed(new Y.Doc(), 5005, 'written on the train');
    engine.receive(back, DOC, 1, encodeStep2(offline));
    await engine.flush();
    expect(back.refusals).toEqual([]);
    expect(back.saves).toEqual([1]);
    const server = new Y.Doc();
    Y.applyUpdate(server, engine.stateOf(DOC)!);
    expect(server.getText('text').toString()).toBe('written on the train');
    await engine.shutdown();
  });

  it('answers a member who opens the document during an outage with content under a new client id, shared at once', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store, limits: { holdUnstoredMs: 50, retryMinMs: 10, retryMaxMs: 20 } });
    const writer = peer('writer', 'user-w');
    await engine.open(writer, DOC, seat);
    const base = new Y.Doc();
    store.failing = true;
    const noticed = typed(base, 6006, 'before the outage was noticed');
    Y.applyUpdate(base, noticed);
    engine.receive(writer, DOC, 1, encodeUpdate(noticed));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(engine.stats().storageAvailable).toBe(false);
    engine.receive(writer, DOC, 2, encodeUpdate(typed(base, 7007, ' typed during it')));

    const joiner = peer('joiner', 'user-j');
    await engine.open(joiner, DOC, seat);
    engine.receive(joiner, DOC, 0, encodeStep1(new Uint8Array([0])));
    store.failing = false;
    await engine.flush();
    const seen = new Y.Doc();
    for (const message of joiner.received) {
      const decoded = decodeMessage(message);
      if (decoded.kind === 'step2' || decoded.kind === 'update') Y.applyUpdate(seen, decoded.update);
    }
    expect(seen.getText('text').toString()).toBe('before the outage was noticed typed during it');
    await engine.shutdown();
  });

  it('shares an update once it is stored (so a crash cannot leave others holding it), or after holdUnstoredMs when storage is down', async () => {
    const store = new MemoryStore();
    const engine = new SyncEngine({ store, limits: { holdUnstoredMs: 200, retryMinMs: 10, retryMaxMs: 20 } });
    const writer = peer('writer', 'user-w');
    const reader = peer('reader', 'user-r');
    await engine.open(writer, DOC, seat);
    await engine.open(reader, DOC, seat);
    const base = new Y.Doc();
    engine.receive(writer, DOC, 1, encodeUpdate(typed(base, 2002, 'first')));
    expect(updatesIn(reader.received)).toBe(0);
    await engine.flush();
    expect(updatesIn(reader.received)).toBe(1);

    store.failing = true;
    engine.receive(writer, DOC, 2, encodeUpdate(typed(base, 3003, 'during an outage')));
    expect(updatesIn(reader.received)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(updatesIn(reader.received)).toBe(2);
    store.failing = false;
    await engine.flush();
    expect(writer.saves.at(-1)).toBe(2);
    await engine.shutdown();
  });
});

describe('the hold on fan-out under steady editing', () => {
  it('times each held update from when it was held, not from the first of a run that never emptied', async () => {
    const memory = new MemoryStore();
    const gates: Array<() => void> = [];
    const store = {
      load: (id: string) => memory.load(id),
      append: async (batch: Parameters<MemoryStore['append']>[0]) => {
        await new Promise<void>((resolve) => gates.push(resolve));
        await memory.append(batch);
      },
    };
    const engine = new SyncEngine({ store, limits: { holdUnstoredMs: 300 } });
    const writer = peer('writer', 'user-w');
    const reader = peer('reader', 'user-r');
    await engine.open(writer, DOC, seat);
    await engine.open(reader, DOC, seat);
    const base = new Y.Doc();
    const first = typed(base, 4004, 'one');
    Y.applyUpdate(base, first);
    engine.receive(writer, DOC, 1, encodeUpdate(first));
    await sleep(200);
    engine.receive(writer, DOC, 2, encodeUpdate(typed(base, 4004, ' two')));
    gates.shift()!(); // the first commit lands; the second waits on its own
    await sleep(20);
    expect(updatesIn(reader.received)).toBe(1);
    await sleep(160); // past the first update's deadline, well within the second's
    expect(updatesIn(reader.received)).toBe(1);
    await sleep(250); // the second's own deadline: storage is slow, so it is shared anyway
    expect(updatesIn(reader.received)).toBe(2);
    for (const open of gates.splice(0)) open();
    const closing = engine.shutdown();
    for (let i = 0; i < 10; i++) {
      await sleep(10);
      for (const open of gates.splice(0)) open();
    }
    await closing;
  });
});

describe('step 1 answers are paced per connection and coalesced', () => {
  it('answers at once while the bucket is not in debt, then once per document for the latest state vector, never dropping it', async () => {
    let now = 0;
    const answered: Array<[string, number]> = [];
    const pacer = new AnswerPacer(1000, 500, (doc, sv) => (answered.push([doc, sv[0]!]), 1000), () => now);
    pacer.request('a', new Uint8Array([1]));
    expect(answered).toEqual([['a', 1]]);
    for (let i = 2; i < 100; i++) pacer.request('a', new Uint8Array([i]));
    pacer.request('b', new Uint8Array([7]));
    expect(answered).toHaveLength(1);
    expect(pacer.isWaiting('a') && pacer.isWaiting('b')).toBe(true);
    now = 600; // 500 in debt + 600 ms at 1000 bytes/s: out of debt
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(answered[1]).toEqual(['a', 99]);
    now = 2000;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(answered).toEqual([['a', 1], ['a', 99], ['b', 7]]);
    pacer.stop();
  });
});

/** The engine against storage that misbehaves: a commit that never answers must not stall saving. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore, SyncEngine, decodeMessage, encodeStep1, encodeUpdate, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000aa';

function recordingPeer(): SyncPeer & { saves: number[]; storageEvents: boolean[] } {
  const saves: number[] = [];
  const storageEvents: boolean[] = [];
  return {
    id: 'peer-1',
    identity: { userId: 'u1', sessionId: 's1', name: 'Delegate', colour: '#000' },
    saves,
    storageEvents,
    send: () => {},
    saved: (_doc, seq) => saves.push(seq),
    refused: () => {},
    closed: () => {},
    storage: (_doc, available) => storageEvents.push(available),
  };
}

describe('storage that stops answering', () => {
  it('treats an unanswered commit as failed, reports storage unavailable, and retries until it is stored', async () => {
    const memory = new MemoryStore();
    let answering = false;
    const engine = new SyncEngine({
      store: { load: (id) => memory.load(id), append: (batch) => (answering ? memory.append(batch) : new Promise(() => {})) },
      limits: { commitTimeoutMs: 50, retryMinMs: 10, retryMaxMs: 20 },
    });
    const peer = recordingPeer();
    await engine.open(peer, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => engine.receive(peer, DOC, 1, encodeUpdate(update)));
    doc.getText('text').insert(0, 'agreed');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(peer.saves).toEqual([]);
    expect(peer.storageEvents).toEqual([false]);
    answering = true;
    await engine.flush();
    expect(peer.saves).toEqual([1]);
    expect(peer.storageEvents).toEqual([false, true]);
    expect(memory.log(DOC)).toHaveLength(1);
    await engine.shutdown();
  });
});

describe('reopening after a restart', () => {
  it('answers a first sync from the stored checkpoint, then takes edits on the integrated document', async () => {
    const store = new MemoryStore();
    const first = new SyncEngine({ store });
    const writer = recordingPeer();
    await first.open(writer, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    const source = new Y.Doc();
    let seq = 0;
    source.on('update', (update: Uint8Array) => first.receive(writer, DOC, ++seq, encodeUpdate(update)));
    source.getText('text').insert(0, 'Box V(1) States shall remain responsible');
    await first.shutdown();
    expect(store.checkpoints.get(DOC)).toHaveLength(1);

    const second = new SyncEngine({ store });
    const sent: Uint8Array[] = [];
    const reader = { ...recordingPeer(), id: 'peer-2', send: (_doc: string, message: Uint8Array) => sent.push(message) };
    await second.open(reader, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    const replica = new Y.Doc();
    second.receive(reader, DOC, 0, encodeStep1(Y.encodeStateVector(replica)));
    const step2 = decodeMessage(sent[0]!);
    expect(step2.kind).toBe('step2');
    if (step2.kind === 'step2') Y.applyUpdate(replica, step2.update);
    expect(replica.getText('text').toString()).toBe('Box V(1) States shall remain responsible');
    expect(decodeMessage(sent[1]!)).toEqual({ kind: 'step1', stateVector: Y.encodeStateVector(replica) });

    replica.on('update', (update: Uint8Array) => second.receive(reader, DOC, 1, encodeUpdate(update)));
    replica.getText('text').insert(8, ' [and accountable]');
    await second.flush();
    expect(reader.saves).toEqual([1]);
    const state = new Y.Doc();
    Y.applyUpdate(state, second.stateOf(DOC)!);
    expect(state.getText('text').toString()).toBe('Box V(1) [and accountable] States shall remain responsible');
    await second.shutdown();
  });
});

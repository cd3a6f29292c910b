/** The engine against storage that misbehaves: a commit that never answers must not stall saving. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore, SyncEngine, encodeUpdate, type SyncPeer } from '../src/index.js';

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

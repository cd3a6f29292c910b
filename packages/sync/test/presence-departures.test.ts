/**
 * Presence frames skip their sender only when every change in them is its own: a frame that also
 * carries another seat's departure (a removal has no sender) reaches everyone.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MemoryStore, SyncEngine, decodeMessage, encodeAwareness, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000ee';
const access = { readOnly: false, role: 'delegate' as const, affiliation: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A seat that keeps a y-protocols Awareness of the room as a browser would. */
function seat(id: string) {
  const doc = new Y.Doc();
  const seen = new Awareness(doc);
  seen.setLocalState(null);
  const peer: SyncPeer = {
    id,
    identity: { userId: `user-${id}`, sessionId: `${id}-s`, name: id, colour: '#000' },
    send: (_doc, message) => {
      const decoded = decodeMessage(message);
      if (decoded.kind === 'awareness') applyAwarenessUpdate(seen, decoded.update, 'server');
    },
    saved: () => {},
    refused: (_d, seq, error) => {
      throw new Error(`refused ${seq}: ${error.code}`);
    },
    closed: () => {},
    storage: () => {},
  };
  return { peer, seen };
}

function presence(clientId: number): Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return new Awareness(doc);
}

describe('presence frames', () => {
  it('a lone sender in a window still hears that another seat left in that window', async () => {
    const engine = new SyncEngine({ store: new MemoryStore(), limits: { awarenessEveryMs: 60 } });
    const a = seat('a');
    const b = seat('b');
    await engine.open(a.peer, DOC, access);
    await engine.open(b.peer, DOC, access);
    const pa = presence(11);
    const pb = presence(22);
    const move = (peer: SyncPeer, p: Awareness, at: number) => {
      p.setLocalState({ cursor: { at } });
      engine.receive(peer, DOC, 0, encodeAwareness(encodeAwarenessUpdate(p, [p.clientID])));
    };
    move(b.peer, pb, 1);
    await sleep(100);
    expect(a.seen.getStates().has(22)).toBe(true);
    // A types (its cursor moves twice: the second waits for the window's frame), B closes the tab.
    move(a.peer, pa, 1);
    move(a.peer, pa, 2);
    engine.close(b.peer, DOC);
    await sleep(150);
    // B's seat is gone: A must not keep showing B's cursor (y-protocols would drop it only after 30 s).
    expect(a.seen.getStates().has(22)).toBe(false);
    pa.destroy();
    pb.destroy();
    a.seen.destroy();
    b.seen.destroy();
    await engine.shutdown();
  });
});

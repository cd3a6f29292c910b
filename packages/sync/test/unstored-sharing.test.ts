/**
 * When an edit not yet stored reaches the other people in the room. Alone, a server shares it once
 * storage has been slow for holdUnstoredMs, so a room keeps working together through an outage.
 * Beside other servers it never does: a server resuming from a pause past its lease would share an
 * edit whose commit is then refused, and the others' later edits, built on content no log holds,
 * could never be stored (the chaos test caught clients stuck refused MISSING_PREDECESSORS for good).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore, type Ownership, SyncEngine, encodeUpdate, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000bb';
const access = { readOnly: false, role: 'delegate' as const, affiliation: null };

function peer(id: string): SyncPeer & { received: number } {
  const p = {
    id,
    identity: { userId: `user-${id}`, sessionId: `${id}-session`, name: id, colour: '#000' },
    received: 0,
    send: () => {
      p.received += 1;
    },
    saved: () => {},
    refused: () => {},
    closed: () => {},
    storage: () => {},
  };
  return p;
}

function ownership(alone: boolean): Ownership {
  return { take: async () => ({ owner: true, epoch: 1 }), renew: async () => [], release: async () => {}, renewEveryMs: 60_000, ttlMs: 180_000, alone };
}

async function sharedWhileStorageHangs(alone: boolean | null): Promise<boolean> {
  const memory = new MemoryStore();
  const engine = new SyncEngine({
    // Loads answer; commits never do: storage is slow, or this server is paused out of its lease.
    store: { load: (id) => memory.load(id), append: () => new Promise(() => {}) },
    limits: { holdUnstoredMs: 50, commitTimeoutMs: 60_000 },
    ...(alone === null ? {} : { ownership: ownership(alone) }),
  });
  const writer = peer('writer');
  const reader = peer('reader');
  await engine.open(writer, DOC, access);
  await engine.open(reader, DOC, access);
  const before = reader.received;
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => engine.receive(writer, DOC, 1, encodeUpdate(update)));
  doc.getText('t').insert(0, 'not stored yet');
  await new Promise((resolve) => setTimeout(resolve, 300));
  return reader.received > before;
}

describe('sharing edits that are not stored yet', () => {
  it('alone (no Ownership, or one that says so), an edit is shared once storage has been slow for holdUnstoredMs', async () => {
    expect(await sharedWhileStorageHangs(null)).toBe(true);
    expect(await sharedWhileStorageHangs(true)).toBe(true);
  });

  it('beside other servers, an edit is shared only once stored, however long that takes', async () => {
    expect(await sharedWhileStorageHangs(false)).toBe(false);
  });
});

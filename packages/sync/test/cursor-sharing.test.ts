/**
 * What others see of a connection's cursor (docs/protocol.md, "Awareness"): the seat decides, so a
 * reader's selection, or a drafter's under the Chatham House Rule, never names who is about to
 * comment on which words.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { type CursorSharing, MemoryStore, SyncEngine, decodeMessage, encodeAwareness, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000cc';
const SELECTION = { anchor: { item: { client: 1, clock: 3 } }, head: { item: { client: 1, clock: 9 } } };

function peer(id: string) {
  const received: Uint8Array[] = [];
  const p: SyncPeer = {
    id,
    identity: { userId: `user-${id}`, sessionId: `${id}-session`, name: id, colour: '#000000' },
    send: (_doc, message) => received.push(message),
    saved: () => {},
    refused: () => {},
    closed: () => {},
    storage: () => {},
  };
  return Object.assign(p, { received });
}

/** The cursor another seat receives when `cursor` decides what the sender shares. */
async function cursorSeenWith(cursor: CursorSharing | undefined): Promise<unknown> {
  const engine = new SyncEngine({ store: new MemoryStore() });
  const sender = peer('sender');
  const watcher = peer('watcher');
  await engine.open(sender, DOC, { readOnly: cursor === 'none', role: 'delegate', affiliation: null, cursor });
  await engine.open(watcher, DOC, { readOnly: false, role: 'delegate', affiliation: null });
  const own = new Y.Doc();
  own.clientID = 7007;
  const presence = new Awareness(own);
  presence.setLocalState({ cursor: SELECTION });
  engine.receive(sender, DOC, 0, encodeAwareness(encodeAwarenessUpdate(presence, [7007])));
  presence.destroy();
  const seen = new Awareness(new Y.Doc());
  for (const message of watcher.received) {
    const decoded = decodeMessage(message);
    if (decoded.kind === 'awareness') applyAwarenessUpdate(seen, decoded.update, 'server');
  }
  await engine.shutdown();
  const state = seen.getStates().get(7007);
  expect(state?.user).toMatchObject({ name: 'sender' });
  return state && 'cursor' in state ? state.cursor : undefined;
}

describe('a seat shares only as much of its cursor as it may', () => {
  it('shares the whole selection by default (an attributed dialogue)', async () => {
    expect(await cursorSeenWith(undefined)).toEqual(SELECTION);
    expect(await cursorSeenWith('selection')).toEqual(SELECTION);
  });

  it('collapses a selection to its caret under the Chatham House Rule', async () => {
    expect(await cursorSeenWith('caret')).toEqual({ anchor: SELECTION.head, head: SELECTION.head });
  });

  it("drops a reader's cursor altogether", async () => {
    expect(await cursorSeenWith('none')).toBeUndefined();
  });
});

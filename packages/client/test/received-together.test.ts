/**
 * Messages that arrive in one read from the socket are handed to a document together, and a run of
 * updates is applied in one Yjs transaction: the same document as one at a time, one change for its
 * listeners, and still in order with everything else the server sends.
 */
import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeAwareness, encodeStep1, encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { DocumentSync } from '../src/document-sync.js';
import { Inbox, type Recipient } from '../src/inbox.js';

const LIMITS = { maxUpdateBytes: 10_000, maxSyncBytes: 100_000 };

/** A writer's keystrokes, one update each, building on one another. */
function keystrokes(writer: Y.Doc, text: string): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  writer.on('update', record);
  for (const character of text) writer.getText('t').insert(writer.getText('t').length, character);
  writer.off('update', record);
  return updates;
}

function opened() {
  const doc = new Y.Doc();
  const sent: Uint8Array[] = [];
  const sync = new DocumentSync(doc, new Awareness(doc), { send: (_seq, message) => sent.push(message) });
  sync.attach(false, LIMITS);
  return { doc, sync, sent };
}

describe('messages received together', () => {
  it('applies a run of updates in one transaction, marked remote, with the same result as one by one', () => {
    const server = new Y.Doc();
    const base = keystrokes(server, 'Hi');
    const { doc, sync, sent } = opened();
    sync.receive(encodeStep2(Y.mergeUpdates(base)));
    const transactions: Array<{ local: boolean; origin: unknown }> = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => transactions.push({ local: transaction.local, origin: transaction.origin }));
    sent.length = 0;

    sync.receiveAll(keystrokes(server, ' there, all').map(encodeUpdate));

    expect(doc.getText('t').toString()).toBe('Hi there, all');
    expect(transactions).toEqual([{ local: false, origin: sync }]);
    // Nothing is echoed back to the server: the change was the server's.
    expect(sent).toEqual([]);
  });

  it('keeps order with the other messages in the batch: the base, updates on it, presence', async () => {
    const server = new Y.Doc();
    const base = keystrokes(server, 'Hello');
    const later = keystrokes(server, ' world');
    const presence = new Awareness(new Y.Doc());
    presence.setLocalState({ name: 'Ana' });
    const { doc, sync, sent } = opened();
    // A local change before the server's answer: the server's step 1 is owed a step 2.
    doc.getText('mine').insert(0, '!');
    sent.length = 0;

    sync.receiveAll([
      encodeStep2(Y.mergeUpdates(base)),
      encodeStep1(Y.encodeStateVector(server)),
      ...later.map(encodeUpdate),
      encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID])),
    ]);

    await sync.whenSynced();
    expect(doc.getText('t').toString()).toBe('Hello world');
    expect(sync.awareness.getStates().get(presence.clientID)).toEqual({ name: 'Ana' });
    // The step 1 was answered once the base was in: the server is owed nothing but its acknowledgement.
    expect(sync.status).toBe('saving');
    expect(sent.filter((message) => message[0] === 0 && message[1] === 1)).toHaveLength(1);
  });

  it('leaves the step 1 unanswered when the copy holds only what the server sent', async () => {
    const server = new Y.Doc();
    const base = keystrokes(server, 'Hello');
    const { doc, sync, sent } = opened();
    sent.length = 0;

    sync.receiveAll([encodeStep2(Y.mergeUpdates(base)), encodeStep1(Y.encodeStateVector(server))]);

    await sync.whenSynced();
    expect(doc.getText('t').toString()).toBe('Hello');
    expect(sent).toEqual([]);
    expect(sync.status).toBe('synced');
    // Once it writes, its next resync answers as before.
    doc.getText('t').insert(5, '!');
    sent.length = 0;
    sync.receive(encodeStep1(Y.encodeStateVector(server)));
    expect(sent.filter((message) => message[0] === 0 && message[1] === 1)).toHaveLength(1);
  });
});

describe('the inbox', () => {
  it('hands each recipient its messages in order at the end of the tick, or at once when flushed', async () => {
    const got: string[] = [];
    const recipient = (name: string): Recipient => ({ receivedAll: (messages) => got.push(`${name}:${messages.map((m) => m[0]).join(',')}`) });
    const a = recipient('a');
    const b = recipient('b');
    const inbox = new Inbox();

    inbox.add(a, Uint8Array.of(1));
    inbox.add(a, Uint8Array.of(2));
    inbox.add(b, Uint8Array.of(3));
    inbox.add(a, Uint8Array.of(4));
    expect(got).toEqual([]);
    await Promise.resolve();
    expect(got).toEqual(['a:1,2', 'b:3', 'a:4']);

    inbox.add(b, Uint8Array.of(5));
    inbox.flush();
    expect(got).toEqual(['a:1,2', 'b:3', 'a:4', 'b:5']);
    await Promise.resolve();
    expect(got).toHaveLength(4);
  });
});

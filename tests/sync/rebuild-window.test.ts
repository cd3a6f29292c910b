/**
 * After a change is refused for good, DocumentSync swaps its document for a rebuilt one and tells the
 * page (`onRebuilt`). The editor is only rebound to the new document when the page re-renders, a task
 * later; keystrokes that land in the old document meanwhile (a large document makes the rebuild
 * itself long, and queued key presses run before the re-render) must not be lost.
 */
import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentSync } from '@accord/client';
import { decodeMessage, encodeStep1, encodeStep2 } from '@accord/sync/protocol';

const LIMITS = { maxUpdateBytes: 1000, maxSyncBytes: 100_000 };

function setUp() {
  const server = new Y.Doc();
  server.getText('t').insert(0, 'Hello');
  const sent: Array<{ seq: number; message: Uint8Array }> = [];
  let reopens = 0;
  const doc = new Y.Doc();
  const sync = new DocumentSync(doc, new Awareness(doc), { send: (seq, message) => sent.push({ seq, message }), reopen: () => reopens++ });
  const open = () => {
    sync.attach(false, LIMITS);
    sync.receive(encodeStep2(Y.encodeStateAsUpdate(server)));
    sync.receive(encodeStep1(Y.encodeStateVector(server)));
  };
  /** What the server stores of what the client sent: every numbered step 2 and update. */
  const deliver = () => {
    for (const { seq, message } of sent.splice(0)) {
      if (seq === 0) continue;
      const decoded = decodeMessage(message);
      if (decoded.kind === 'step2' || decoded.kind === 'update') Y.applyUpdate(server, decoded.update);
      sync.saved(seq);
    }
  };
  return { server, sync, doc, open, deliver, reopens: () => reopens };
}

describe('the rebuild after a refused change', () => {
  it('keeps what is typed into the old document before the editor is rebound to the rebuilt one', () => {
    const { server, sync, doc, open, deliver, reopens } = setUp();
    open();
    deliver();
    expect(sync.status).toBe('synced');

    // Over the limit: refused before it is sent, the document to be rebuilt without it.
    doc.getText('t').insert(5, 'x'.repeat(2000));
    expect(reopens()).toBe(1);
    open();
    expect(sync.doc).not.toBe(doc);

    // The old editor is still bound to `doc` until the page re-renders.
    doc.getText('t').insert(0, 'Oh, ');
    expect(sync.doc.getText('t').toString()).toBe('Oh, Hello');
    deliver();
    expect(server.getText('t').toString()).toBe('Oh, Hello');
    expect(sync.status).toBe('saved');
  });
  it('keeps an edit made while the rebuild is pending even after one that builds on the refused change', () => {
    const { server, sync, doc, open, deliver } = setUp();
    open();
    deliver();
    doc.getText('t').insert(5, 'x'.repeat(2000));
    // Typed right after the refused text: it builds on it and goes with it.
    doc.getText('t').insert(2005, ' world');
    // Typed elsewhere: it does not, and must not be dropped for following the other under one client id.
    doc.getText('t').insert(0, 'Oh, ');
    open();
    expect(sync.doc.getText('t').toString()).toBe('Oh, Hello');
    deliver();
    expect(server.getText('t').toString()).toBe('Oh, Hello');
    expect(sync.status).toBe('saved');
  });
});

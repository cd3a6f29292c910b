/**
 * The content-check seam (content-check.ts). Rules:
 *   SEAM-1  An update the check refuses is answered CONTENT_REFUSED with the check's reason, and
 *           nothing of it is applied, stored, fanned out or acknowledged.
 *   SEAM-2  The check sees the document as it is before the update, and the update as sent; it runs
 *           only on updates that passed the structural check, and never for a read-only seat.
 *   SEAM-3  Without a check, any update that integrates is accepted (the engine is schema-agnostic).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ContentCheck, MemoryStore, SyncEngine, encodeStep2, encodeUpdate, type SyncPeer } from '../src/index.js';

const DOC = '00000000-0000-4000-8000-0000000000cc';

interface Recorded {
  saves: number[];
  refusals: Array<{ seq: number; code: string; message: string }>;
  sent: Uint8Array[];
}

function recordingPeer(id: string): SyncPeer & Recorded {
  const recorded: Recorded = { saves: [], refusals: [], sent: [] };
  return {
    id,
    identity: { userId: `user-${id}`, sessionId: `session-${id}`, name: id, colour: '#000' },
    ...recorded,
    send: (_doc, message) => recorded.sent.push(message),
    saved: (_doc, seq) => recorded.saves.push(seq),
    refused: (_doc, seq, error) => recorded.refusals.push({ seq, code: error.code, message: error.message }),
    closed: () => {},
    storage: () => {},
  };
}

/** Refuses any update that writes into a root named "forbidden"; records what it was shown. */
function forbiddingRoot(seen: Array<{ known: string; update: Uint8Array }>): ContentCheck {
  return (doc, update) => {
    seen.push({ known: doc.getText('allowed').toString(), update });
    const probe = new Y.Doc();
    Y.applyUpdate(probe, update);
    return probe.share.has('forbidden') ? { ok: false, reason: 'no root "forbidden" here' } : { ok: true };
  };
}

function updateOf(change: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

async function setup(contentCheck?: ContentCheck) {
  const store = new MemoryStore();
  const engine = new SyncEngine({ store, ...(contentCheck ? { contentCheck } : {}) });
  const writer = recordingPeer('writer');
  const other = recordingPeer('other');
  const reader = recordingPeer('reader');
  await engine.open(writer, DOC, { readOnly: false, role: 'delegate', affiliation: null });
  await engine.open(other, DOC, { readOnly: false, role: 'delegate', affiliation: null });
  await engine.open(reader, DOC, { readOnly: true, role: 'observer', affiliation: null });
  return { store, engine, writer, other, reader };
}

describe('the content-check seam', () => {
  it('SEAM-1: a refused update is answered CONTENT_REFUSED with the reason; nothing is applied, stored, sent or acknowledged', async () => {
    const { store, engine, writer, other } = await setup(forbiddingRoot([]));
    const allowed = updateOf((doc) => doc.getText('allowed').insert(0, 'kept'));
    engine.receive(writer, DOC, 1, encodeUpdate(allowed));
    await engine.flush();
    const stateBefore = engine.stateOf(DOC);
    const sentBefore = other.sent.length;
    // The allowed part of a mixed update is refused with the rest: refused whole.
    const mixed = updateOf((doc) => {
      doc.getText('allowed').insert(0, 'more ');
      doc.getMap('forbidden').set('k', 1);
    });
    engine.receive(writer, DOC, 2, encodeUpdate(mixed));
    engine.receive(writer, DOC, 3, encodeStep2(mixed));
    await engine.flush();
    expect(writer.refusals).toEqual([
      { seq: 2, code: 'CONTENT_REFUSED', message: 'no root "forbidden" here' },
      { seq: 3, code: 'CONTENT_REFUSED', message: 'no root "forbidden" here' },
    ]);
    expect(writer.saves).toEqual([1]);
    expect(engine.stateOf(DOC)).toEqual(stateBefore);
    expect(store.log(DOC)).toHaveLength(1);
    expect(other.sent.length).toBe(sentBefore);
    await engine.shutdown();
  });

  it('SEAM-2: the check sees the document before the update and the update as sent; not run for malformed updates or read-only seats', async () => {
    const seen: Array<{ known: string; update: Uint8Array }> = [];
    const { engine, writer, reader } = await setup(forbiddingRoot(seen));
    const first = updateOf((doc) => doc.getText('allowed').insert(0, 'one'));
    engine.receive(writer, DOC, 1, encodeUpdate(first));
    const state = new Y.Doc();
    Y.applyUpdate(state, engine.stateOf(DOC)!);
    const second = updateOf((doc) => doc.getText('allowed').insert(3, ' two'), state);
    engine.receive(writer, DOC, 2, encodeUpdate(second));
    expect(seen).toEqual([
      { known: '', update: first },
      { known: 'one', update: second },
    ]);
    engine.receive(writer, DOC, 3, encodeUpdate(Uint8Array.from([1, 1, 0xff])));
    engine.receive(reader, DOC, 1, encodeUpdate(updateOf((doc) => doc.getMap('forbidden').set('k', 1))));
    expect(seen).toHaveLength(2);
    expect(writer.refusals.map((r) => r.code)).toEqual(['MALFORMED_UPDATE']);
    expect(reader.refusals.map((r) => r.code)).toEqual(['READ_ONLY']);
    await engine.shutdown();
  });

  it('SEAM-3: without a check, any update that integrates is accepted', async () => {
    const { engine, writer } = await setup();
    engine.receive(writer, DOC, 1, encodeUpdate(updateOf((doc) => doc.getMap('forbidden').set('k', 1))));
    await engine.flush();
    expect(writer.refusals).toEqual([]);
    expect(writer.saves).toEqual([1]);
    await engine.shutdown();
  });
});

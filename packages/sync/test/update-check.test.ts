/**
 * The update check must accept everything a real Yjs client produces and refuse, whole, whatever
 * Yjs could not integrate completely or safely.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, defaultSyncLimits } from '../src/index.js';

const limits = defaultSyncLimits;

/** Every update a doc emits while `edit` runs. */
function updatesOf(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array[] {
  const out: Uint8Array[] = [];
  const listener = (update: Uint8Array) => out.push(update);
  doc.on('update', listener);
  edit(doc);
  doc.off('update', listener);
  return out;
}

function richEdits(doc: Y.Doc): void {
  const text = doc.getText('text');
  text.insert(0, 'Box III(2)(a) States [shall][should] ensure 🇺🇳 — ');
  text.format(0, 7, { bold: true });
  text.insertEmbed(3, { footnote: 1 });
  text.delete(5, 3);
  const fragment = doc.getXmlFragment('prosemirror');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('status', 'agreed_ad_ref');
  paragraph.insert(0, [new Y.XmlText('Alt 1')]);
  fragment.insert(0, [paragraph]);
  const map = doc.getMap('meta');
  map.set('rev', { n: 2, date: '2026-11-22', sponsors: ['Arandia', null, true, 1.5, -3] });
  map.set('blob', new Uint8Array([0, 1, 255]));
  map.set('big', 2n ** 60n);
  const nested = map.set('nested', new Y.Map<unknown>());
  nested.set('array', Y.Array.from([1, 2, 3]));
  map.delete('rev');
  doc.getArray('list').insert(0, [null, 'x', { deep: [[[]]] }]);
}

describe('update check', () => {
  it('accepts every update a real client produces, incrementally and as a whole', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    for (const update of updatesOf(client, richEdits)) {
      expect(checkUpdate(server, update, limits)).toMatchObject({ ok: true });
      Y.applyUpdate(server, update);
    }
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(client), limits)).toMatchObject({ ok: true });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), limits)).toMatchObject({ ok: true });
  });

  it('refuses an update that continues a client the server has not seen from the start', () => {
    const client = new Y.Doc();
    const [first, second] = updatesOf(client, (d) => {
      d.getText('text').insert(0, 'a');
      d.getText('text').insert(1, 'b');
    });
    const server = new Y.Doc();
    expect(checkUpdate(server, second!, limits)).toMatchObject({ ok: false, code: 'MISSING_PREDECESSORS' });
    Y.applyUpdate(server, first!);
    expect(checkUpdate(server, second!, limits)).toMatchObject({ ok: true });
  });

  it("refuses an edit that depends on another client's content the server lacks", () => {
    const alice = new Y.Doc();
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(alice));
    alice.getText('text').insert(0, 'shall');
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const [edit] = updatesOf(bob, (d) => d.getText('text').insert(2, 'X'));
    const [deletion] = updatesOf(bob, (d) => d.getText('text').delete(0, 1));
    expect(checkUpdate(new Y.Doc(), edit!, limits)).toMatchObject({ ok: false, code: 'MISSING_PREDECESSORS' });
    expect(checkUpdate(new Y.Doc(), deletion!, limits)).toMatchObject({ ok: false, code: 'MISSING_PREDECESSORS' });
  });

  it('refuses subdocuments, truncations and trailing bytes as malformed', () => {
    const doc = new Y.Doc();
    const [withSubdoc] = updatesOf(doc, (d) => d.getMap('m').set('sub', new Y.Doc()));
    expect(checkUpdate(new Y.Doc(), withSubdoc!, limits)).toMatchObject({ ok: false, code: 'MALFORMED_UPDATE' });
    const valid = Y.encodeStateAsUpdate(((d) => (richEdits(d), d))(new Y.Doc()));
    for (let cut = 1; cut < valid.length; cut += 7) {
      expect(checkUpdate(new Y.Doc(), valid.subarray(0, cut), limits).ok).toBe(false);
    }
    expect(checkUpdate(new Y.Doc(), new Uint8Array([...valid, 0]), limits)).toMatchObject({ ok: false, code: 'MALFORMED_UPDATE' });
  });

  it('refuses declared sizes larger than the message without allocating them', () => {
    // One client run declaring 2^50 structs in a 12-byte message.
    const huge = new Uint8Array([1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02, 1, 0, 0]);
    expect(checkUpdate(new Y.Doc(), huge, limits)).toMatchObject({ ok: false, code: 'MALFORMED_UPDATE' });
    const overflow = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(checkUpdate(new Y.Doc(), overflow, limits)).toMatchObject({ ok: false, code: 'MALFORMED_UPDATE' });
  });

  it('leaves the document untouched when it refuses, and Yjs integrates everything it accepts', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates = updatesOf(client, richEdits);
    for (let seed = 1; seed <= 300; seed++) {
      const update = updates[seed % updates.length]!;
      const flipped = update.slice();
      flipped[seed % flipped.length]! ^= 1 << (seed % 8);
      const before = Y.encodeStateAsUpdate(server);
      const result = checkUpdate(server, flipped, limits);
      if (result.ok) {
        const trial = new Y.Doc();
        Y.applyUpdate(trial, before);
        Y.applyUpdate(trial, flipped);
        expect(trial.store.pendingStructs, `seed ${seed}`).toBeNull();
        expect(trial.store.pendingDs, `seed ${seed}`).toBeNull();
      }
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);
      Y.applyUpdate(server, updates[(seed - 1) % updates.length]!);
    }
  });
});

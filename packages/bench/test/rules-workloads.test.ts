/**
 * The pure parts of R1 and A1: the texts they write reach the server as the editor's binding would
 * write them (the schema check accepts every update, and the Y.Doc reads back as the text written),
 * and R1's typists do what each row's title says: the rules let every edit through, and only the
 * slow-path row deletes inside another delegation's bracket.
 */
import { emptyRollingText, toJSON } from '@accord/text';
import { rollingTextPolicy } from '@accord/text/rules';
import { checkRollingTextUpdate, fromYDoc, toYUpdate } from '@accord/text/yjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainText } from '../src/load/rolling-text.js';
import { longRulesText, rulesText } from '../src/load/rules-texts.js';
import { Overwriter, Typist, seededRandom, slotStart } from '../src/load/typist.js';
import { paragraphTextOf, writeRollingText } from '../src/load/write-rolling-text.js';
import type { RulesVariant } from '../src/protocol.js';

const DELEGATE = { userId: 'u', role: 'delegate', affiliation: 'Republic of Arandia' } as const;

/**
 * A client and the server's copy of a new document; every client update is checked, shown to
 * `watch` (before it is applied, and after), then applied.
 */
function room(watch?: { before(update: Uint8Array): void; after(): void }) {
  const template = toYUpdate(emptyRollingText());
  const server = new Y.Doc();
  const client = new Y.Doc();
  Y.applyUpdate(server, template);
  Y.applyUpdate(client, template);
  const refusals: string[] = [];
  client.on('update', (update: Uint8Array) => {
    const verdict = checkRollingTextUpdate(server, update);
    if (!verdict.ok) refusals.push(verdict.reason);
    watch?.before(update);
    Y.applyUpdate(server, update);
    watch?.after();
  });
  return { server, client, refusals };
}

describe('writeRollingText', () => {
  it("writes A1's 500-paragraph text as the schema check accepts it, and it reads back unchanged", () => {
    const { text, paragraphs } = longRulesText(500);
    const { server, client, refusals } = room();
    writeRollingText(client, text);
    expect(refusals).toEqual([]);
    expect(toJSON(fromYDoc(server))).toEqual(text);
    expect(paragraphs).toHaveLength(500);
    expect(paragraphs.filter((p) => p.agreed).length).toBeGreaterThan(0);
    expect(paragraphs.filter((p) => p.bracketed).length).toBeGreaterThan(100);
    // A1's markers are capitals and digits: nothing in the text may share a character with them.
    expect(paragraphs.some((p) => /[A-Z0-9]/.test(p.text.replace(/\{[^}]*\}/g, '')))).toBe(false);
  });
});

describe("R1's texts and typists", () => {
  const variants: RulesVariant[] = ['plain', 'brackets', 'inside-brackets'];

  it.each(variants)('%s: every typed update passes the schema check and the rules of the room', (variant) => {
    const written = rulesText(variant, 10, 16);
    let watching = false;
    let before = { inside: '', outside: '' };
    const verdicts: string[] = [];
    /** Updates that changed the paragraph's words inside brackets, and outside; updates that deleted something. */
    let insideChanges = 0;
    let outsideChanges = 0;
    let deletions = 0;
    const { server, client, refusals } = room({
      before: (update) => {
        if (!watching) return;
        const verdict = rollingTextPolicy({ doc: server, update, writer: DELEGATE, after: () => afterOf(server, update) });
        if (!verdict.ok) verdicts.push(verdict.code);
        if (Y.decodeUpdate(update).ds.clients.size > 0) deletions++;
        before = split(paragraphTextOf(server, written.paragraphId));
      },
      after: () => {
        if (!watching) return;
        const after = split(paragraphTextOf(server, written.paragraphId));
        if (before.inside !== after.inside) insideChanges++;
        if (before.outside !== after.outside) outsideChanges++;
      },
    });
    writeRollingText(client, written.text);
    expect(refusals).toEqual([]);
    expect(toJSON(fromYDoc(server))).toEqual(written.text);

    const text = paragraphTextOf(client, written.paragraphId);
    const at = plainText(text).indexOf(written.slots);
    expect(at).toBeGreaterThan(0);
    const random = seededRandom(3);
    const typists = Array.from({ length: 10 }, (_, slot) =>
      variant === 'inside-brackets' ? new Overwriter(text, at + slotStart(slot, 16), random) : new Typist(text, at + slotStart(slot, 16), random),
    );
    watching = true;
    const edits = 200;
    for (let i = 0; i < edits; i++) typists[i % typists.length]!.step();
    expect(verdicts).toEqual([]);
    expect(refusals).toEqual([]);
    expect(plainText(paragraphTextOf(server, written.paragraphId))).toBe(plainText(text));
    if (variant === 'inside-brackets') {
      // Every edit deletes a character in the bracket (and types one there); nothing outside moves.
      expect(deletions).toBe(edits);
      expect(outsideChanges).toBe(0);
      expect(insideChanges).toBeGreaterThan(edits * 0.9);
    } else {
      expect(insideChanges).toBe(0);
      expect(outsideChanges).toBe(edits);
      expect(deletions).toBeGreaterThan(0);
    }
  });
});

/** A text line's words inside brackets and outside them. */
function split(text: Y.XmlText): { inside: string; outside: string } {
  let inside = '';
  let outside = '';
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: { bracket?: unknown } }>) {
    if (typeof op.insert !== 'string') continue;
    if (op.attributes?.bracket) inside += op.insert;
    else outside += op.insert;
  }
  return { inside, outside };
}

function afterOf(doc: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy;
}

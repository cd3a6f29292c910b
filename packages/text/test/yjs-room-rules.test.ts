/**
 * The rules of the room on Yjs updates (yjs-room-rules.ts): the policy refuses exactly what
 * roomRuleViolation refuses, and its cheap look at the update (rulesAtStake) lets the common edits
 * through without building the text after them.
 *   FAST   a delegate typing or deleting plain words in a paragraph that is not agreed, typing inside
 *          anyone's bracket; the chair typing: no after(), no conversion.
 *   SLOW   statuses, brackets removed or written by delegates, bracketed words deleted, elements
 *          deleted or added, anything in an agreed paragraph: compared in full.
 *   SOUND  over every character of a text, typed and deleted, and every status and bracket: the
 *          fast path never lets through what the full comparison refuses.
 * Updates are made as the editor makes them: a ProseMirror document written through y-tiptap.
 */
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bracketOf, M, type RoomWriter } from '../src/index.js';
import { roomRuleViolation, rollingTextPolicy, rulesAtStake } from '../src/yjs-room-rules.js';
import { fromYDoc, ROLLING_TEXT_FIELD, toYUpdate } from '../src/yjs.js';
import { arandia, chair, deleteParagraph, deleteWords, edit, observer, ROOM_TEXT, secretariat, setStatus, sponsor, typeIn, unbracket, veloria } from './support/room-text.js';

function load(update: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return ydoc;
}

const base = load(toYUpdate(ROOM_TEXT));
/** The text as the Y.Doc holds it: edits are made on this, so positions match the binding's. */
const text = fromYDoc(base);

/** Where words start in the text. */
function wordsAtText(words: string): number {
  let found = -1;
  text.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(words)) found = pos + node.text!.indexOf(words);
    return found < 0;
  });
  return found;
}

/** The update the editor's binding writes for a change from `text` to `next`. */
function updateFor(next: Node, from: Y.Doc = base): Uint8Array {
  const copy = load(Y.encodeStateAsUpdate(from));
  const vector = Y.encodeStateVector(copy);
  const fragment = copy.getXmlFragment(ROLLING_TEXT_FIELD);
  const { meta } = initProseMirrorDoc(fragment, next.type.schema);
  copy.transact(() => updateYFragment(copy, fragment, next, meta));
  return Y.encodeStateAsUpdate(copy, vector);
}

/** Asks the policy as the engine does; counts the calls of after(). */
function ask(next: Node, writer: RoomWriter, from: Y.Doc = base, update = updateFor(next, from)) {
  let afterCalls = 0;
  const verdict = rollingTextPolicy({
    doc: from,
    update,
    writer,
    after: () => {
      afterCalls++;
      const copy = load(Y.encodeStateAsUpdate(from));
      Y.applyUpdate(copy, update);
      return copy;
    },
  });
  return { verdict, afterCalls, atStake: rulesAtStake(from, update, writer) };
}

describe('FAST: what does not need the text after the update', () => {
  it('a delegate typing plain words in a paragraph under negotiation or ad ref: no after()', () => {
    for (const [citation, words] of [
      ['Box I(2)', 'Weapons'],
      ['Box I(3)', 'hamper'],
      ['Box III(3)(b)', 'trained'],
    ] as const) {
      const result = ask(typeIn(text, citation, words, 'x'), arandia);
      expect(result).toEqual({ verdict: { ok: true }, afterCalls: 0, atStake: null });
    }
  });

  it('typing inside another delegation’s bracket, deleting plain words', () => {
    expect(ask(typeIn(text, 'Box I(2)', 'ested', 'x'), arandia)).toEqual({ verdict: { ok: true }, afterCalls: 0, atStake: null });
    expect(ask(deleteWords(text, 'Box III(1)', 'with '), veloria)).toEqual({ verdict: { ok: true }, afterCalls: 0, atStake: null });
  });

  it('the chair typing, bracketing, removing brackets, reopening nothing', () => {
    expect(ask(typeIn(text, 'Box III(1)', 'comply'), chair).afterCalls).toBe(0);
    expect(ask(unbracket(text, 'Box I(2)', 'tested'), chair)).toEqual({ verdict: { ok: true }, afterCalls: 0, atStake: null });
    expect(ask(setStatus(text, 'Box III(1)', 'agreed_ad_ref'), secretariat).afterCalls).toBe(0);
  });
});

describe('SLOW: what is compared in full', () => {
  it('a delegate writing a status is refused', () => {
    const result = ask(setStatus(text, 'Box III(1)', 'agreed'), arandia);
    expect(result.atStake).toBe('a paragraph status');
    expect(result.afterCalls).toBe(1);
    expect(result.verdict).toMatchObject({ ok: false, code: 'STATUS_STEWARDS_ONLY' });
  });

  it('typing or deleting in an agreed paragraph: refused for a delegate, allowed for the chair', () => {
    expect(ask(typeIn(text, 'Box I(1)', 'law'), veloria)).toMatchObject({
      verdict: { ok: false, code: 'PARAGRAPH_AGREED', reason: 'Box I(1) is agreed: only the chair or the secretariat may reopen it' },
      atStake: 'a change to an agreed paragraph',
    });
    expect(ask(deleteWords(text, 'Box I(1)', 'law'), veloria).verdict).toMatchObject({ ok: false, code: 'PARAGRAPH_AGREED' });
    expect(ask(deleteParagraph(text, 'Box I(1)'), veloria).verdict).toMatchObject({ ok: false, code: 'PARAGRAPH_AGREED' });
    expect(ask(typeIn(text, 'Box I(1)', 'law'), chair).verdict).toEqual({ ok: true });
  });

  it('a delegate removing a bracket or sponsor: refused unless their own', () => {
    expect(ask(unbracket(text, 'Box I(2)', 'tested'), arandia).verdict).toMatchObject({ ok: false, code: 'BRACKET_NOT_YOURS' });
    expect(ask(deleteWords(text, 'Box I(2)', 'tested'), arandia)).toMatchObject({ verdict: { ok: false, code: 'BRACKET_NOT_YOURS' }, atStake: 'a bracket removed or its sponsors changed' });
    expect(ask(sponsor(text, 'Box I(2)', 'reviewed', ['Arandia']), arandia).verdict).toMatchObject({ ok: false, code: 'BRACKET_NOT_YOURS' });
    expect(ask(unbracket(text, 'Box I(2)', 'identified'), arandia)).toMatchObject({ verdict: { ok: true }, afterCalls: 1 });
    expect(ask(sponsor(text, 'Box I(2)', 'tested', ['Veloria', 'Arandia']), arandia).verdict).toEqual({ ok: true });
    // Some of its words unbracketed: refused, and not on the fast path.
    const from = wordsAtText('tested');
    expect(ask(edit(text, (tr) => tr.removeMark(from, from + 3, text.type.schema.marks[M.bracket]!)), arandia)).toMatchObject({
      verdict: { ok: false, code: 'BRACKET_NOT_YOURS' },
      atStake: 'a bracket removed or its sponsors changed',
    });
    // Some of the words of another's bracket: editing inside it, allowed, and seen to keep the bracket.
    expect(ask(deleteWords(text, 'Box I(2)', 'test'), arandia)).toEqual({ verdict: { ok: true }, afterCalls: 0, atStake: null });
  });

  it('marking agreed with open brackets, by the chair: refused with the brackets named', () => {
    expect(ask(setStatus(text, 'Box III(2)', 'agreed'), chair)).toMatchObject({
      verdict: { ok: false, code: 'OPEN_BRACKETS', reason: 'Box III(2) still has 2 open brackets: [shall], [should]' },
      atStake: 'a paragraph status',
    });
  });

  it('the chair agreeing the brackets away, then marking the paragraph agreed, then reopening it', () => {
    const clean = deleteWords(unbracket(text, 'Box III(2)', 'shall'), 'Box III(2)', 'should');
    const first = load(Y.encodeStateAsUpdate(base));
    Y.applyUpdate(first, updateFor(clean));
    expect(ask(setStatus(clean, 'Box III(2)', 'agreed'), chair, first).verdict).toEqual({ ok: true });
    Y.applyUpdate(first, updateFor(setStatus(clean, 'Box III(2)', 'agreed'), first));
    const agreed = fromYDoc(first);
    expect(ask(typeIn(agreed, 'Box III(2)', 'employ'), arandia, first).verdict).toMatchObject({ ok: false, code: 'PARAGRAPH_AGREED' });
    expect(ask(setStatus(agreed, 'Box III(2)', 'under_negotiation'), chair, first).verdict).toEqual({ ok: true });
  });

  it('a delegate typing in a box title, or deleting from one: compared, refused', () => {
    const title = wordsAtText('Prohibitions and requirements');
    expect(ask(edit(text, (tr) => tr.insertText('New ', title)), arandia)).toMatchObject({
      verdict: { ok: false, code: 'BOXES_STEWARDS_ONLY', reason: 'Box III: only the chair or the secretariat may change a box title' },
      atStake: 'a box title',
      afterCalls: 1,
    });
    expect(ask(edit(text, (tr) => tr.delete(title, title + 13)), veloria)).toMatchObject({ verdict: { ok: false, code: 'BOXES_STEWARDS_ONLY' }, atStake: 'a box title' });
    // The chair renames a box on the fast path.
    expect(ask(edit(text, (tr) => tr.insertText('New ', title)), chair)).toEqual({ verdict: { ok: true }, afterCalls: 0, atStake: null });
  });

  it('a delegate adding a box: refused; the secretariat adding one: allowed', () => {
    const box = text.child(0);
    const added = edit(text, (tr) => tr.insert(box.nodeSize, box.type.create({ id: 'new-box' }, [box.firstChild!.type.create(), box.child(1).type.create({ id: 'new-paragraph' }, box.child(1).firstChild!.type.create())])));
    expect(ask(added, arandia).verdict).toMatchObject({ ok: false, code: 'BOXES_STEWARDS_ONLY' });
    expect(ask(added, secretariat).verdict).toEqual({ ok: true });
  });

  it('a reader: always compared, any change refused', () => {
    expect(ask(typeIn(text, 'Box III(1)', 'comply'), observer)).toMatchObject({ verdict: { ok: false, code: 'PARAGRAPH_AGREED' }, afterCalls: 1 });
  });
});

/** Every position inside the words of the text, with the citation-free edits made there. */
function edits(): Node[] {
  const found: Node[] = [];
  text.descendants((node, pos) => {
    if (!node.isText) return true;
    for (let i = 0; i < node.text!.length; i += 2) {
      found.push(edit(text, (tr) => tr.insertText('x', pos + i)));
      found.push(edit(text, (tr) => tr.delete(pos + i, pos + i + 1)));
    }
    const mark = bracketOf(node);
    if (mark) {
      found.push(edit(text, (tr) => tr.removeMark(pos, pos + node.nodeSize, mark)));
      // Some of its words taken out of it.
      found.push(edit(text, (tr) => tr.removeMark(pos, pos + 1, mark)));
      found.push(edit(text, (tr) => tr.addMark(pos, pos + node.nodeSize, mark.type.create({ ...mark.attrs, sponsors: ['Arandia'] }))));
    } else {
      found.push(edit(text, (tr) => tr.addMark(pos, pos + node.nodeSize, text.type.schema.marks[M.bracket]!.create({ id: `n${pos}`, sponsors: ['Kestria'] }))));
    }
    return false;
  });
  text.descendants((node, pos) => {
    if (node.type.name !== 'paragraph') return true;
    for (const status of ['under_negotiation', 'agreed_ad_ref', 'agreed']) found.push(edit(text, (tr) => tr.setNodeAttribute(pos, 'status', status)));
    found.push(edit(text, (tr) => tr.delete(pos, pos + node.nodeSize)));
    return false;
  });
  return found;
}

describe('SOUND: the fast path never passes what the comparison refuses', () => {
  it('for delegates and the chair', () => {
    let fast = 0;
    let refused = 0;
    for (const next of edits()) {
      for (const writer of [arandia, veloria, chair]) {
        const expected = roomRuleViolation(text, next, writer);
        const { verdict, atStake, afterCalls } = ask(next, writer);
        if (atStake === null) {
          fast++;
          expect(expected).toBeNull();
          expect(afterCalls).toBe(0);
        }
        if (expected) refused++;
        expect(verdict.ok ? null : verdict.code).toBe(expected?.code ?? null);
      }
    }
    // The sweep exercises both paths and both verdicts.
    expect(fast).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(100);
  });

  it('for updates written against an older state, where another member typed meanwhile', () => {
    // The chair typed inside Box I(2)'s brackets; the delegates' updates do not know it.
    const moved = load(Y.encodeStateAsUpdate(base));
    Y.applyUpdate(moved, updateFor(typeIn(text, 'Box I(2)', 'ested', 'Z')));
    Y.applyUpdate(moved, updateFor(typeIn(text, 'Box I(2)', 'Weapons', 'Z')));
    const now = fromYDoc(moved);
    let fast = 0;
    for (const next of edits().slice(0, 400)) {
      const update = updateFor(next);
      const after = load(Y.encodeStateAsUpdate(moved));
      Y.applyUpdate(after, update);
      for (const writer of [arandia, veloria]) {
        const expected = roomRuleViolation(now, fromYDoc(after), writer);
        const { verdict, atStake } = ask(next, writer, moved, update);
        if (atStake === null) {
          fast++;
          expect(expected).toBeNull();
        }
        expect(verdict.ok ? null : verdict.code).toBe(expected?.code ?? null);
      }
    }
    expect(fast).toBeGreaterThan(100);
  });
});

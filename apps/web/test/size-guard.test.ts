/**
 * Issue 9, fault 8: a change over the server's per-change limit is stopped in the editor before it
 * is applied, and the person is told how large it is, what the limit is, and to paste it in parts.
 * The estimate of the Yjs update must never be below the real one, or a change would pass here and
 * be refused by the server.
 */
import { Fragment, type Node, Slice } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import { prosemirrorToYXmlFragment, updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { repairPlugin } from '../src/editor/repair-plugin';
import { type ChangeTooLarge, estimateUpdateBytes, sizeGuard, tooLargeMessage, utf8Bytes } from '../src/editor/size-guard';
import { box, documentOf, editing, editorSchema, paragraph, positionOf, text } from './support/rolling-text';

const MiB = 1024 * 1024;

function twoParagraphs(): Node {
  return documentOf(box('b1', 'Characterisation', [paragraph('p1', 1, 'States shall '), paragraph('p2', 2, 'Second.')]));
}

function guarded(doc: Node, limit: number | null) {
  const refusals: ChangeTooLarge[] = [];
  const session = editing(doc, positionOf(doc, 'States shall ', true), [sizeGuard(() => limit, (r) => refusals.push(r)), repairPlugin(() => true)]);
  return { session, refusals };
}

/** Pastes plain text at the cursor; returns whether the document changed. */
function pasteText(session: ReturnType<typeof editing>, words: string): boolean {
  const before = session.state.doc;
  session.run((state, dispatch) => {
    dispatch?.(state.tr.replaceSelection(new Slice(Fragment.from(editorSchema.text(words)), 0, 0)));
    return true;
  });
  return session.state.doc !== before;
}

/** The real Yjs update for going from `before` to `after`, as the editor's binding writes it. */
function realUpdateBytes(before: Node, after: Node): number {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('rollingText');
  prosemirrorToYXmlFragment(before, fragment);
  let bytes = 0;
  doc.on('update', (update: Uint8Array) => (bytes += update.length));
  doc.transact(() => updateYFragment(doc, fragment, after, { mapping: new Map(), isOMark: new Map() }));
  return bytes;
}

describe('the editor stops a change over the server limit before it is applied', () => {
  it('a 1.5 MB paste into a paragraph is not applied, and the person is told its size, the limit, and to paste in parts', () => {
    const doc = twoParagraphs();
    const { session, refusals } = guarded(doc, MiB);
    const paste = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(27_000);
    expect(pasteText(session, paste)).toBe(false);
    expect(session.state.doc.eq(doc)).toBe(true);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.bytes).toBeGreaterThanOrEqual(utf8Bytes(paste));
    expect(refusals[0]!.limit).toBe(MiB);
    expect(tooLargeMessage(refusals[0]!)).toBe('That change was not made: it is about 1.5 MB, and one change can be at most 1 MiB. Paste it in parts.');

    // The word typed after the refused paste goes in as usual.
    expect(pasteText(session, 'ensure')).toBe(true);
    expect(session.state.doc.child(0).child(1).textContent).toBe('States shall ensure');
    expect(refusals).toHaveLength(1);
  });

  it('a paste under the limit, and any change while the limit is unknown, is applied', () => {
    const { session, refusals } = guarded(twoParagraphs(), MiB);
    expect(pasteText(session, 'x'.repeat(500_000))).toBe(true);
    const unknown = guarded(twoParagraphs(), null);
    expect(pasteText(unknown.session, 'x'.repeat(2_000_000))).toBe(true);
    expect([...refusals, ...unknown.refusals]).toEqual([]);
  });

  it('the estimate is never below the real Yjs update: plain, multi-byte and marked text, whole paragraphs with attributes', () => {
    const bracket = { type: 'bracket', attrs: { id: 'k1', sponsors: ['Arandia', 'Veloria'] } };
    const cases: Array<[string, Fragment]> = [
      ['ASCII', Fragment.from(editorSchema.text('a'.repeat(20_000)))],
      ['multi-byte', Fragment.from(editorSchema.text('é – 中文 😀 '.repeat(2_000)))],
      ['many short bracketed runs', Fragment.fromArray(Array.from({ length: 300 }, (_, i) => editorSchema.text(`option ${i} `, i % 2 ? [editorSchema.markFromJSON(bracket)] : [])))],
    ];
    for (const [name, content] of cases) {
      const doc = twoParagraphs();
      const session = editing(doc, positionOf(doc, 'States shall ', true), []);
      const tr = session.state.tr.replaceSelection(new Slice(content, 0, 0));
      const real = realUpdateBytes(doc, tr.doc);
      const estimate = estimateUpdateBytes(tr);
      expect(estimate, name).toBeGreaterThanOrEqual(real);
      expect(estimate, name).toBeLessThan(real * 2 + 4096);
    }

    // Whole paragraphs, pasted between boxes' paragraphs: node names and attributes count too.
    const doc = twoParagraphs();
    const pasted = documentOf(
      box(
        'b9',
        'Other',
        Array.from({ length: 200 }, (_, i) => paragraph(`q${i}`, i + 3, [text(`Paragraph ${i} `), text('[agreed]', [bracket])], { status: 'agreed', alt: null })),
      ),
    ).child(0).content.cut(editorSchema.text('Other').nodeSize + 2);
    const session = editing(doc, positionOf(doc, 'Second.'), []);
    const at = doc.child(0).nodeSize - 1;
    const tr = session.state.tr.replaceWith(at, at, pasted);
    const real = realUpdateBytes(doc, tr.doc);
    expect(estimateUpdateBytes(tr)).toBeGreaterThanOrEqual(real);
  });
  it('typing over a selection that runs into a long paragraph counts the words the binding moves into the first one', () => {
    // The second paragraph's words after the selection are rewritten into the first as new text.
    const long = 'Lorem ipsum dolor sit amet. '.repeat(5_000);
    const doc = documentOf(box('b1', 'Characterisation', [paragraph('p1', 1, 'States shall '), paragraph('p2', 2, `ZZ${long}`)]));
    const session = editing(doc, positionOf(doc, 'States shall ', true), []);
    const selected = session.state.tr.setSelection(TextSelection.create(doc, positionOf(doc, 'shall'), positionOf(doc, 'ZZ', true)));
    const tr = selected.insertText('x');
    expect(estimateUpdateBytes(tr)).toBeGreaterThanOrEqual(realUpdateBytes(doc, tr.doc));

    // Over the limit, it is stopped; within one paragraph, or across short ones, it goes through.
    const { session: guardedSession, refusals } = guarded(doc, 100_000);
    guardedSession.select(positionOf(doc, 'shall'), positionOf(doc, 'ZZ', true));
    expect(pasteText(guardedSession, 'x')).toBe(false);
    expect(refusals).toHaveLength(1);
    guardedSession.select(positionOf(doc, 'shall'), positionOf(doc, 'shall', true));
    expect(pasteText(guardedSession, 'may')).toBe(true);
    const short = guarded(twoParagraphs(), 100_000);
    short.session.select(positionOf(twoParagraphs(), 'shall'), positionOf(twoParagraphs(), 'Second', true));
    expect(pasteText(short.session, 'x')).toBe(true);
    expect(short.refusals).toEqual([]);
  });
});

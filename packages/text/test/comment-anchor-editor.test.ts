import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import type { Node } from 'prosemirror-model';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveAnchor, resolveAnchors } from '../src/comment-anchor.js';
import { anchorFromSelection, anchorRange, anchorRanges, boundYDoc } from '../src/comment-anchor-editor.js';
import { fromPlainText, schema } from '../src/index.js';
import { ROLLING_TEXT_FIELD, toYUpdate } from '../src/yjs.js';
import { dedent } from './support/fixtures.js';

const TEXT = dedent(`
  Box I. One

  1. States shall retain^[A note.] meaningful human control.
     (a) existing obligations under law;
`);

function editor(): { ydoc: Y.Doc; state: EditorState } {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, toYUpdate(fromPlainText(TEXT)));
  const { doc } = initProseMirrorDoc(ydoc.getXmlFragment(ROLLING_TEXT_FIELD), schema);
  return { ydoc, state: EditorState.create({ doc }) };
}

function find(doc: Node, words: string): number {
  let at = -1;
  doc.descendants((node, pos) => {
    if (at < 0 && node.isText && node.text!.includes(words)) at = pos + node.text!.indexOf(words);
  });
  return at;
}

function select(state: EditorState, from: number, to: number): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
}

describe('anchors from the editor', () => {
  it('turns selected words into an anchor, and the resolved anchor back into the same range', () => {
    const { ydoc, state } = editor();
    const from = find(state.doc, 'retain');
    const end = find(state.doc, 'meaningful') + 'meaningful human'.length;
    // A selection over a footnote and with spaces at its ends: the spaces are left out.
    const selected = select(state, from - 1, end + 1);
    const result = anchorFromSelection(selected, ydoc);
    expect(result).toMatchObject({ ok: true, anchor: { quote: 'retain meaningful human' } });
    if (!result.ok) return;
    const resolved = resolveAnchor(ydoc, result.anchor);
    const range = anchorRange(state.doc, resolved)!;
    expect(state.doc.textBetween(range.from, range.to, undefined, '')).toBe('retain meaningful human');
    expect(range).toEqual({ from, to: end });
  });

  it('anchors the whole block for an empty selection, a footnote for a selected footnote, and refuses a selection across blocks', () => {
    const { ydoc, state } = editor();
    const sub = find(state.doc, 'existing');
    const whole = anchorFromSelection(select(state, sub + 3, sub + 3), ydoc);
    expect(whole).toMatchObject({ ok: true, anchor: { quote: '', start: null, end: null } });
    if (whole.ok) expect(state.doc.textBetween(...Object.values(anchorRange(state.doc, resolveAnchor(ydoc, whole.anchor))!) as [number, number])).toBe('existing obligations under law;');

    const footnotePos = find(state.doc, 'retain') + 'retain'.length;
    const footnote = anchorFromSelection(state.apply(state.tr.setSelection(NodeSelection.create(state.doc, footnotePos))), ydoc);
    expect(footnote).toMatchObject({ ok: true, anchor: { paragraphId: state.doc.nodeAt(footnotePos)!.attrs.id, quote: '' } });

    expect(anchorFromSelection(select(state, find(state.doc, 'control'), sub + 4), ydoc)).toMatchObject({ ok: false, field: 'anchor' });
    expect(anchorFromSelection(select(state, sub, sub), null)).toMatchObject({ ok: false, field: 'anchor' });
    expect(boundYDoc(state)).toBeNull();
  });

  it('gives no range for an orphaned anchor, or where the editor is out of step with the anchor', () => {
    const { ydoc, state } = editor();
    const from = find(state.doc, 'human');
    const result = anchorFromSelection(select(state, from, from + 5), ydoc);
    if (!result.ok) throw new Error(result.message);
    const resolved = resolveAnchors(ydoc, [result.anchor, { ...result.anchor, quote: 'robots' }]);
    expect(resolved[1]!.orphaned).toBe(true);
    const behind = state.apply(state.tr.insertText('x', from + 1)).doc;
    expect(anchorRanges(state.doc, resolved)).toEqual([{ from, to: from + 5 }, null]);
    expect(anchorRanges(behind, resolved)).toEqual([null, null]);
  });
});

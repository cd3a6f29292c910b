import { computeLabels } from '@accord/text';
import { Slice } from '@tiptap/pm/model';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { describe, expect, it } from 'vitest';
import { pastePlugin } from '../src/editor/paste-plugin';
import { box, documentOf, editing, paragraph, paragraphs, positionOf } from './support/rolling-text';

function threeParagraphs() {
  return documentOf(box('b1', 'Characterisation', [paragraph('p1', 1, 'First.'), paragraph('p2', 2, 'Second.'), paragraph('p3', 3, 'Third.')]));
}

/** Pastes `slice` at the cursor the way ProseMirror does: through the plugin's transformPasted, then replaceSelection. */
function paste(session: ReturnType<typeof editing>, slice: Slice): void {
  const transform = pastePlugin().props.transformPasted!;
  const transformed = transform.call(undefined as never, slice, { state: session.state } as EditorView, false);
  session.run((state, dispatch) => {
    dispatch?.(state.tr.replaceSelection(transformed));
    return true;
  });
}

/**
 * Drags the selection and drops it at `at` the way ProseMirror does: the dragged content goes
 * through transformPasted while the original is still in place; a move then deletes the original.
 */
function drop(session: ReturnType<typeof editing>, at: number, move: boolean): void {
  const slice = session.state.selection.content();
  const view = { state: session.state, dragging: { slice, move } } as unknown as EditorView;
  const transformed = pastePlugin().props.transformPasted!.call(undefined as never, slice, view, false);
  session.run((state, dispatch) => {
    const tr = state.tr;
    if (move) tr.deleteSelection();
    const pos = tr.mapping.map(at);
    dispatch?.(tr.replaceRange(pos, pos, transformed));
    return true;
  });
}

/** Selects paragraph 3 as a mouse does: from the end of the text before it to the end of its own. */
function selectThird(session: ReturnType<typeof editing>): void {
  const { doc } = session.state;
  session.state = session.state.apply(session.state.tr.setSelection(TextSelection.create(doc, positionOf(doc, 'Second.', true), positionOf(doc, 'Third.', true))));
}

describe('pasting whole paragraphs', () => {
  it('a copy of paragraph 3 pasted above paragraph 1 gets a new id; paragraph 3 keeps its id and its number', () => {
    const doc = threeParagraphs();
    const third = doc.child(0).child(3);
    const session = editing(doc, positionOf(doc, 'First.'));
    paste(session, new Slice(doc.child(0).content.cut(doc.child(0).content.size - third.nodeSize), 0, 0));
    const list = paragraphs(session.state.doc);
    const copies = list.filter((p) => p.text === 'Third.');
    expect(copies).toHaveLength(2);
    // The original, still last, keeps its id and its number; the copy above it is a new paragraph.
    expect(copies[1]!.id).toBe('p3');
    expect(computeLabels(session.state.doc).byId.get('p3')!.short).toBe('3');
    expect(copies[0]!.id).not.toBe('p3');
  });

  it('a paragraph that was cut and is pasted back keeps its identity', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'First.'));
    const third = doc.child(0).child(3);
    // Cut: delete it from the text, then paste it above paragraph 1.
    const thirdPos = doc.child(0).content.size - third.nodeSize + 1;
    session.run((state, dispatch) => {
      dispatch?.(state.tr.delete(thirdPos, thirdPos + third.nodeSize));
      return true;
    });
    session.select(positionOf(session.state.doc, 'First.'));
    paste(session, new Slice(doc.child(0).content.cut(thirdPos - 1), 0, 0));
    const list = paragraphs(session.state.doc);
    expect(list.filter((p) => p.id === 'p3')).toHaveLength(1);
  });
});

describe('dragging whole paragraphs', () => {
  it('paragraph 3 dragged above paragraph 2 is moved: it keeps its id', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'First.'));
    selectThird(session);
    drop(session, positionOf(doc, 'First.', true), true);
    const list = paragraphs(session.state.doc);
    expect(list.map((p) => p.text)).toEqual(['First.', 'Third.', 'Second.']);
    expect(list[1]!.id).toBe('p3');
  });

  it('dragged as a copy (with the copy modifier), paragraph 3 stays where it was with its id; the copy is new', () => {
    const doc = threeParagraphs();
    const session = editing(doc, positionOf(doc, 'First.'));
    selectThird(session);
    drop(session, positionOf(doc, 'First.', true), false);
    const list = paragraphs(session.state.doc);
    expect(list.map((p) => p.text)).toEqual(['First.', 'Third.', 'Second.', 'Third.']);
    expect(list[3]!.id).toBe('p3');
    expect(list[1]!.id).not.toBe('p3');
  });
});

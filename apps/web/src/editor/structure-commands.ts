import { N, newId } from '@accord/text';
import { type Command, type EditorState, Selection, TextSelection, type Transaction } from '@tiptap/pm/state';
import {
  altRun,
  childrenOf,
  contentEnd,
  emptyParagraph,
  emptySubparagraph,
  type Placed,
  type TextContext,
  textContext,
} from './text-context';

/**
 * Enter, Backspace and Delete for the rolling text's structure: paragraphs split into paragraphs
 * and sub-paragraphs into sub-paragraphs, never into shapes the schema only tolerates. A new node
 * gets a fresh id and no label claim; the label repairs then give it "2bis" or the next number.
 *
 * Identity matters more than in a word processor: comments and amendments attach to a paragraph's
 * id, so the text that was there first keeps the id (Enter at the start of a paragraph inserts an
 * empty one before it rather than moving the words into a new node).
 */

function cursorIn(tr: Transaction, pos: number): Transaction {
  return tr.setSelection(TextSelection.create(tr.doc, pos)).scrollIntoView();
}

/** The text context of the cursor after `tr`, or null when it is not in a textblock. */
function contextAfter(tr: Transaction): { context: TextContext; offset: number } | null {
  const { $from } = tr.selection;
  const context = textContext($from);
  return context ? { context, offset: $from.parentOffset } : null;
}

/** Enter: split the paragraph or sub-paragraph at the cursor; in a box title, go to the text. */
export const splitAtCursor: Command = (state, dispatch) => {
  if (!textContext(state.selection.$from) || !textContext(state.selection.$to)) return false;
  if (!dispatch) return true;
  const tr = state.tr;
  if (!state.selection.empty) tr.deleteSelection();
  const cursor = contextAfter(tr);
  if (!cursor) return false;
  const { context, offset } = cursor;
  const { schema } = state;
  const size = context.block.node.content.size;
  const pos = tr.selection.from;

  if (context.kind === N.boxTitle) {
    dispatch(enterBoxText(tr, context.box));
    return true;
  }

  if (context.kind === N.paragraphText) {
    const paragraph = context.paragraph!;
    const hasSubparagraphs = paragraph.node.childCount > 1;
    if (offset === 0 && size > 0) {
      // The words stay in their paragraph (and keep its id); an empty one opens above.
      tr.insert(paragraph.pos, emptyParagraph(schema, newId()));
    } else if (offset === size && hasSubparagraphs) {
      // After a chapeau ("States shall:") comes its first sub-paragraph.
      const at = contentEnd(context.block) + 1;
      tr.insert(at, emptySubparagraph(schema, newId()));
      cursorIn(tr, at + 1);
    } else if (offset === size) {
      const after = paragraph.pos + paragraph.node.nodeSize;
      tr.insert(after, emptyParagraph(schema, newId()));
      cursorIn(tr, after + 2);
    } else {
      // The second half (and the sub-paragraphs) becomes a new paragraph with the same status.
      tr.split(pos, 2, [{ type: schema.nodes[N.paragraph]!, attrs: { id: newId(), status: paragraph.node.attrs.status } }, { type: schema.nodes[N.paragraphText]! }]);
      cursorIn(tr, pos + 4);
    }
    dispatch(tr);
    return true;
  }

  // A sub-paragraph.
  const paragraph = context.paragraph!;
  const block = context.block;
  const isLast = context.index === paragraph.node.childCount - 1;
  if (size === 0 && isLast) {
    // An empty last sub-paragraph: leave the list for a new paragraph, as lists do.
    tr.delete(block.pos, block.pos + block.node.nodeSize);
    const after = tr.mapping.map(paragraph.pos + paragraph.node.nodeSize);
    tr.insert(after, emptyParagraph(schema, newId()));
    cursorIn(tr, after + 2);
  } else if (offset === 0 && size > 0) {
    tr.insert(block.pos, emptySubparagraph(schema, newId()));
  } else if (offset === size) {
    const after = block.pos + block.node.nodeSize;
    tr.insert(after, emptySubparagraph(schema, newId()));
    cursorIn(tr, after + 1);
  } else {
    tr.split(pos, 1, [{ type: schema.nodes[N.subparagraph]!, attrs: { id: newId() } }]);
    cursorIn(tr, pos + 2);
  }
  dispatch(tr);
  return true;
};

/** From a box title into the box's first paragraph, creating one in a box that has none. */
function enterBoxText(tr: Transaction, box: Placed): Transaction {
  const first = childrenOf(box)[1];
  if (first) return cursorIn(tr, first.pos + 2);
  const end = box.pos + box.node.nodeSize - 1;
  tr.insert(end, emptyParagraph(tr.doc.type.schema, newId()));
  return cursorIn(tr, end + 2);
}

/** Mod-Enter: a new paragraph after the current one (after its whole group of alternatives). */
export const insertParagraphAfter: Command = (state, dispatch) => {
  const context = textContext(state.selection.$from);
  if (!context) return false;
  if (!dispatch) return true;
  const tr = state.tr;
  let at: number;
  if (context.paragraph) {
    const run = altRun(context.box, context.paragraph);
    const last = run[run.length - 1]!;
    at = last.pos + last.node.nodeSize;
  } else {
    at = context.block.pos + context.block.node.nodeSize;
  }
  tr.insert(at, emptyParagraph(state.schema, newId()));
  dispatch(cursorIn(tr, at + 2));
  return true;
};

/**
 * Mod-Alt-Enter, the chair's "New box": an empty box after the box at the cursor, with a fresh id, an
 * empty title and one empty paragraph (labelled 1 by the repairs), the caret in its title for the
 * chair to name it. A delegate's editor refuses it (the rules of the room: BOXES_STEWARDS_ONLY).
 */
export const insertBoxAfter: Command = (state, dispatch) => {
  const { $from } = state.selection;
  let depth = $from.depth;
  while (depth > 0 && $from.node(depth).type.name !== N.box) depth--;
  if (depth === 0) return false;
  if (!dispatch) return true;
  const { schema } = state;
  const at = $from.after(depth);
  const box = schema.nodes[N.box]!.create({ id: newId() }, [schema.nodes[N.boxTitle]!.create(), emptyParagraph(schema, newId())]);
  const tr = state.tr.insert(at, box);
  dispatch(cursorIn(tr, at + 2));
  return true;
};

/** Mod-Shift-Enter: a new sub-paragraph after the current one, or the first one after the chapeau. */
export const insertSubparagraph: Command = (state, dispatch) => {
  const context = textContext(state.selection.$from);
  if (!context?.paragraph) return false;
  if (!dispatch) return true;
  const at = context.block.pos + context.block.node.nodeSize;
  const tr = state.tr.insert(at, emptySubparagraph(state.schema, newId()));
  dispatch(cursorIn(tr, at + 1));
  return true;
};

/** The textblock before `block` in the same box, or null at the start of a box. */
function previousTextblock(context: TextContext): Placed | null {
  if (context.kind === N.subparagraph) {
    const siblings = childrenOf(context.paragraph!);
    return siblings[context.index - 1] ?? null;
  }
  if (context.kind === N.paragraphText) {
    const siblings = childrenOf(context.box);
    const before = siblings[siblings.findIndex((s) => s.pos === context.paragraph!.pos) - 1];
    if (!before) return null;
    if (before.node.type.name === N.boxTitle) return before;
    return childrenOf(before).at(-1) ?? null;
  }
  return null;
}

/**
 * Backspace at the start of a paragraph or sub-paragraph. An empty one is removed and the cursor
 * goes to the end of the text before it; a non-empty one is joined to the text before it, in the
 * same box (a box title never takes paragraph text).
 */
export const joinBackward: Command = (state, dispatch) => {
  const { selection } = state;
  if (!selection.empty || selection.$from.parentOffset !== 0) return false;
  const context = textContext(selection.$from);
  if (!context) return false;
  return joinAt(state, context, dispatch);
};

function joinAt(state: EditorState, context: TextContext, dispatch: ((tr: Transaction) => void) | undefined): boolean {
  // At the start of a box there is nothing to join with: swallow the key rather than let the
  // generic join merge boxes or titles.
  if (context.kind === N.boxTitle) return true;
  const previous = previousTextblock(context);
  const tr = state.tr;

  if (context.kind === N.paragraphText) {
    const paragraph = context.paragraph!;
    const empty = paragraph.node.childCount === 1 && paragraph.node.textContent === '' && paragraph.node.firstChild!.childCount === 0;
    if (empty) {
      if (!dispatch) return true;
      tr.delete(paragraph.pos, paragraph.pos + paragraph.node.nodeSize);
      const target = previous ? contentEnd(previous) : paragraph.pos;
      dispatch(tr.setSelection(Selection.near(tr.doc.resolve(target), -1)).scrollIntoView());
      return true;
    }
    if (!previous || previous.node.type.name === N.boxTitle) return true;
    if (!dispatch) return true;
    // Join into the previous paragraph: its last textblock takes the words, its end the sub-paragraphs.
    const previousParagraph = childrenOf(context.box).find((s) => s.pos + s.node.nodeSize === paragraph.pos)!;
    const joint = contentEnd(previous);
    tr.delete(paragraph.pos, paragraph.pos + paragraph.node.nodeSize);
    const subparagraphs = childrenOf(paragraph).slice(1).map((s) => s.node);
    if (subparagraphs.length > 0) tr.insert(contentEnd(previousParagraph), subparagraphs);
    tr.insert(joint, paragraph.node.firstChild!.content);
    dispatch(cursorIn(tr, joint));
    return true;
  }

  // A sub-paragraph: its words go to the end of the textblock before it.
  if (!previous) return true;
  if (!dispatch) return true;
  const block = context.block;
  const joint = contentEnd(previous);
  tr.delete(block.pos, block.pos + block.node.nodeSize);
  if (block.node.content.size > 0) tr.insert(joint, block.node.content);
  dispatch(cursorIn(tr, joint));
  return true;
}

/** Delete at the end of a textblock: the mirror of Backspace at the start of the next one. */
export const joinForward: Command = (state, dispatch) => {
  const { selection } = state;
  if (!selection.empty) return false;
  const context = textContext(selection.$from);
  if (!context || selection.$from.parentOffset !== context.block.node.content.size) return false;
  const next = Selection.findFrom(state.doc.resolve(contentEnd(context.block) + 1), 1, true);
  if (!next) return true;
  const nextContext = textContext(next.$from);
  if (!nextContext || nextContext.box.pos !== context.box.pos || next.$from.parentOffset !== 0) return true;
  // An empty paragraph or sub-paragraph before the next text simply goes away.
  const emptyHere =
    context.block.node.content.size === 0 &&
    (context.kind === N.subparagraph || (context.kind === N.paragraphText && context.paragraph!.node.childCount === 1));
  if (emptyHere) {
    if (!dispatch) return true;
    const gone = context.kind === N.subparagraph ? context.block : context.paragraph!;
    const tr = state.tr.delete(gone.pos, gone.pos + gone.node.nodeSize);
    dispatch(tr.setSelection(Selection.near(tr.doc.resolve(gone.pos), 1)).scrollIntoView());
    return true;
  }
  return joinAt(state, nextContext, dispatch);
};

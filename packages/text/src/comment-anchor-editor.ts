/**
 * Comment anchors in the editor: a selection made into an anchor, and a resolved anchor made into
 * ProseMirror positions for a decoration. The editor's ProseMirror document and its bound Y.Doc
 * (y-tiptap's sync plugin) hold the same characters, so both directions go through the block's id
 * and offsets in its plain text (footnotes count as nothing), never through stale positions.
 */
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { Node } from 'prosemirror-model';
import { type EditorState, NodeSelection } from 'prosemirror-state';
import type * as Y from 'yjs';
import { anchorForRange, type AnchorResult, type ResolvedAnchor } from './comment-anchor.js';
import { N } from './schema.js';

/** The Y.Doc y-tiptap's sync plugin binds the editor to, or null in an editor without one. */
export function boundYDoc(state: EditorState): Y.Doc | null {
  const sync = ySyncPluginKey.getState(state) as { doc?: Y.Doc } | undefined;
  return sync?.doc ?? null;
}

/** Characters (not footnotes) of a textblock before `offset` (a position inside it). */
function plainOffset(textblock: Node, offset: number): number {
  let chars = 0;
  textblock.forEach((child, at) => {
    if (!child.isText || at >= offset) return;
    chars += Math.min(child.text!.length, offset - at);
  });
  return chars;
}

/**
 * The anchor for the editor's selection: the words selected inside one paragraph or sub-paragraph
 * (spaces at either end left out), the whole block when nothing is selected, a footnote when it
 * is the selected node. Fails naming `anchor` when the selection spans blocks or holds no words,
 * and `paragraphId` when the block has no id yet (the editor gives one at once).
 */
export function anchorFromSelection(state: EditorState, ydoc: Y.Doc | null = boundYDoc(state)): AnchorResult {
  if (!ydoc) return { ok: false, field: 'anchor', message: 'the editor is not bound to a shared text' };
  const { selection } = state;
  if (selection instanceof NodeSelection && selection.node.type.name === N.footnote) {
    return anchorForRange(ydoc, String(selection.node.attrs.id ?? ''), 0, 0);
  }
  const { $from, $to } = selection;
  const block = $from.parent;
  if (block !== $to.parent || (block.type.name !== N.paragraphText && block.type.name !== N.subparagraph)) {
    return { ok: false, field: 'anchor', message: 'select words within one paragraph or sub-paragraph' };
  }
  const owner = block.type.name === N.paragraphText ? $from.node($from.depth - 1) : block;
  const id: unknown = owner.attrs.id;
  if (typeof id !== 'string' || id === '') return { ok: false, field: 'paragraphId', message: 'the paragraph has no id yet' };
  let from = plainOffset(block, $from.parentOffset);
  let to = plainOffset(block, $to.parentOffset);
  if (from < to) {
    const words = block.textBetween($from.parentOffset, $to.parentOffset, undefined, '');
    const lead = words.length - words.trimStart().length;
    const trail = words.length - words.trimEnd().length;
    if (lead === words.length) return { ok: false, field: 'anchor', message: 'the selection holds no words' };
    from += lead;
    to -= trail;
  }
  return anchorForRange(ydoc, id, from, to);
}

interface Placed {
  /** Where the block's text starts and ends (a footnote: the node itself). */
  from: number;
  to: number;
  node: Node;
}

/**
 * Blocks an anchor can name, by id. Concurrent edits can briefly give two blocks one id (until an
 * editor's identity repair renames the later one): all are kept, in document order.
 */
function placedBlocks(doc: Node): Map<string, Placed[]> {
  const out = new Map<string, Placed[]>();
  const add = (id: unknown, placed: Placed) => {
    if (typeof id !== 'string' || id === '') return;
    const list = out.get(id);
    if (list) list.push(placed);
    else out.set(id, [placed]);
  };
  doc.descendants((node, pos) => {
    const name = node.type.name;
    if (name === N.paragraph) {
      const text = node.firstChild;
      if (text?.type.name === N.paragraphText) add(node.attrs.id, { from: pos + 2, to: pos + 2 + text.content.size, node: text });
    } else if (name === N.subparagraph) {
      add(node.attrs.id, { from: pos + 1, to: pos + 1 + node.content.size, node });
    } else if (name === N.footnote) {
      add(node.attrs.id, { from: pos, to: pos + node.nodeSize, node });
    }
    return !node.isInline;
  });
  return out;
}

/** The document position of the plain-text offset in a textblock; `side` picks across a footnote. */
function positionOf(placed: Placed, offset: number, side: 'start' | 'end'): number | null {
  let chars = 0;
  let result: number | null = null;
  placed.node.forEach((child, at) => {
    if (result !== null || !child.isText) return;
    const length = child.text!.length;
    const inside = side === 'start' ? offset < chars + length : offset <= chars + length;
    if (inside && offset >= chars) result = placed.from + at + (offset - chars);
    chars += length;
  });
  return result;
}

export interface EditorRange {
  from: number;
  to: number;
}

function rangeIn(candidates: Placed[] | undefined, anchor: ResolvedAnchor): EditorRange | null {
  for (const placed of candidates ?? []) {
    const range = rangeInBlock(placed, anchor);
    if (range) return range;
  }
  return null;
}

function rangeInBlock(placed: Placed, anchor: ResolvedAnchor): EditorRange | null {
  if (anchor.orphaned) return null;
  if (placed.node.type.name === N.footnote || anchor.quote === '') return { from: placed.from, to: placed.to };
  const from = positionOf(placed, anchor.from, 'start');
  const to = positionOf(placed, anchor.to, 'end');
  if (from === null || to === null) return null;
  // The editor's document may be a step behind or ahead of the Y.Doc the anchor was resolved on.
  const doc = placed.node;
  const base = placed.from;
  return doc.textBetween(from - base, to - base, undefined, '') === anchor.quote ? { from, to } : null;
}

/**
 * Where a resolved anchor's words are in the editor's document, for a decoration: the quoted
 * characters, a whole block's text, or a footnote node. Null when orphaned or not in this document.
 */
export function anchorRange(doc: Node, anchor: ResolvedAnchor): EditorRange | null {
  return rangeIn(placedBlocks(doc).get(anchor.paragraphId), anchor);
}

/** anchorRange for many anchors, reading the document once. */
export function anchorRanges(doc: Node, anchors: readonly ResolvedAnchor[]): Array<EditorRange | null> {
  const blocks = placedBlocks(doc);
  return anchors.map((anchor) => rangeIn(blocks.get(anchor.paragraphId), anchor));
}

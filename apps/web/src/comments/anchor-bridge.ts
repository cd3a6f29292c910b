import type { Thread } from '@accord/contract';
import { N } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import type { HighlightRange } from '../editor/comment-highlights';

/**
 * Between threads' anchors and the editor's positions.
 * TEMPORARY: finds the quote in its paragraph's text until @accord/text/anchors lands, which follows
 * the Yjs relative positions instead (and so the right one of two equal phrases).
 */

/** The textblock holding a paragraph's (or sub-paragraph's) own words, by the node's permanent id. */
function textblocksById(doc: Node): Map<string, { node: Node; pos: number }> {
  const found = new Map<string, { node: Node; pos: number }>();
  doc.descendants((node, pos) => {
    if (node.type.name === N.paragraph) {
      const id: unknown = node.attrs.id;
      const text = node.firstChild;
      if (typeof id === 'string' && text?.type.name === N.paragraphText && !found.has(id)) found.set(id, { node: text, pos: pos + 1 });
      return true;
    }
    if (node.type.name === N.subparagraph) {
      const id: unknown = node.attrs.id;
      if (typeof id === 'string' && !found.has(id)) found.set(id, { node, pos });
      return false;
    }
    return node.type.name === N.box || node.type.name === 'doc';
  });
  return found;
}

/** Text offset within a textblock to a document position (atoms such as footnotes count as nothing). */
function positionOf(block: { node: Node; pos: number }, offset: number): number {
  let remaining = offset;
  let result = block.pos + 1 + block.node.content.size;
  let done = false;
  block.node.forEach((child, childOffset) => {
    if (done) return;
    const length = child.isText ? child.text!.length : 0;
    if (remaining <= length && child.isText) {
      result = block.pos + 1 + childOffset + remaining;
      done = true;
      return;
    }
    remaining -= length;
  });
  return result;
}

export function resolveHighlights(state: EditorState, threads: readonly Thread[]): HighlightRange[] {
  const blocks = textblocksById(state.doc);
  const ranges: HighlightRange[] = [];
  for (const thread of threads) {
    if (thread.anchor.orphaned) continue;
    const block = blocks.get(thread.anchor.paragraphId);
    if (!block) continue;
    const contentFrom = block.pos + 1;
    const contentTo = block.pos + 1 + block.node.content.size;
    if (!thread.anchor.quote) {
      ranges.push({ threadId: thread.id, from: contentFrom, to: contentTo, whole: true });
      continue;
    }
    const text = block.node.textBetween(0, block.node.content.size, '');
    const at = text.indexOf(thread.anchor.quote);
    if (at < 0) continue;
    ranges.push({ threadId: thread.id, from: positionOf(block, at), to: positionOf(block, at + thread.anchor.quote.length), whole: false });
  }
  return ranges;
}

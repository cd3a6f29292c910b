import { MAX_QUOTE_LENGTH } from '@accord/contract';
import { N } from '@accord/text';
import type { EditorState } from '@tiptap/pm/state';
import { textContext } from '../editor/text-context';

/** Where a new comment goes, read from the selection: ProseMirror positions, not yet an anchor. */
export interface SelectionTarget {
  /** The paragraph or sub-paragraph the words are in. */
  paragraphId: string;
  /** The selected words, exactly as in the text; '' for the whole paragraph. */
  quote: string;
  /** The words' positions (the textblock's content when on the whole paragraph). */
  from: number;
  to: number;
}

export type SelectionTargetResult = { ok: true; target: SelectionTarget } | { ok: false; reason: string };

const idOf = (attrs: Record<string, unknown>) => (typeof attrs.id === 'string' && attrs.id !== '' ? attrs.id : null);

/**
 * The comment's target: the selected words, or the whole paragraph at the cursor when nothing is
 * selected. A selection running into the next paragraph keeps its part in the first one (a thread
 * is on one paragraph); whitespace at its edges is left out, as a double-click often takes a space.
 */
export function selectionTarget(state: EditorState): SelectionTargetResult {
  const { $from, $to, empty } = state.selection;
  const context = textContext($from);
  if (!context || context.kind === N.boxTitle) return { ok: false, reason: 'Put the cursor in a paragraph, or select words in one, to comment.' };
  const owner = context.kind === N.subparagraph ? context.block.node : context.paragraph?.node;
  const paragraphId = owner ? idOf(owner.attrs) : null;
  if (!paragraphId) return { ok: false, reason: 'This paragraph cannot take comments yet. Try again in a moment.' };

  const blockStart = context.block.pos + 1;
  const blockEnd = context.block.pos + context.block.node.nodeSize - 1;
  if (empty) return { ok: true, target: { paragraphId, quote: '', from: blockStart, to: blockEnd } };

  let from = $from.pos;
  let to = $to.parent === $from.parent ? $to.pos : blockEnd;
  const text = (a: number, b: number) => state.doc.textBetween(a, b, '');
  while (from < to && /\s/.test(text(from, from + 1))) from++;
  while (to > from && /\s/.test(text(to - 1, to))) to--;
  const quote = text(from, to);
  if (quote === '') return { ok: true, target: { paragraphId, quote: '', from: blockStart, to: blockEnd } };
  if (quote.length > MAX_QUOTE_LENGTH) return { ok: false, reason: `Select at most ${MAX_QUOTE_LENGTH} characters, or comment on the whole paragraph.` };
  return { ok: true, target: { paragraphId, quote, from, to } };
}

import type { Thread } from '@accord/contract';
import { resolveAnchors } from '@accord/text/anchors';
import { anchorFromSelection, anchorRanges, boundYDoc } from '@accord/text/anchors-editor';
import { EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state';
import type { HighlightRange } from '../editor/comment-highlights';
import type { LocalPlace } from './thread-places';
import { selectionTarget } from './selection-target';

/**
 * Between threads and the editor, through @accord/text's anchors: threads' anchors resolved against
 * the editor's own Y.Doc (a reader's copy included) into positions for the highlights, and the
 * selection made into an anchor for a new thread.
 */

export interface LocalResolution {
  ranges: HighlightRange[];
  /** Threads whose words are gone from the text as this editor has it now (the server may not know yet). */
  orphaned: Set<string>;
  /** Where the others' words are now: a split or a move takes them to another paragraph. */
  places: Map<string, LocalPlace>;
}

export function resolveLocally(state: EditorState, threads: readonly Thread[]): LocalResolution {
  const ydoc = boundYDoc(state);
  if (!ydoc || threads.length === 0) return { ranges: [], orphaned: new Set(), places: new Map() };
  const resolved = resolveAnchors(
    ydoc,
    threads.map(({ anchor }) => ({ paragraphId: anchor.paragraphId, quote: anchor.quote, start: anchor.start, end: anchor.end })),
  );
  const editorRanges = anchorRanges(state.doc, resolved);
  const ranges: HighlightRange[] = [];
  const orphaned = new Set<string>();
  const places = new Map<string, LocalPlace>();
  threads.forEach((thread, i) => {
    const anchor = resolved[i]!;
    const range = editorRanges[i];
    if (anchor.orphaned) {
      orphaned.add(thread.id);
      return;
    }
    places.set(thread.id, { paragraphId: anchor.paragraphId, offset: anchor.from });
    if (range) ranges.push({ threadId: thread.id, from: range.from, to: range.to, whole: anchor.quote === '', resolved: thread.status === 'resolved' });
  });
  return { ranges, orphaned, places };
}

export type SelectionAnchor =
  | { ok: true; paragraphId: string; quote: string; anchor: { start: string; end: string } | null }
  | { ok: false; reason: string };

/**
 * The new thread's anchor: the selected words, or the whole paragraph at the cursor. A selection that
 * runs on into the next paragraph keeps its part in the first (a thread is on one paragraph).
 */
export function anchorForSelection(state: EditorState): SelectionAnchor {
  let at = state;
  if (!(state.selection instanceof NodeSelection)) {
    const target = selectionTarget(state);
    if (!target.ok) return target;
    const { from, to, quote } = target.target;
    const selection = quote === '' ? TextSelection.create(state.doc, state.selection.from) : TextSelection.create(state.doc, from, to);
    // A bare state with that selection: applying it to the editor's own would run its plugins.
    at = EditorState.create({ doc: state.doc, selection });
  }
  const result = anchorFromSelection(at, boundYDoc(state));
  if (!result.ok) {
    return { ok: false, reason: result.field === 'paragraphId' ? 'This paragraph cannot take comments yet. Try again in a moment.' : 'Select words within one paragraph or sub-paragraph.' };
  }
  const { paragraphId, quote, start, end } = result.anchor;
  return { ok: true, paragraphId, quote, anchor: start && end ? { start, end } : null };
}

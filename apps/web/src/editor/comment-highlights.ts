import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Mapping, ReplaceStep, StepMap } from '@tiptap/pm/transform';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/**
 * The words each visible thread is on, highlighted as decorations: drawn, never stored in the text.
 *
 * Resolving every anchor against the Y.Doc on each keystroke would make typing pay for every thread.
 * Instead the highlights are mapped through each transaction (cheap, and right for almost every
 * edit), and re-resolved from the anchors once typing pauses, which catches what mapping cannot
 * (words deleted, a paragraph moved or split by someone else).
 *
 * The Yjs binding applies every change that comes from Yjs (someone else's typing; in a reader's
 * editor, all typing) as one step replacing the whole document, through which every highlight would
 * map to nothing. Those steps are mapped by what actually differs between the two documents instead.
 */

export interface HighlightRange {
  threadId: string;
  /** ProseMirror positions of the words. */
  from: number;
  to: number;
  /** The thread is on the whole paragraph: marked more lightly than chosen words. */
  whole: boolean;
  /** The thread is resolved: marked more faintly than open ones, which still want an answer. */
  resolved?: boolean;
}

interface HighlightState {
  ranges: HighlightRange[];
  active: string | null;
  decorations: DecorationSet;
}

type HighlightMeta = { ranges: HighlightRange[] } | { active: string | null };

export const commentHighlightsKey = new PluginKey<HighlightState>('accordCommentHighlights');

export interface CommentHighlightOptions {
  /** The ranges for the current state, from the threads and the Y.Doc; null while unknown. */
  resolve: (state: EditorState) => HighlightRange[] | null;
  /** A highlight was clicked. */
  onActivate: (threadId: string) => void;
  /** The caret was moved (by keyboard, mostly) into a thread's words, in the focused editor. */
  onCaretEnter?: (threadId: string) => void;
  /** How long typing must pause before anchors are resolved again. */
  settleMs?: number;
}

function decorationsFor(state: Pick<HighlightState, 'ranges' | 'active'>, doc: EditorState['doc']): DecorationSet {
  const size = doc.content.size;
  const decorations: Decoration[] = [];
  for (const range of state.ranges) {
    const from = Math.max(0, Math.min(range.from, size));
    const to = Math.max(from, Math.min(range.to, size));
    if (to <= from) continue;
    const active = range.threadId === state.active;
    // A resolved thread's kind has a class of its own, not an extra one: where it overlaps an open
    // thread the two share one element, and the open thread's rules (later in the sheet) must win.
    const kind = `comment-highlight-${range.resolved ? 'resolved-' : ''}${range.whole ? 'whole' : 'words'}`;
    const classes = ['comment-highlight', kind, active ? 'comment-highlight-active' : ''].filter(Boolean).join(' ');
    decorations.push(Decoration.inline(from, to, { class: classes, 'data-thread': range.threadId }, { threadId: range.threadId, inclusiveStart: false, inclusiveEnd: false }));
  }
  return DecorationSet.create(doc, decorations);
}

/** The change a whole-document replacement really made; unchanged nodes are shared, so this is quick. */
function differenceMap(tr: Transaction): StepMap {
  const before = tr.before.content;
  const after = tr.doc.content;
  const start = before.findDiffStart(after);
  if (start === null) return StepMap.empty;
  let { a: endBefore, b: endAfter } = before.findDiffEnd(after)!;
  // Repeated characters can make the two ends overlap the start: push them back past it.
  const overlap = start - Math.min(endBefore, endAfter);
  if (overlap > 0) {
    endBefore += overlap;
    endAfter += overlap;
  }
  return new StepMap([start, endBefore - start, endAfter - start]);
}

function mappingOf(tr: Transaction): Mapping {
  const replacesAll = tr.steps.some((step) => step instanceof ReplaceStep && step.from === 0 && step.to >= tr.before.content.size);
  return replacesAll ? new Mapping([differenceMap(tr)]) : tr.mapping;
}

function mapRanges(ranges: HighlightRange[], mapping: Mapping): HighlightRange[] {
  return ranges.map((r) => ({ ...r, from: mapping.map(r.from, 1), to: mapping.map(r.to, -1) }));
}

/** Sets the highlighted ranges (after the threads or their anchors changed). */
export function setHighlightRanges(view: EditorView, ranges: HighlightRange[]): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { ranges } satisfies HighlightMeta).setMeta('addToHistory', false));
}

/** Marks one thread's words as the one being read, more strongly than the others. */
export function setActiveHighlight(view: EditorView, active: string | null): void {
  if (commentHighlightsKey.getState(view.state)?.active === active) return;
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { active } satisfies HighlightMeta).setMeta('addToHistory', false));
}

/** Where a thread's words are now, as mapped since they were last resolved. */
export function highlightOf(state: EditorState, threadId: string): HighlightRange | null {
  return commentHighlightsKey.getState(state)?.ranges.find((r) => r.threadId === threadId && r.to > r.from) ?? null;
}

/** The threads highlighted at a position, narrowest first (a short quote inside a longer one wins). */
export function threadsAt(state: EditorState, pos: number): string[] {
  const found = commentHighlightsKey.getState(state)?.decorations.find(pos, pos) ?? [];
  return found
    .filter((d) => d.from < pos || (d.from === pos && d.to > pos))
    .toSorted((a, b) => a.to - a.from - (b.to - b.from))
    .map((d) => (d.spec as { threadId: string }).threadId);
}

/**
 * The thread whose words hold the selection's head, narrowest first: from the first character's edge
 * to just before the last one's end (a caret after the words has left them), or to the end of its
 * paragraph for a whole-paragraph thread.
 */
export function threadAtCaret(state: EditorState): string | null {
  const pos = state.selection.head;
  const found = commentHighlightsKey.getState(state)?.ranges.filter((r) => r.from <= pos && (pos < r.to || (r.whole && pos === r.to))) ?? [];
  return found.toSorted((a, b) => a.to - a.from - (b.to - b.from))[0]?.threadId ?? null;
}

/**
 * The thread the selection moved into between two states, if it moved into one: only a change of the
 * selection alone counts (typing, someone else's edit or a new highlight under a still caret does not),
 * and only when it arrives at another thread's words than it was in.
 */
export function threadEntered(previous: EditorState, next: EditorState): string | null {
  if (next.doc !== previous.doc || next.selection.eq(previous.selection)) return null;
  const entered = threadAtCaret(next);
  return entered !== null && entered !== threadAtCaret(previous) ? entered : null;
}

export function commentHighlightsPlugin(options: CommentHighlightOptions): Plugin<HighlightState> {
  const settleMs = options.settleMs ?? 400;
  return new Plugin<HighlightState>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => {
        const ranges = options.resolve(state) ?? [];
        return { ranges, active: null, decorations: decorationsFor({ ranges, active: null }, state.doc) };
      },
      apply: (tr, previous) => {
        const meta = tr.getMeta(commentHighlightsKey) as HighlightMeta | undefined;
        if (meta) {
          const next = 'ranges' in meta ? { ...previous, ranges: meta.ranges } : { ...previous, active: meta.active };
          // A range set in the same transaction as a change is already for the new document.
          return { ...next, decorations: decorationsFor(next, tr.doc) };
        }
        if (!tr.docChanged) return previous;
        const mapping = mappingOf(tr);
        return { ...previous, ranges: mapRanges(previous.ranges, mapping), decorations: previous.decorations.map(mapping, tr.doc) };
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleClick: (view, pos) => {
        const [threadId] = threadsAt(view.state, pos);
        if (threadId) options.onActivate(threadId);
        // Never swallow the click: the cursor still goes where it was put.
        return false;
      },
    },
    view: () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      return {
        update: (view, previous) => {
          // Only the reader's own moves, in the editor they are in (a thread's "show in text" focuses
          // it too, and makes the same thread active anyway).
          const entered = options.onCaretEnter && view.hasFocus() ? threadEntered(previous, view.state) : null;
          if (entered) options.onCaretEnter?.(entered);
          if (view.state.doc === previous.doc) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (view.isDestroyed) return;
            const ranges = options.resolve(view.state);
            if (ranges) setHighlightRanges(view, ranges);
          }, settleMs);
        },
        destroy: () => clearTimeout(timer),
      };
    },
  });
}

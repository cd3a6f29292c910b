import type { CommentAudience, Thread } from '@accord/contract';
import { type Editor, Extension } from '@tiptap/core';
import { type EditorState, type Selection, TextSelection } from '@tiptap/pm/state';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttributionMode } from '../api';
import { commentHighlightsPlugin, highlightOf, type HighlightRange, setActiveHighlight, setHighlightRanges } from '../editor/comment-highlights';
import { anchorForSelection, resolveLocally } from './anchor-bridge';
import type { CommentTarget } from './CommentComposer';
import type { LiveEvents } from './live-events';
import {
  defaultFilter,
  filterThreads,
  type LocalPlaces,
  openThreadsByBox,
  orderThreads,
  paragraphOf,
  placesOf,
  type Place,
  type ThreadFilter,
} from './thread-places';
import { type CommentActions, type CommentsState, useComments } from './use-comments';
import { useSettledDoc } from './use-settled-doc';

/** What the page knows that the comments need. */
export interface CommentsSetup {
  dialogueId: string;
  documentId: string;
  /** The SDK's live events for the open document. */
  events: LiveEvents;
  online: boolean;
  /** Observers read only. */
  canComment: boolean;
  affiliation: string | null;
  attributionMode: AttributionMode;
}

export interface CommentWorkspace {
  setup: CommentsSetup;
  state: CommentsState;
  actions: CommentActions;
  /** Threads in text order. */
  ordered: Thread[];
  places: ReadonlyMap<string, Place>;
  /** The citation of the paragraph a thread is on now. */
  citationOf: (thread: Thread) => string | null;
  /** Open threads per box id, for the outline. */
  openByBox: ReadonlyMap<string, number>;
  filter: ThreadFilter;
  setFilter: (filter: ThreadFilter) => void;
  activeId: string | null;
  /** Whether a thread's words are gone, as this editor's text has it now (else as the server said). */
  isOrphaned: (thread: Thread) => boolean;
  activate: (threadId: string, from: 'panel' | 'text' | 'caret') => void;
  /** Bumped when a highlight in the text was clicked: the panel brings that thread into view. */
  reveal: number;
  /**
   * Bumped when the caret moved into a thread's words: the panel scrolls that thread into its own
   * view if it can, but neither unfolds nor moves the page (the reader is typing or reading on).
   */
  follow: number;
  showInText: (thread: Thread) => (() => void) | null;
  target: CommentTarget | null;
  problem: string | null;
  dismissProblem: () => void;
  /** Opens the composer on the selection (or says why it cannot). */
  compose: () => void;
  closeComposer: () => void;
  post: (target: CommentTarget, audience: CommentAudience, body: string) => Promise<void>;
}

const noPlaces: ReadonlyMap<string, Place> = new Map();

function samePlaces(a: LocalPlaces, b: LocalPlaces): boolean {
  if (a.size !== b.size) return false;
  for (const [id, place] of b) {
    const other = a.get(id);
    if (!other || other.paragraphId !== place.paragraphId || other.offset !== place.offset) return false;
  }
  return true;
}

/**
 * The comments beside one editor: the threads, which of them are shown, the highlights of their
 * words in the text and the composer.
 */
export function useCommentWorkspace(setup: CommentsSetup, editor: Editor | null, bridge: HighlightBridge): CommentWorkspace {
  const [state, actions] = useComments(setup.dialogueId, setup.documentId, setup.events, setup.online);
  const [filter, setFilter] = useState<ThreadFilter>(defaultFilter);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [reveal, setReveal] = useState(0);
  const [follow, setFollow] = useState(0);
  const [target, setTarget] = useState<CommentTarget | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const doc = useSettledDoc(editor);
  const places = useMemo(() => (doc ? placesOf(doc) : noPlaces), [doc]);
  const threads = state.status === 'ready' ? state.threads : null;
  // Where this editor last found each thread's words; replaced only when some thread moved.
  const [localPlaces, setLocalPlaces] = useState<LocalPlaces>(() => new Map());
  const ordered = useMemo(() => (threads ? orderThreads(threads, places, localPlaces) : []), [threads, places, localPlaces]);
  const openByBox = useMemo(() => openThreadsByBox(threads ?? [], places, localPlaces), [threads, places, localPlaces]);
  const citationOf = useCallback((thread: Thread) => places.get(paragraphOf(thread, localPlaces))?.citation ?? null, [places, localPlaces]);
  // What is highlighted: the threads the filter shows. Not taken from `ordered`, which changes each
  // time typing pauses (positions move), so the anchors are not resolved again for that alone.
  const shown = useMemo(() => filterThreads(threads ?? [], filter), [threads, filter]);

  // Anchors resolved against this editor's Y.Doc: the server marks words deleted only when it is next
  // asked, the text here knows at once.
  const [localOrphans, setLocalOrphans] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const resolveShown = useCallback((editorState: EditorState): HighlightRange[] => {
    const threadsNow = shownRef.current;
    const { ranges, orphaned, places: found } = resolveLocally(editorState, threadsNow);
    setLocalPlaces((previous) => (samePlaces(previous, found) ? previous : found));
    setLocalOrphans((previous) => {
      const same = threadsNow.length === previous.size && threadsNow.every((t) => previous.get(t.id) === orphaned.has(t.id));
      return same ? previous : new Map(threadsNow.map((t) => [t.id, orphaned.has(t.id)]));
    });
    return ranges;
  }, []);
  const isOrphaned = useCallback((thread: Thread) => localOrphans.get(thread.id) ?? thread.anchor.orphaned, [localOrphans]);

  // The highlights are of the threads the panel shows.
  useEffect(() => {
    if (editor && !editor.isDestroyed) setHighlightRanges(editor.view, resolveShown(editor.state));
  }, [editor, shown, resolveShown]);
  useEffect(() => {
    if (editor && !editor.isDestroyed) setActiveHighlight(editor.view, activeId);
  }, [editor, activeId]);

  const activate = useCallback((threadId: string, from: 'panel' | 'text' | 'caret') => {
    setActiveId(threadId);
    if (from === 'text') setReveal((n) => n + 1);
    if (from === 'caret') setFollow((n) => n + 1);
  }, []);
  bridge.connect(
    resolveShown,
    (threadId) => activate(threadId, 'text'),
    (threadId) => activate(threadId, 'caret'),
  );

  // Read through refs so that the callback, and with it every thread card, stays the same while typing.
  const placesRef = useRef(places);
  placesRef.current = places;
  const showInText = useCallback(
    (thread: Thread) => {
      if (isOrphaned(thread) || !editor) return null;
      return () => {
        if (editor.isDestroyed) return;
        const range = highlightOf(editor.state, thread.id);
        const place = placesRef.current.get(thread.anchor.paragraphId);
        const { view } = editor;
        let selection: Selection | null = null;
        if (range) selection = TextSelection.create(view.state.doc, range.from, range.to);
        else if (place) selection = TextSelection.near(view.state.doc.resolve(Math.min(place.pos + 2, view.state.doc.content.size)));
        if (!selection) return;
        setActiveId(thread.id);
        view.focus();
        view.dispatch(view.state.tr.setSelection(selection));
        // Centred rather than at the window's edge, where the sticky toolbar could cover it.
        const { node } = view.domAtPos(selection.from);
        (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'center' });
      };
    },
    [editor, isOrphaned],
  );

  const compose = useCallback(() => {
    if (!editor || !setup.canComment) return;
    const result = anchorForSelection(editor.state);
    if (!result.ok) {
      setProblem(result.reason);
      return;
    }
    setProblem(null);
    const { paragraphId, quote, anchor } = result;
    const citation = placesOf(editor.state.doc).get(paragraphId)?.citation ?? 'This paragraph';
    setTarget({ paragraphId, quote, anchor, citation });
  }, [editor, setup.canComment]);

  const post = useCallback(
    async (to: CommentTarget, audience: CommentAudience, body: string) => {
      const thread = await actions.create({
        paragraphId: to.paragraphId,
        ...(to.quote ? { quote: to.quote } : {}),
        ...(to.anchor ? { anchor: to.anchor } : {}),
        audience,
        body,
      });
      setTarget(null);
      // The new thread is shown whatever the filter was, so its author sees it land.
      setFilter((current) => (current.status === 'resolved' || (current.audience !== 'all' && current.audience !== audience) ? defaultFilter : current));
      setActiveId(thread.id);
      setReveal((n) => n + 1);
    },
    [actions],
  );

  return {
    setup,
    state,
    actions,
    ordered,
    places,
    citationOf,
    openByBox,
    filter,
    setFilter,
    activeId,
    isOrphaned,
    activate,
    reveal,
    follow,
    showInText,
    target,
    problem,
    dismissProblem: useCallback(() => setProblem(null), []),
    compose,
    closeComposer: useCallback(() => setTarget(null), []),
    post,
  };
}

/**
 * The highlights' plugin goes into the editor when it is built, before the workspace has the editor:
 * it reads the shown threads and reports clicks through this bridge, connected once both exist.
 */
export interface HighlightBridge {
  extension: Extension;
  connect(resolve: (state: EditorState) => HighlightRange[], onActivate: (threadId: string) => void, onCaretEnter: (threadId: string) => void): void;
}

export function useHighlightBridge(): HighlightBridge {
  const [bridge] = useState<HighlightBridge>(() => {
    let resolve: (state: EditorState) => HighlightRange[] = () => [];
    let onActivate: (threadId: string) => void = () => {};
    let onCaretEnter: (threadId: string) => void = () => {};
    return {
      extension: Extension.create({
        name: 'commentHighlights',
        addProseMirrorPlugins() {
          return [
            commentHighlightsPlugin({ resolve: (state) => resolve(state), onActivate: (id) => onActivate(id), onCaretEnter: (id) => onCaretEnter(id) }),
          ];
        },
      }),
      connect(nextResolve, nextOnActivate, nextOnCaretEnter) {
        resolve = nextResolve;
        onActivate = nextOnActivate;
        onCaretEnter = nextOnCaretEnter;
      },
    };
  });
  return bridge;
}

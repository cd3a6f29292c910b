import type { HistoryEntry, RestoreResult } from '@accord/contract';
import { computeLabels } from '@accord/text';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { accord } from '../api';
import { blockAtSelection, blockPlaces } from '../amendments/blocks';
import type { AmendmentsSetup } from '../amendments/use-amendment-workspace';
import { useSettledDoc } from '../comments/use-settled-doc';
import { isSteward } from '../labels';
import { stepPositions } from './timeline-pages';
import { type RevisionActions, type RevisionsState, useRevisions } from './use-revisions';
import { type PastText, useTextAt } from './use-text-at';
import { noFilter, type TimelineFilter, type TimelineList, useTimeline } from './use-timeline';

/** What the page knows that the history needs: the same as the amendments. */
export type HistorySetup = AmendmentsSetup;

export interface HistoryWorkspace {
  setup: HistorySetup;
  /** The chair or the secretariat: they name and restore revisions. */
  steward: boolean;
  filter: TimelineFilter;
  setFilter: (filter: TimelineFilter) => void;
  timeline: TimelineList;
  revisions: RevisionsState;
  revisionActions: RevisionActions;
  /** The log positions the slider steps through, oldest first; the last is the text now. */
  positions: number[];
  /** The position whose text is shown instead of the live text; null for the live text. */
  viewing: number | null;
  view: (seq: number | null) => void;
  past: PastText;
  /** The entry of the timeline that ends at the position viewed, if one does. */
  viewedEntry: HistoryEntry | null;
  /** The current paragraphs and sub-paragraphs, in the order of the text, with their citations. */
  paragraphs: { id: string; citation: string }[];
  cursorBlock: string | null;
  /** Where a paragraph is cited now; null once it is gone. */
  citationNow: (id: string) => string | null;
  /** Puts the cursor in a paragraph of the live text and scrolls to it; false when it is gone. */
  goToParagraph: (id: string) => boolean;
  restore: (revisionId: string, paragraphId?: string) => Promise<RestoreResult>;
}

/** The history beside one editor: the timeline and its filters, stepping through time, the revisions. */
export function useHistoryWorkspace(setup: HistorySetup, editor: Editor | null, active: boolean): HistoryWorkspace {
  const { dialogueId, documentId, events, online } = setup;
  const [filter, setFilter] = useState<TimelineFilter>(noFilter);
  const timeline = useTimeline(dialogueId, documentId, filter, active);
  const [revisions, revisionActions] = useRevisions(dialogueId, documentId, events, online);
  const [viewing, setViewing] = useState<number | null>(null);
  const past = useTextAt(dialogueId, documentId, viewing);
  const [cursorBlock, setCursorBlock] = useState<string | null>(null);

  // Leaving the History tab leads back to the live text: the comments and amendments act on it.
  useEffect(() => {
    if (!active) setViewing(null);
  }, [active]);

  const doc = useSettledDoc(editor);
  const paragraphs = useMemo(() => {
    if (!doc) return [];
    const seen = new Set<string>();
    return computeLabels(doc).list.flatMap((label) => {
      if (!label.id || label.kind === 'box' || seen.has(label.id)) return [];
      seen.add(label.id);
      return [{ id: label.id, citation: label.citation }];
    });
  }, [doc]);
  const citations = useMemo(() => new Map(paragraphs.map((p) => [p.id, p.citation])), [paragraphs]);

  useEffect(() => {
    if (!editor) return;
    const onSelection = () => setCursorBlock(blockAtSelection(editor.state));
    onSelection();
    editor.on('selectionUpdate', onSelection);
    return () => {
      editor.off('selectionUpdate', onSelection);
    };
  }, [editor]);

  // The timeline follows the text while it is shown: read again once typing has paused a while.
  const quietDoc = useSettledDoc(editor, 4000);
  const { refresh } = timeline;
  const readFor = useRef(quietDoc);
  useEffect(() => {
    // Opening the panel reads the timeline anyway: only a text that changes while it is open calls for another read.
    if (readFor.current === quietDoc) return;
    readFor.current = quietDoc;
    if (active) refresh();
  }, [active, quietDoc, refresh]);
  useEffect(() => events.onEvent('revisions.created', (data) => data.documentId === documentId && refresh()), [events, documentId, refresh]);

  const entries = timeline.state.status === 'ready' ? timeline.state.timeline.entries : null;
  const current = timeline.state.status === 'ready' ? timeline.state.timeline.seq : 0;
  const positions = useMemo(() => (entries ? stepPositions(entries, current) : []), [entries, current]);
  const viewedEntry = useMemo(() => entries?.find((e) => e.toSeq === viewing) ?? null, [entries, viewing]);

  const goToParagraph = useCallback(
    (id: string) => {
      if (!editor || editor.isDestroyed) return false;
      const place = blockPlaces(editor.state.doc).get(id);
      if (!place) return false;
      setViewing(null);
      const { view } = editor;
      const selection = TextSelection.near(view.state.doc.resolve(Math.min(place.pos + 2, view.state.doc.content.size)));
      view.dispatch(view.state.tr.setSelection(selection));
      view.focus();
      // Once the live text is shown again (it was hidden while a past one was viewed).
      requestAnimationFrame(() => {
        const element = view.nodeDOM(place.pos);
        if (element instanceof HTMLElement) element.scrollIntoView({ block: 'center' });
      });
      return true;
    },
    [editor],
  );

  const restore = useCallback(
    async (revisionId: string, paragraphId?: string) => {
      const result = await accord.history.restore(dialogueId, documentId, revisionId, paragraphId ? { paragraphId } : {});
      refresh();
      return result;
    },
    [dialogueId, documentId, refresh],
  );

  return {
    setup,
    steward: isSteward(setup.role),
    filter,
    setFilter,
    timeline,
    revisions,
    revisionActions,
    positions,
    viewing,
    view: setViewing,
    past,
    viewedEntry,
    paragraphs,
    cursorBlock,
    citationNow: useCallback((id: string) => citations.get(id) ?? null, [citations]),
    goToParagraph,
    restore,
  };
}

import type { AuthorCategory, HistoryQuery } from '@accord/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { accord } from '../api';
import { appendOlder, mergeNewest, type Timeline } from './timeline-pages';

export interface TimelineFilter {
  /** Only what touched this paragraph or sub-paragraph. */
  paragraphId: string | null;
  category: AuthorCategory | null;
}

export const noFilter: TimelineFilter = { paragraphId: null, category: null };

export type TimelineState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; timeline: Timeline };

export interface TimelineList {
  state: TimelineState;
  /** Reads the newest page again, keeping the older pages already read where they join. */
  refresh(): void;
  loadOlder(): void;
  older: { pending: boolean; error: unknown };
}

const PAGE = 30;

/**
 * The timeline of one document under one filter, read a page at a time while `active` (the panel is
 * shown): nothing is fetched for a panel nobody looks at.
 */
export function useTimeline(dialogueId: string, documentId: string, filter: TimelineFilter, active: boolean): TimelineList {
  const [state, setState] = useState<TimelineState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [older, setOlder] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const query: HistoryQuery = { limit: PAGE, ...(filter.paragraphId ? { paragraphId: filter.paragraphId } : {}), ...(filter.category ? { category: filter.category } : {}) };
  const key = `${dialogueId}/${documentId}/${filter.paragraphId ?? ''}/${filter.category ?? ''}`;
  const shown = useRef<{ key: string; timeline: Timeline } | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (!active) return;
    const abort = new AbortController();
    void (async () => {
      try {
        const page = await accord.history.timeline(dialogueId, documentId, queryRef.current, { signal: abort.signal });
        const before = shown.current?.key === key ? shown.current.timeline : null;
        const timeline = mergeNewest(before, page);
        shown.current = { key, timeline };
        setState({ status: 'ready', timeline });
      } catch (error) {
        if (abort.signal.aborted) return;
        // A failed refresh keeps what was shown; only a first read under this filter shows the error.
        if (shown.current?.key !== key) setState({ status: 'error', error });
      }
    })();
    return () => abort.abort();
  }, [dialogueId, documentId, key, active, generation]);

  // Another filter is another list: start from "loading" rather than entries the filter would not show.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setState({ status: 'loading' });
    setOlder({ pending: false, error: null });
  }

  const loadOlder = useCallback(() => {
    const current = shown.current;
    if (!current || current.key !== key || current.timeline.next === null || older.pending) return;
    setOlder({ pending: true, error: null });
    const cursor = current.timeline.next;
    void (async () => {
      try {
        const page = await accord.history.timeline(dialogueId, documentId, { ...queryRef.current, cursor });
        setOlder({ pending: false, error: null });
        if (shown.current?.key !== key) return;
        const timeline = appendOlder(shown.current.timeline, page);
        shown.current = { key, timeline };
        setState({ status: 'ready', timeline });
      } catch (error) {
        setOlder({ pending: false, error });
      }
    })();
  }, [dialogueId, documentId, key, older.pending]);

  const refresh = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, refresh, loadOlder, older };
}

import { useCallback, useEffect, useRef, useState } from 'react';

export type LiveListState<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; items: T[] };

export interface LiveList<T> {
  state: LiveListState<T>;
  /** Fetches the list again. */
  reload(): void;
  /** Puts one item the server sent (an answer, a live event) in place of its copy; returns it. */
  apply(item: T): T;
}

/**
 * A document's list the server keeps for this viewer (comment threads, amendments): fetched once,
 * then kept current item by item by the caller's live events (`apply`), and fetched again on coming
 * back online, since events sent meanwhile were missed. A failed refetch keeps what was shown; only
 * a first load shows the error.
 */
export function useLiveList<T>(
  load: (signal: AbortSignal) => Promise<T[]>,
  /** Names what is listed (the document): a new key fetches anew. */
  key: string,
  online: boolean,
  upsert: (items: readonly T[], item: T) => T[],
): LiveList<T> {
  const [state, setState] = useState<LiveListState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const abort = new AbortController();
    loader.current(abort.signal).then(
      (items) => setState({ status: 'ready', items }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState((current) => (current.status === 'ready' ? current : { status: 'error', error }));
      },
    );
    return () => abort.abort();
  }, [key, generation]);

  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) reload();
    wasOnline.current = online;
  }, [online, reload]);

  const apply = useCallback(
    (item: T) => {
      setState((current) => (current.status === 'ready' ? { status: 'ready', items: upsert(current.items, item) } : current));
      return item;
    },
    [upsert],
  );
  return { state, reload, apply };
}

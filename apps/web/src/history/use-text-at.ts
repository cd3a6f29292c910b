import type { TextAt } from '@accord/contract';
import { useEffect, useReducer, useRef, useState } from 'react';
import { accord } from '../api';
import { PositionLoader } from './position-loader';

export interface PastText {
  /** The text at the position asked for, or while it loads the last one shown (never another document's). */
  text: TextAt | null;
  loading: boolean;
  error: unknown;
}

/**
 * The text as it stood after the `seq`-th update, read-only: it keeps up with a slider being dragged
 * (one request at a time, always for the newest position; positions already read come from memory).
 */
export function useTextAt(dialogueId: string, documentId: string, seq: number | null): PastText {
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [loader] = useState(() => new PositionLoader<TextAt>((at) => accord.history.textAt(dialogueId, documentId, `seq:${at}`), changed));
  const lastShown = useRef<TextAt | null>(null);

  useEffect(() => {
    loader.open();
    return () => loader.close();
  }, [loader]);
  useEffect(() => {
    if (seq !== null) loader.request(seq);
  }, [loader, seq]);

  if (seq === null) return { text: null, loading: false, error: null };
  const text = loader.get(seq) ?? null;
  if (text) lastShown.current = text;
  return { text: text ?? lastShown.current, loading: loader.loading, error: loader.error };
}

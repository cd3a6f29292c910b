import { useEffect, useReducer, useRef } from 'react';
import type { HandleState } from '../../document/connection';
import { SaveIndicator } from '../../document/save-status';

/**
 * The save indicator. What is seen changes at once (but a quick save never flashes "Saving…"); what
 * a screen reader hears comes from a separate, visually hidden live region that speaks a state only
 * once it has settled (SaveIndicator). The visible words are hidden from assistive technology so
 * that reading the page does not say them twice; the live region holds the same words, a moment later.
 */
export function SaveStatus({ state }: { state: HandleState }) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const indicator = useRef<SaveIndicator | null>(null);
  indicator.current ??= new SaveIndicator(state, rerender);

  useEffect(() => {
    indicator.current?.update(state);
  }, [state]);

  useEffect(() => {
    const current = indicator.current;
    return () => current?.dispose();
  }, []);

  const { shown, announced } = indicator.current;
  return (
    <span className="save-status-wrap">
      <span data-testid="save-status" aria-hidden="true" className={`save-status save-status-${shown.tone}`}>
        {shown.text}
      </span>
      <span role="status" data-testid="save-status-announced" className="visually-hidden">
        {announced}
      </span>
    </span>
  );
}

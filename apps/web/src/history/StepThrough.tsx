import { useId } from 'react';
import type { HistoryWorkspace } from './use-history-workspace';

/** The index of the position shown: the live text is the last; a position no longer listed, the nearest before it. */
export function stepIndex(positions: readonly number[], viewing: number | null): number {
  if (positions.length === 0) return 0;
  if (viewing === null) return positions.length - 1;
  let index = 0;
  for (const [i, seq] of positions.entries()) if (seq <= viewing) index = i;
  return index;
}

/**
 * A slider over the timeline's positions (those of the entries listed, the text now last), with a step
 * back and a step forward: moving it shows the text as it stood there, in place of the live text.
 */
export function StepThrough({ workspace }: { workspace: HistoryWorkspace }) {
  const { positions, viewing, view, past } = workspace;
  const id = useId();
  const index = stepIndex(positions, viewing);
  const last = positions.length - 1;
  const go = (i: number) => {
    const seq = positions[Math.max(0, Math.min(last, i))];
    if (seq === undefined) return;
    view(i >= last ? null : seq);
  };
  if (positions.length < 2) return null;

  const where = viewing === null ? 'The live text' : `After change ${viewing} of ${positions[last]}`;
  return (
    <div className="history-step">
      <label htmlFor={id} className="history-step-label">
        Step through time
      </label>
      <div className="history-step-controls">
        <button type="button" className="button-secondary button-small" onClick={() => go(index - 1)} disabled={index === 0} aria-label="One step back in time">
          ‹
        </button>
        <input
          id={id}
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          aria-valuetext={where}
          onChange={(event) => go(Number(event.target.value))}
        />
        <button type="button" className="button-secondary button-small" onClick={() => go(index + 1)} disabled={index === last} aria-label="One step forward in time">
          ›
        </button>
      </div>
      <p className="history-step-where" aria-live="polite">
        {where}
        {viewing !== null && past.loading && <span className="history-step-loading"> · loading…</span>}
      </p>
    </div>
  );
}

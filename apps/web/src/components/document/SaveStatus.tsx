import type { HandleState } from '../../document/connection';
import { saveStatusText, saveStatusTone } from '../../document/save-status';

/** The save indicator: a live region, so changes ("Saving…", "Saved") are announced politely. */
export function SaveStatus({ state }: { state: HandleState }) {
  return (
    <span role="status" data-testid="save-status" className={`save-status save-status-${saveStatusTone(state)}`}>
      {saveStatusText(state)}
    </span>
  );
}

import type { AttributionMode } from '../api';

/** Marks dialogues held under the Chatham House Rule, where what is said may not be attributed. */
export function AttributionBadge({ mode }: { mode: AttributionMode }) {
  if (mode !== 'chatham_house') return null;
  return <span className="badge badge-chatham">Chatham House Rule</span>;
}

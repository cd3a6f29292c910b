import { useEffect, useMemo } from 'react';
import { formatDateTime } from '../labels';
import { historyErrorMessage } from './history-errors';
import { PastTextView } from './PastTextView';
import type { HistoryWorkspace } from './use-history-workspace';

const none: ReadonlySet<string> = new Set();

/**
 * In place of the live text while a point of the history is viewed: a bar that says which point it is
 * and leads back, and the text as it stood then, read-only.
 */
export function PastTextPane({ workspace }: { workspace: HistoryWorkspace }) {
  const { viewing, past, viewedEntry, revisions, view } = workspace;
  const revision = revisions.status === 'ready' ? revisions.revisions.find((r) => r.seq === viewing) : undefined;
  const touched = useMemo(() => (viewedEntry ? new Set(viewedEntry.paragraphs.map((p) => p.paragraphId)) : none), [viewedEntry]);

  useEffect(() => {
    if (viewing === null) return;
    // Escape leads back to the live text, unless it is closing a dialog opened over the page.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) view(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [viewing, view]);

  if (viewing === null) return null;

  const at = viewedEntry?.to ?? revision?.createdAt;
  const when = at ? formatDateTime(at) : `change ${viewing}`;
  const shown = past.text && past.text.seq === viewing ? past.text : past.loading ? past.text : null;
  return (
    <div className="past-text-pane">
      <div className="past-bar" role="status">
        <p>
          Viewing the text as of <strong>{when}</strong>
          {revision && <> ({revision.label})</>}
          {past.loading && <span className="past-loading"> · loading…</span>}
        </p>
        <button type="button" onClick={() => view(null)} aria-keyshortcuts="Escape" title="Back to the live text (Escape)">
          Back to the live text
        </button>
      </div>
      {past.error !== null && (
        <p role="alert" className="alert alert-error">
          {historyErrorMessage(past.error)}
        </p>
      )}
      {shown?.content === null && <p className="empty">The document had no content yet at this point.</p>}
      {shown && shown.content !== null && (
        <div className={past.loading ? 'past-text-frame past-text-stale' : 'past-text-frame'}>
          <PastTextView content={shown.content} touched={shown.seq === viewing ? touched : none} label={`The text as of ${when}, read-only`} />
        </div>
      )}
    </div>
  );
}

import type { Progress, Revision } from '@accord/contract';
import { useEffect, useId, useState } from 'react';
import { accord } from '../api';
import { formatDate } from '../labels';
import { Link } from '../router';
import { historyErrorMessage } from './history-errors';
import { compareHref, concordanceHref } from './history-links';
import { historyAuthorText } from './history-words';
import { NameRevisionDialog } from './NameRevisionDialog';
import { ProgressChart } from './ProgressChart';
import { RestoreDialog, type RestoreRequest } from './RestoreDialog';
import { nextLabel, previousRevision } from './revision-list';
import type { HistoryWorkspace } from './use-history-workspace';
import { BreakAfterSlashes } from './BreakAfterSlashes';
import type { ExportSection } from '../exports/export-menu-items';
import { ExportMenu } from '../exports/ExportMenu';
import { When } from './When';

/** The chair's named revisions, newest first, each to compare, view, or (for stewards) restore; and the progress chart. */
export function RevisionsSection({ workspace }: { workspace: HistoryWorkspace }) {
  const { revisions: state, revisionActions, steward, setup } = workspace;
  const [naming, setNaming] = useState(false);
  const [restoring, setRestoring] = useState<RestoreRequest | null>(null);
  const [notice, setNotice] = useState<{ text: string; concordanceOf?: string } | null>(null);
  const revisions = state.status === 'ready' ? state.revisions : [];
  const progress = useProgress(setup.dialogueId, setup.documentId, revisions.length);

  return (
    <>
      {steward && (
        <button type="button" className="button-secondary comments-new" onClick={() => setNaming(true)}>
          Name revision
        </button>
      )}
      <div role="status" className={notice ? 'amendments-notice' : 'visually-hidden'}>
        {notice?.text}
        {notice?.concordanceOf && (
          <>
            {' '}
            <Link href={concordanceHref(setup.dialogueId, setup.documentId, notice.concordanceOf)}>See the concordance</Link>
          </>
        )}
      </div>
      {state.status === 'loading' && <p role="status">Loading revisions…</p>}
      {state.status === 'error' && (
        <div role="alert" className="alert alert-error">
          <p>{historyErrorMessage(state.error)}</p>
          <button type="button" className="button-secondary button-small" onClick={revisionActions.reload}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && revisions.length === 0 && (
        <p className="comments-empty">No revision has been named yet.{steward ? ' Name one to mark the text as it stands (Rev.1).' : ''}</p>
      )}
      <ol className="history-list">
        {revisions.toReversed().map((revision) => (
          <li key={revision.id}>
            <RevisionCard
              revision={revision}
              previous={previousRevision(revisions, revision)}
              workspace={workspace}
              onRestore={() => setRestoring({ revision })}
            />
          </li>
        ))}
      </ol>
      {progress.status === 'ready' && <ProgressChart progress={progress.data} />}
      {progress.status === 'error' && <p className="amendment-error">The progress chart is not available: {historyErrorMessage(progress.error)}</p>}
      <NameRevisionDialog
        open={naming}
        suggestedLabel={nextLabel(revisions.map((r) => r.label))}
        onSubmit={revisionActions.name}
        onNamed={(created) => {
          setNaming(false);
          setNotice({ text: `${created.revision.label} named${created.revision.renumbered ? ' and the text renumbered' : ''}.`, ...(created.revision.renumbered ? { concordanceOf: created.revision.id } : {}) });
        }}
        onClose={() => setNaming(false)}
      />
      <RestoreDialog
        request={restoring}
        onRestore={(request) => workspace.restore(request.revision.id, request.paragraph?.id)}
        onDone={(text) => {
          setRestoring(null);
          setNotice({ text });
        }}
        onClose={() => setRestoring(null)}
      />
    </>
  );
}

function RevisionCard({ revision, previous, workspace, onRestore }: { revision: Revision; previous: Revision | null; workspace: HistoryWorkspace; onRestore: () => void }) {
  const { dialogueId, documentId } = workspace.setup;
  const viewing = workspace.viewing === revision.seq;
  const id = useId();
  return (
    <article className={viewing ? 'history-entry revision history-entry-viewing' : 'history-entry revision'} aria-labelledby={revision.renumbered ? `${id}-label ${id}-badge` : `${id}-label`}>
      <header className="revision-head">
        <h3 className="revision-label" id={`${id}-label`}>
          {revision.label}
        </h3>
        {revision.renumbered && (
          <span className="history-source history-source-renumber" id={`${id}-badge`}>
            Clean, renumbered
          </span>
        )}
      </header>
      {revision.symbol && (
        <p className="symbol revision-symbol">
          <BreakAfterSlashes text={revision.symbol} />
        </p>
      )}
      <p className="history-who">
        {revision.statusDate && <>Status date {formatDate(revision.statusDate)} · </>}
        Named by <span className="comment-author">{historyAuthorText(revision.createdBy)}</span> <When iso={revision.createdAt} />
      </p>
      {revision.note && <p className="revision-note">{revision.note}</p>}
      <p className="revision-links">
        <Link href={compareHref(dialogueId, documentId, revision.id, 'current')}>Compare with now</Link>
        {previous && <Link href={compareHref(dialogueId, documentId, previous.id, revision.id)}>Compare with {previous.label}</Link>}
        {revision.renumbered && <Link href={concordanceHref(dialogueId, documentId, revision.id)}>Concordance</Link>}
      </p>
      <div className="amendment-actions">
        <button type="button" className="button-secondary button-small" aria-pressed={viewing} onClick={() => workspace.view(viewing ? null : revision.seq)}>
          {viewing ? 'Back to the live text' : 'Show this text'}
        </button>
        {workspace.steward && (
          <button type="button" className="button-secondary button-small" onClick={onRestore}>
            Restore this revision
          </button>
        )}
        <ExportMenu dialogueId={dialogueId} documentId={documentId} sections={revisionExports(revision, previous)} align="start" buttonClassName="button-secondary button-small" />
      </div>
    </article>
  );
}

/** The revision's own text, and its redline against the revision before it (tracked changes in Word). */
function revisionExports(revision: Revision, previous: Revision | null): ExportSection[] {
  const text: ExportSection = { kind: 'text', label: `Text of ${revision.label}`, revision: revision.id };
  if (!previous) return [text];
  return [text, { kind: 'redline', label: `Redline against ${previous.label}`, revision: revision.id, compare: previous.id }];
}

type ProgressState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: Progress };

/** The progress of each box, read again when a revision is named (a new point of the chart). */
function useProgress(dialogueId: string, documentId: string, revisions: number): ProgressState {
  const [state, setState] = useState<ProgressState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    accord.history.progress(dialogueId, documentId, { signal: abort.signal }).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState((current) => (current.status === 'ready' ? current : { status: 'error', error }));
      },
    );
    return () => abort.abort();
  }, [dialogueId, documentId, revisions]);
  return state;
}

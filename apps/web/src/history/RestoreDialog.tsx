import type { RestoreResult, Revision } from '@accord/contract';
import { useState } from 'react';
import { Dialog } from '../components/document/Dialog';
import { formatDate } from '../labels';
import { historyErrorMessage } from './history-errors';

export interface RestoreRequest {
  revision: Revision;
  /** One paragraph (its id and citation) rather than the whole text. */
  paragraph?: { id: string; citation: string };
}

interface RestoreDialogProps {
  request: RestoreRequest | null;
  onRestore: (request: RestoreRequest) => Promise<RestoreResult>;
  /** Says what became of it, in words. */
  onDone: (message: string) => void;
  onClose: () => void;
}

/** Asks before a restore, saying what happens: a new change on top of the text, nothing lost. */
export function RestoreDialog({ request, onRestore, onDone, onClose }: RestoreDialogProps) {
  const what = request?.paragraph ? request.paragraph.citation : 'the text';
  return (
    <Dialog open={request !== null} title={request ? `Restore ${what} as in ${request.revision.label}?` : 'Restore'} onClose={onClose}>
      {request && <RestoreConfirm key={`${request.revision.id}/${request.paragraph?.id ?? ''}`} request={request} onRestore={onRestore} onDone={onDone} onClose={onClose} />}
    </Dialog>
  );
}

function RestoreConfirm({ request, onRestore, onDone, onClose }: { request: RestoreRequest } & Omit<RestoreDialogProps, 'request'>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { revision, paragraph } = request;
  const date = revision.statusDate ? ` (status date ${formatDate(revision.statusDate)})` : '';

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await onRestore(request);
      const what = paragraph ? paragraph.citation : 'The text';
      onDone(result.changed ? `${what} restored as in ${revision.label}.` : `${what} already read as in ${revision.label}: nothing changed.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="form">
      <p>
        {paragraph ? (
          <>
            {paragraph.citation} goes back to its wording, brackets and status in {revision.label}
            {date}, or comes back where it stood if it was deleted since.
          </>
        ) : (
          <>
            The whole text goes back to how it stood in {revision.label}
            {date}.
          </>
        )}
      </p>
      <p>
        This is made as a <strong>new change on top</strong> of the text as it is now: nothing is lost. Every earlier version stays in the history, and
        the restore appears in it as a change of its own.
      </p>
      {error !== null && (
        <p role="alert" className="alert alert-error">
          {historyErrorMessage(error)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => void confirm()} disabled={pending}>
          {pending ? 'Restoring…' : paragraph ? `Restore ${paragraph.citation}` : `Restore ${revision.label}`}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

import { type CreateRevisionInput, MAX_REVISION_LABEL_LENGTH, MAX_REVISION_NOTE_LENGTH, MAX_REVISION_SYMBOL_LENGTH, type RevisionCreated } from '@accord/contract';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../components/document/Dialog';
import { Field } from '../components/Field';
import { fieldError, isApiError } from '../errors';
import { historyErrorMessage } from './history-errors';
import { todayIso } from './history-words';

interface NameRevisionDialogProps {
  open: boolean;
  /** A label to start from ("Rev.2" after "Rev.1"). */
  suggestedLabel: string;
  onSubmit: (input: CreateRevisionInput) => Promise<RevisionCreated>;
  onNamed: (created: RevisionCreated) => void;
  onClose: () => void;
}

/** The chair or the secretariat names the text as it is now: Rev.2, its symbol, its status date. */
export function NameRevisionDialog({ open, suggestedLabel, onSubmit, onNamed, onClose }: NameRevisionDialogProps) {
  return (
    <Dialog open={open} title="Name a revision" onClose={onClose} className="name-revision-dialog">
      <NameRevisionForm suggestedLabel={suggestedLabel} onSubmit={onSubmit} onNamed={onNamed} onClose={onClose} />
    </Dialog>
  );
}

const fields = ['label', 'symbol', 'statusDate', 'note', 'renumber'];

function NameRevisionForm({ suggestedLabel, onSubmit, onNamed, onClose }: Omit<NameRevisionDialogProps, 'open'>) {
  const [label, setLabel] = useState(suggestedLabel);
  const [symbol, setSymbol] = useState('');
  const [statusDate, setStatusDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const [renumber, setRenumber] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (label.trim() === '') return setProblem('Give the revision a label, such as Rev.1.');
    setProblem(undefined);
    setPending(true);
    setError(null);
    try {
      const created = await onSubmit({
        label: label.trim(),
        ...(symbol.trim() ? { symbol: symbol.trim() } : {}),
        ...(statusDate ? { statusDate } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(renumber ? { renumber: true } : {}),
      });
      onNamed(created);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  const atField = isApiError(error, 'VALIDATION_FAILED') && error.fields.length > 0 && error.fields.every((f) => fields.some((name) => f.field === name || f.field.startsWith(`${name}.`)));
  const otherError = error !== null && !atField ? historyErrorMessage(error) : null;

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="hint">The revision names the text as it stands now. It cannot be changed afterwards; the text goes on changing as before.</p>
      <Field label="Label" hint="Unique in this document, e.g. Rev.1." error={problem ?? fieldError(error, 'label')}>
        {(control) => <input {...control} type="text" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={MAX_REVISION_LABEL_LENGTH} autoComplete="off" required autoFocus />}
      </Field>
      <Field label="Symbol (optional)" hint="The document symbol, e.g. CCW/GGE.1/2026/WP.1/Rev.1." error={fieldError(error, 'symbol')}>
        {(control) => <input {...control} type="text" value={symbol} onChange={(e) => setSymbol(e.target.value)} maxLength={MAX_REVISION_SYMBOL_LENGTH} autoComplete="off" />}
      </Field>
      <Field label="Status date" error={fieldError(error, 'statusDate')}>
        {(control) => <input {...control} type="date" value={statusDate} onChange={(e) => setStatusDate(e.target.value)} />}
      </Field>
      <Field label="Note (optional)" hint="What this revision is: shown with it to everyone." error={fieldError(error, 'note')}>
        {(control) => <textarea {...control} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={MAX_REVISION_NOTE_LENGTH} />}
      </Field>
      <div className={fieldError(error, 'renumber') ? 'field field-invalid' : 'field'}>
        <label className="choice">
          <input type="checkbox" checked={renumber} onChange={(e) => setRenumber(e.target.checked)} />
          <span>
            Clean revision: renumber paragraphs (no more bis)
            <span className="hint">
              Every box is numbered afresh (2bis becomes 3) and a concordance table of old and new numbers goes with the revision. Delegations' notes cite
              the old numbers: renumber only for a clean text.
            </span>
          </span>
        </label>
        {fieldError(error, 'renumber') && <p className="field-error">{fieldError(error, 'renumber')}</p>}
      </div>
      {otherError && (
        <p role="alert" className="alert alert-error">
          {otherError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Naming…' : renumber ? 'Renumber and name' : 'Name revision'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}


import { type FormEvent, type ReactNode, useState } from 'react';
import { Field } from '../Field';
import { Dialog } from './Dialog';

interface PromptDialogProps {
  open: boolean;
  title: string;
  label: string;
  hint?: ReactNode;
  /** Shown above the field, e.g. the words about to be bracketed. */
  context?: ReactNode;
  confirmLabel: string;
  required?: boolean;
  multiline?: boolean;
  onConfirm: (value: string) => void;
  onClose: () => void;
}

/** Asks for one piece of text before a command runs: the sponsors of a bracket, a footnote. */
export function PromptDialog({ open, title, label, hint, context, confirmLabel, required, multiline, onConfirm, onClose }: PromptDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <PromptForm {...{ label, hint, context, confirmLabel, required, multiline, onConfirm, onClose }} />
    </Dialog>
  );
}

type PromptFormProps = Omit<PromptDialogProps, 'open' | 'title'>;

function PromptForm({ label, hint, context, confirmLabel, required, multiline, onConfirm, onClose }: PromptFormProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (required && value.trim() === '') {
      setError('Please enter some text.');
      return;
    }
    onConfirm(value);
  }

  return (
    <form className="form" onSubmit={submit}>
      {context}
      <Field label={label} hint={hint} error={error}>
        {(control) =>
          multiline ? (
            <textarea {...control} value={value} onChange={(e) => setValue(e.target.value)} rows={3} maxLength={2000} autoFocus />
          ) : (
            <input {...control} type="text" value={value} onChange={(e) => setValue(e.target.value)} maxLength={500} autoComplete="off" autoFocus />
          )
        }
      </Field>
      <div className="dialog-actions">
        <button type="submit">{confirmLabel}</button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

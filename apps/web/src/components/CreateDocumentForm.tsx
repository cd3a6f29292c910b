import { useState } from 'react';
import { api } from '../api';
import { fieldError, isApiError } from '../errors';
import { textField, useSubmit } from '../hooks';
import { ErrorAlert, Notice } from './Alert';
import { Field } from './Field';

// The server's symbol rule, escaped for the `v` flag browsers compile `pattern` with.
const SYMBOL_PATTERN = String.raw`[A-Za-z0-9][A-Za-z0-9.\/\-_\(\) ]*`;

export function CreateDocumentForm({ dialogueId, onCreated }: { dialogueId: string; onCreated: () => void }) {
  const [created, setCreated] = useState<string | null>(null);
  const { onSubmit, pending, error } = useSubmit(async (form, element) => {
    setCreated(null);
    const document = await api.createDocument(dialogueId, {
      title: textField(form, 'title') ?? '',
      symbol: textField(form, 'symbol') ?? '',
    });
    element.reset();
    setCreated(`${document.symbol} has been created.`);
    onCreated();
  });
  // The server names no field for a taken symbol, but that is where the reader must look.
  const symbolError =
    fieldError(error, 'symbol') ?? (isApiError(error, 'SYMBOL_TAKEN') ? 'Already used by another document here' : undefined);

  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="new-document-heading">
      <h2 id="new-document-heading">New document</h2>
      <ErrorAlert error={error} />
      {created && <Notice>{created}</Notice>}
      <Field label="Title" error={fieldError(error, 'title')}>
        {(control) => <input {...control} name="title" type="text" required maxLength={300} autoComplete="off" />}
      </Field>
      <Field label="Symbol" hint="Unique in this dialogue, e.g. T15/AWS/2026/1" error={symbolError}>
        {(control) => (
          <input
            {...control}
            name="symbol"
            type="text"
            required
            maxLength={80}
            pattern={SYMBOL_PATTERN}
            title="Letters, digits and . / - _ ( ) only"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create document'}
      </button>
    </form>
  );
}

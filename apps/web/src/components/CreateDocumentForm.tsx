import { type DocumentLayout, MAX_BOX_TITLE_LENGTH, MAX_BOXES } from '@accord/contract';
import { CCW_BOX_TITLES, romanNumeral } from '@accord/text';
import { useRef, useState } from 'react';
import { api } from '../api';
import { fieldError, isApiError } from '../errors';
import { textField, useSubmit } from '../hooks';
import { ErrorAlert, Notice } from './Alert';
import { Field } from './Field';

// The server's symbol rule, escaped for the `v` flag browsers compile `pattern` with.
const SYMBOL_PATTERN = String.raw`[A-Za-z0-9][A-Za-z0-9.\/\-_\(\) ]*`;

type LayoutKind = DocumentLayout['kind'];

/** A box title being edited, with a key that stays with it when boxes above it are removed. */
interface BoxRow {
  key: number;
  title: string;
}

let nextKey = 0;
const templateRows = (): BoxRow[] => CCW_BOX_TITLES.map((title) => ({ key: nextKey++, title }));

/**
 * A new document: its title and symbol, and how its text starts: the five boxes of the CCW rolling
 * text (their titles changed, boxes added or removed here), or a blank text of one untitled box.
 * Box titles stay the chair's to change later, in the text.
 */
export function CreateDocumentForm({ dialogueId, onCreated }: { dialogueId: string; onCreated: () => void }) {
  const [created, setCreated] = useState<string | null>(null);
  const [kind, setKind] = useState<LayoutKind>('boxes');
  const [rows, setRows] = useState<BoxRow[]>(templateRows);
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const { onSubmit, pending, error } = useSubmit(async (form, element) => {
    setCreated(null);
    const layout: DocumentLayout = kind === 'blank' ? { kind: 'blank' } : { kind: 'boxes', titles: rows.map((row) => row.title.trim()) };
    const document = await api.createDocument(dialogueId, {
      title: textField(form, 'title') ?? '',
      symbol: textField(form, 'symbol') ?? '',
      layout,
    });
    element.reset();
    setKind('boxes');
    setRows(templateRows());
    setCreated(`${document.symbol} has been created.`);
    onCreated();
  });
  // The server names no field for a taken symbol, but that is where the reader must look.
  const symbolError =
    fieldError(error, 'symbol') ?? (isApiError(error, 'SYMBOL_TAKEN') ? 'Already used by another document here' : undefined);
  // An error about the list itself (too many boxes, none), not one of its titles.
  const listError = isApiError(error, 'VALIDATION_FAILED') ? error.fields.find((f) => f.field === 'layout.titles' || f.field === 'layout')?.message : undefined;

  /** Focus moves to a title input by its row's place, once React has drawn it. */
  function focusTitle(index: number) {
    requestAnimationFrame(() => {
      const inputs = list.current?.querySelectorAll<HTMLInputElement>('input');
      (inputs?.[index] ?? addButton.current)?.focus();
    });
  }

  function addBox() {
    if (rows.length >= MAX_BOXES) return;
    setRows([...rows, { key: nextKey++, title: '' }]);
    focusTitle(rows.length);
  }

  function removeBox(index: number) {
    if (rows.length <= 1) return;
    setRows(rows.filter((_, i) => i !== index));
    // The box that takes its place, or the one before it when it was the last.
    focusTitle(Math.min(index, rows.length - 2));
  }

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
      <fieldset>
        <legend>The text starts as</legend>
        <label className="choice">
          <input type="radio" name="layoutKind" value="boxes" checked={kind === 'boxes'} onChange={() => setKind('boxes')} />
          <span>
            <strong>Five-box template</strong>
            <span className="hint">The boxes of the CCW rolling text, each with an empty paragraph 1. Change their titles, add or remove boxes below.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="layoutKind" value="blank" checked={kind === 'blank'} onChange={() => setKind('blank')} />
          <span>
            <strong>Blank text</strong>
            <span className="hint">One untitled box with paragraph 1. The chair names it and adds boxes in the text.</span>
          </span>
        </label>
      </fieldset>
      {kind === 'boxes' && (
        <fieldset className="box-titles" aria-describedby="box-titles-hint">
          <legend>Box titles</legend>
          <p id="box-titles-hint" className="hint">
            In order, Box I first; at most {MAX_BOXES} boxes. A box left without a title is for the chair to name. Only the chair and the secretariat
            change box titles once the text is open.
          </p>
          {listError && <p className="field-error">{listError}</p>}
          <ol ref={list} className="box-title-list">
            {rows.map((row, index) => (
              <li key={row.key} className="box-title-row">
                <Field label={`Box ${romanNumeral(index + 1)}`} error={fieldError(error, `layout.titles.${index}`)}>
                  {(control) => (
                    <input
                      {...control}
                      type="text"
                      maxLength={MAX_BOX_TITLE_LENGTH}
                      autoComplete="off"
                      value={row.title}
                      onChange={(event) => setRows(rows.map((r) => (r.key === row.key ? { ...r, title: event.target.value } : r)))}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={`Remove Box ${romanNumeral(index + 1)}`}
                  aria-disabled={rows.length <= 1 ? true : undefined}
                  title={rows.length <= 1 ? 'A text keeps at least one box' : undefined}
                  onClick={() => removeBox(index)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <button
            ref={addButton}
            type="button"
            className="button-secondary"
            aria-disabled={rows.length >= MAX_BOXES ? true : undefined}
            title={rows.length >= MAX_BOXES ? `At most ${MAX_BOXES} boxes` : undefined}
            onClick={addBox}
          >
            Add a box
          </button>
        </fieldset>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create document'}
      </button>
    </form>
  );
}

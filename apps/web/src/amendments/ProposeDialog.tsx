import { type AmendmentKind, type CreateAmendmentInput, type DiffPart, MAX_AMENDMENT_TEXT_LENGTH, MAX_JUSTIFICATION_LENGTH } from '@accord/contract';
import { type FormEvent, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Dialog } from '../components/document/Dialog';
import { Field } from '../components/Field';
import { fieldError, isApiError } from '../errors';
import { amendmentErrorMessage } from './amendment-errors';
import { changesAnything } from './amendment-list';
import { type Block, wordDiff } from './block-text';
import { Redline } from './Redline';

interface ProposeDialogProps {
  /** The paragraph, as it was when the dialog opened; null when closed. */
  block: Block | null;
  onSubmit: (input: CreateAmendmentInput) => Promise<void>;
  onClose: () => void;
}

/**
 * Proposing an amendment: the paragraph's text copied into a field of its own (nothing typed here
 * reaches the live text), with the redline of the change drawn under it as the proposer types.
 */
export function ProposeDialog({ block, onSubmit, onClose }: ProposeDialogProps) {
  return (
    <Dialog open={block !== null} title={block ? `Propose an amendment to ${block.citation}` : 'Propose an amendment'} onClose={onClose} className="propose-dialog">
      {block && <ProposeForm key={`${block.id}:${block.text}`} block={block} onSubmit={onSubmit} onClose={onClose} />}
    </Dialog>
  );
}

const kindChoices: { value: AmendmentKind; label: (block: Block) => string }[] = [
  { value: 'replace', label: () => 'Replace its text' },
  { value: 'insert_after', label: (b) => `Insert a new ${b.kind === 'paragraph' ? 'paragraph' : 'sub-paragraph'} after it` },
  { value: 'delete', label: () => 'Delete it' },
];

/** The redline the proposer sees for what they typed. */
export function proposalDiff(kind: AmendmentKind, base: string, draft: string): DiffPart[] {
  if (kind === 'delete') return [{ op: 'delete', text: base }];
  if (kind === 'insert_after') return draft === '' ? [] : [{ op: 'insert', text: draft }];
  return wordDiff(base, draft);
}

function ProposeForm({ block, onSubmit, onClose }: { block: Block; onSubmit: ProposeDialogProps['onSubmit']; onClose: () => void }) {
  const [kind, setKind] = useState<AmendmentKind>('replace');
  const [replacement, setReplacement] = useState(block.text);
  const [insertion, setInsertion] = useState('');
  const [justification, setJustification] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const kindName = useId();
  const redlineId = useId();
  const textField = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // The dialog puts focus on its first control when it opens (after this runs); the wording is what
    // a proposer came to change, so it goes there, the caret at its end.
    const frame = requestAnimationFrame(() => {
      const field = textField.current;
      if (!field) return;
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  const draft = kind === 'insert_after' ? insertion : replacement;
  // Drawn a frame behind the keystroke on a long paragraph: typing stays quick.
  const deferred = useDeferredValue(draft);
  const diff = useMemo(() => proposalDiff(kind, block.text, deferred), [kind, block.text, deferred]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (kind !== 'delete' && draft.trim() === '') return setProblem(kind === 'replace' ? 'Write the wording you propose.' : 'Write the new text.');
    if (kind === 'replace' && !changesAnything(wordDiff(block.text, draft))) return setProblem('The text is unchanged: change some words first.');
    if (/[\r\n]/.test(draft)) return setProblem('Keep the text on one line: a paragraph is one line of text.');
    setProblem(undefined);
    setPending(true);
    setError(null);
    try {
      await onSubmit({
        paragraphId: block.id,
        kind,
        ...(kind === 'delete' ? {} : { text: draft }),
        ...(justification.trim() ? { justification: justification.trim() } : {}),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  const textError = problem ?? fieldError(error, 'text');
  const justificationError = fieldError(error, 'justification');
  const otherError = error !== null && !(isApiError(error, 'VALIDATION_FAILED') && (fieldError(error, 'text') || justificationError)) ? amendmentErrorMessage(error) : null;
  const what = block.kind === 'paragraph' ? 'paragraph' : 'sub-paragraph';

  return (
    <form className="form propose-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="propose-current">
        <p className="amendment-field">{block.citation} now</p>
        <blockquote className="dialog-quote">{block.text || '(no text)'}</blockquote>
        {block.status === 'agreed' && <p className="hint">This {what} is agreed: it is reopened only by the chair, so an amendment to it may not be taken up.</p>}
      </div>
      <fieldset className="propose-kinds">
        <legend>Kind of amendment</legend>
        {kindChoices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name={kindName} value={choice.value} checked={kind === choice.value} onChange={() => setKind(choice.value)} />
            {choice.label(block)}
          </label>
        ))}
      </fieldset>
      {kind !== 'delete' && (
        <Field
          label={kind === 'replace' ? 'Proposed text' : `Text of the new ${what}`}
          hint={
            <>
              One line. Brackets as <code>[shall][should]&#123;Arandia&#125;</code>, footnotes as <code>^[text]</code>. This is your own copy: the
              text changes only if the chair accepts the amendment.
            </>
          }
          error={textError}
        >
          {(control) => (
            <textarea
              {...control}
              ref={textField}
              aria-describedby={[control['aria-describedby'], redlineId].filter(Boolean).join(' ')}
              className="propose-text"
              value={draft}
              onChange={(e) => (kind === 'insert_after' ? setInsertion(e.target.value) : setReplacement(e.target.value))}
              rows={5}
              maxLength={MAX_AMENDMENT_TEXT_LENGTH}
              spellCheck
            />
          )}
        </Field>
      )}
      <div className="propose-redline" id={redlineId}>
        <p className="amendment-field">{kind === 'delete' ? `The ${what} would be deleted:` : 'Your change:'}</p>
        <Redline parts={diff} label="Your change as a redline" />
      </div>
      <Field label="Justification (optional)" hint="Why the change: shown with the amendment and in the compilation." error={justificationError}>
        {(control) => (
          <textarea {...control} value={justification} onChange={(e) => setJustification(e.target.value)} rows={3} maxLength={MAX_JUSTIFICATION_LENGTH} />
        )}
      </Field>
      {otherError && (
        <p role="alert" className="alert alert-error">
          {otherError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Submitting…' : 'Submit amendment'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { type CommentAudience, MAX_COMMENT_LENGTH } from '@accord/contract';
import { type FormEvent, useId, useState } from 'react';
import type { AttributionMode } from '../api';
import { Dialog } from '../components/document/Dialog';
import { audienceDescriptions, audienceLabels, commentAudiences } from './audience';
import { commentErrorMessage } from './comment-errors';

/** What a new thread will be on: a paragraph (or sub-paragraph) and, unless it is the whole of it, the words. */
export interface CommentTarget {
  paragraphId: string;
  /** '' for the whole paragraph. */
  quote: string;
  /** Yjs relative positions of the words, so the thread follows them through later edits. */
  anchor: { start: string; end: string } | null;
  citation: string;
}

interface ComposerProps {
  target: CommentTarget | null;
  /** The viewer's delegation or organization; without one, a `delegation` thread has nobody to go to. */
  affiliation: string | null;
  attributionMode: AttributionMode;
  onPost: (target: CommentTarget, audience: CommentAudience, body: string) => Promise<void>;
  onClose: () => void;
}

/** A new thread: the words it is on, who will see it, and the first comment. Escape closes it. */
export function CommentComposer({ target, ...rest }: ComposerProps) {
  return (
    <Dialog open={target !== null} title="Comment" onClose={rest.onClose} className="comment-composer">
      {target && <ComposerForm target={target} {...rest} />}
    </Dialog>
  );
}

function ComposerForm({ target, affiliation, attributionMode, onPost, onClose }: ComposerProps & { target: CommentTarget }) {
  const [audience, setAudience] = useState<CommentAudience>('everyone');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const bodyId = useId();
  const noDelegationId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim() === '') {
      setError(new Error('empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onPost(target, audience, body);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const empty = error instanceof Error && error.message === 'empty';
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <div className="composer-target">
        <p className="composer-place">{target.citation}</p>
        {target.quote ? <blockquote className="dialog-quote">{target.quote}</blockquote> : <p className="hint">On the whole paragraph (no words were selected).</p>}
      </div>
      <fieldset className="audience-choices">
        <legend>Who will see it</legend>
        {commentAudiences.map((value) => {
          const unavailable = value === 'delegation' && affiliation === null;
          return (
            <label key={value} className={unavailable ? 'choice choice-unavailable' : 'choice'}>
              <input
                type="radio"
                name="audience"
                value={value}
                checked={audience === value}
                disabled={unavailable}
                aria-describedby={unavailable ? noDelegationId : undefined}
                onChange={() => setAudience(value)}
              />
              <span>
                <strong>{audienceLabels[value]}</strong>
                <span className="hint">
                  {value === 'delegation' && affiliation ? `${audienceDescriptions[value]}: ${affiliation}` : audienceDescriptions[value]}
                </span>
                {unavailable && (
                  <span className="hint" id={noDelegationId}>
                    Not available: you take part without a delegation or organization.
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className={empty ? 'field field-invalid' : 'field'}>
        <label htmlFor={bodyId}>Your comment</label>
        <p className="hint" id={`${bodyId}-hint`}>
          Plain text; web addresses become links.
          {attributionMode === 'chatham_house' ? ' Under the Chatham House Rule others see only your category, never your name.' : ' Others see your name and affiliation.'}
        </p>
        {empty && <p className="field-error">Please write a comment.</p>}
        <textarea
          id={bodyId}
          rows={4}
          value={body}
          maxLength={MAX_COMMENT_LENGTH}
          autoFocus
          aria-describedby={`${bodyId}-hint`}
          aria-invalid={empty || undefined}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </div>
      {error !== null && !empty && (
        <p role="alert" className="field-error">
          {commentErrorMessage(error)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Posting…' : 'Post comment'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { type AcceptMode, type Amendment, amendmentKindLabels, amendmentStatusLabels } from '@accord/contract';
import { type FormEvent, memo, type ReactNode, useId, useState } from 'react';
import type { Role } from '../api';
import { authorText } from '../comments/audience';
import { Field } from '../components/Field';
import { isApiError } from '../errors';
import { formatDateTime } from '../labels';
import { capitalized, supporterNames } from './amendment-list';
import { amendmentErrorMessage } from './amendment-errors';
import { Redline } from './Redline';
import type { AmendmentActions } from './use-amendments';

interface AmendmentCardProps {
  amendment: Amendment;
  citation: string;
  role: Role;
  /** Absent where the amendment is only read (the compilation): no buttons. */
  actions?: AmendmentActions;
  /** Told what was done, for the panel to say so: a decided card may leave a list of open ones. */
  onDone?: (message: string) => void;
  /** Shown in the compilation, where the paragraph is the heading above: the card names only its kind. */
  headingLevel?: 3 | 4;
}

/** Who, inside a sentence ("Proposed by you"): under the Chatham House Rule a category, as the server sent it. */
const person = (author: Amendment['proposer']) => (author.you ? 'you' : authorText(author));

const modeWords: Record<AcceptMode, string> = { as_proposed: 'as proposed', bracketed: 'in brackets' };

/** What an amendment does, in words: "Replace Box I(1)", "Insert after Box II(3)". */
export function amendmentTitle(amendment: Amendment, citation: string): string {
  return `${amendmentKindLabels[amendment.kind]} ${citation}`;
}

/**
 * One amendment: where and what, its redline against the current wording, who proposed and supports
 * it (as the server lets this viewer know), how it was decided, and the buttons the viewer may use.
 */
export const AmendmentCard = memo(function AmendmentCard({ amendment, citation, role, actions, onDone, headingLevel = 3 }: AmendmentCardProps) {
  const titleId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const names = supporterNames(amendment.supporters.list);
  const what = amendment.kind === 'insert_after' ? 'New text proposed' : amendment.kind === 'delete' ? 'Text proposed for deletion' : 'Proposed change';
  return (
    <article className={`amendment amendment-${amendment.status}`} aria-labelledby={titleId} data-amendment-id={amendment.id}>
      <header className="amendment-head">
        <Heading id={titleId} className="amendment-title">
          {amendmentTitle(amendment, citation)}
        </Heading>
        <span className={`amendment-status amendment-status-${amendment.status}`}>
          <span className="visually-hidden">Status: </span>
          {amendmentStatusLabels[amendment.status]}
        </span>
      </header>
      <p className="amendment-meta">
        Proposed by {person(amendment.proposer)} · {formatDateTime(amendment.createdAt)}
      </p>
      <Redline parts={amendment.diff} label={`${what}: ${citation}`} className="amendment-redline" />
      {amendment.justification && (
        <p className="amendment-justification">
          <span className="amendment-field">Justification: </span>
          {amendment.justification}
        </p>
      )}
      <p className="amendment-support">
        {capitalized(amendment.supporters.summary)}.{names && <span className="amendment-supporters"> {capitalized(names)}.</span>}
      </p>
      <Decision amendment={amendment} />
      {actions && <Actions amendment={amendment} citation={citation} role={role} actions={actions} onDone={onDone} />}
    </article>
  );
});

function Decision({ amendment }: { amendment: Amendment }) {
  const by = amendment.decidedBy ? ` by ${person(amendment.decidedBy)}` : '';
  const when = amendment.decidedAt ? ` on ${formatDateTime(amendment.decidedAt)}` : '';
  switch (amendment.status) {
    case 'accepted':
      return (
        <p className="amendment-decision">
          Accepted{amendment.mode ? ` ${modeWords[amendment.mode]}` : ''}
          {by}
          {when}.
        </p>
      );
    case 'rejected':
      return (
        <p className="amendment-decision">
          Rejected{by}
          {when}
          {amendment.reason ? `: ${amendment.reason}` : '.'}
        </p>
      );
    case 'withdrawn':
      return <p className="amendment-decision">Withdrawn by its proposer{when}.</p>;
    case 'conflict':
      return (
        <p className="amendment-decision amendment-decision-conflict">
          {amendment.reason ?? 'The paragraph has changed since this was proposed, and the proposal no longer applies cleanly.'}
        </p>
      );
    case 'submitted':
      return null;
  }
}

type Mode = { kind: 'idle' } | { kind: 'rejecting' } | { kind: 'editing'; mode: AcceptMode; text: string; current: string };

interface ActionsProps {
  amendment: Amendment;
  citation: string;
  role: Role;
  actions: AmendmentActions;
  onDone?: (message: string) => void;
}

function Actions({ amendment, citation, role, actions, onDone }: ActionsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const { can, supporters } = amendment;
  const title = amendmentTitle(amendment, citation);

  async function attempt(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      setMode({ kind: 'idle' });
      if (done) onDone?.(done);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function accept(acceptMode: AcceptMode, text?: string) {
    setBusy(true);
    setError(null);
    try {
      await actions.accept(amendment.id, text === undefined ? { mode: acceptMode } : { mode: acceptMode, text });
      setMode({ kind: 'idle' });
      onDone?.(`${title}: accepted ${modeWords[acceptMode]}${text === undefined ? '' : ', as edited'}. The text shows it now.`);
    } catch (caught) {
      // The server could not merge the proposal onto the paragraph as it is now: the chair edits its attempt.
      if (isApiError(caught, 'AMENDMENT_CONFLICT') && caught.conflict) {
        setMode({ kind: 'editing', mode: acceptMode, text: caught.conflict.preview, current: caught.conflict.currentText });
      }
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const buttons: ReactNode[] = [];
  if (can.support && supporters.yours === null) {
    if (role === 'civil_society') {
      buttons.push(
        <button key="endorse" type="button" className="button-small" disabled={busy} onClick={() => void attempt(() => actions.support(amendment.id))}>
          Endorse
        </button>,
      );
    } else {
      buttons.push(
        <button key="support" type="button" className="button-small" disabled={busy} onClick={() => void attempt(() => actions.support(amendment.id, 'support'))}>
          Support
        </button>,
        <button key="cosponsor" type="button" className="button-secondary button-small" disabled={busy} onClick={() => void attempt(() => actions.support(amendment.id, 'cosponsor'))}>
          Co-sponsor
        </button>,
      );
    }
  }
  if (can.support && supporters.yours !== null) {
    buttons.push(
      <button key="unsupport" type="button" className="button-secondary button-small" disabled={busy} onClick={() => void attempt(() => actions.unsupport(amendment.id))}>
        Withdraw support
      </button>,
    );
  }
  if (can.withdraw) {
    buttons.push(
      <button key="withdraw" type="button" className="button-secondary button-small" disabled={busy} onClick={() => void attempt(() => actions.withdraw(amendment.id), `${title}: withdrawn.`)}>
        Withdraw amendment
      </button>,
    );
  }
  if (can.decide && mode.kind === 'idle') {
    buttons.push(
      <button key="accept" type="button" className="button-small" disabled={busy} onClick={() => void accept('as_proposed')}>
        Accept as proposed
      </button>,
      <button key="bracketed" type="button" className="button-small" disabled={busy} onClick={() => void accept('bracketed')}>
        Accept in brackets
      </button>,
      <button key="reject" type="button" className="button-secondary button-small" disabled={busy} onClick={() => setMode({ kind: 'rejecting' })}>
        Reject…
      </button>,
    );
  }

  const yours = supporters.yours;
  return (
    <>
      {yours && (
        <p className="amendment-yours">
          {yours === 'endorse' ? 'Your organization endorses this.' : yours === 'cosponsor' ? 'Your delegation co-sponsors this.' : 'Your delegation supports this.'}
        </p>
      )}
      {buttons.length > 0 && (
        <div className="amendment-actions" role="group" aria-label={`Actions on ${title}`}>
          {buttons}
        </div>
      )}
      {mode.kind === 'rejecting' && (
        <RejectForm busy={busy} onReject={(reason) => void attempt(() => actions.reject(amendment.id, reason), `${title}: rejected.`)} onCancel={() => setMode({ kind: 'idle' })} />
      )}
      {mode.kind === 'editing' && (
        <ConflictForm
          busy={busy}
          mode={mode.mode}
          current={mode.current}
          text={mode.text}
          onChange={(text) => setMode({ ...mode, text })}
          onAccept={() => void accept(mode.mode, mode.text)}
          onCancel={() => {
            setMode({ kind: 'idle' });
            setError(null);
          }}
        />
      )}
      {error !== null && !(mode.kind === 'editing' && isApiError(error, 'AMENDMENT_CONFLICT')) && (
        <p role="alert" className="amendment-error">
          {amendmentErrorMessage(error)}
        </p>
      )}
    </>
  );
}

function RejectForm({ busy, onReject, onCancel }: { busy: boolean; onReject: (reason?: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onReject(reason.trim() === '' ? undefined : reason.trim());
  }
  return (
    <form className="amendment-form" onSubmit={submit}>
      <Field label="Reason for rejecting (optional)" hint="Shown with the amendment and in the compilation.">
        {(control) => <textarea {...control} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} autoFocus />}
      </Field>
      <div className="amendment-actions">
        <button type="submit" className="button-small button-danger" disabled={busy}>
          Reject amendment
        </button>
        <button type="button" className="button-secondary button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface ConflictFormProps {
  busy: boolean;
  mode: AcceptMode;
  current: string;
  text: string;
  onChange: (text: string) => void;
  onAccept: () => void;
  onCancel: () => void;
}

/** After a 409: the server's attempted merge, conflicts marked, for the chair to settle and accept. */
function ConflictForm({ busy, mode, current, text, onChange, onAccept, onCancel }: ConflictFormProps) {
  const [problem, setProblem] = useState<string | undefined>();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (/<<<<|====|>>>>/.test(text)) setProblem('Remove the conflict marks (<<<<, ====, >>>>) before accepting.');
    else if (text.trim() === '') setProblem('The text must not be empty.');
    else {
      setProblem(undefined);
      onAccept();
    }
  }
  return (
    <form className="amendment-form amendment-conflict" onSubmit={submit}>
      <p role="alert" className="amendment-error">
        The paragraph has changed since this amendment was written, and the proposal does not merge cleanly with it. Edit the text below, then accept it
        {mode === 'bracketed' ? ' in brackets' : ''}.
      </p>
      <p className="amendment-current">
        <span className="amendment-field">The paragraph now: </span>
        {current}
      </p>
      <Field
        label="Text to accept"
        hint="Where the two could not be merged, the current words stand between <<<< and ====, the proposal's between ==== and >>>>. Keep the words you want and remove the marks."
        error={problem}
      >
        {(control) => <textarea {...control} value={text} onChange={(e) => onChange(e.target.value)} rows={5} maxLength={20000} autoFocus />}
      </Field>
      <div className="amendment-actions">
        <button type="submit" className="button-small" disabled={busy}>
          Accept edited text
        </button>
        <button type="button" className="button-secondary button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

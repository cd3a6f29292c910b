import { api, type InvitationPreview } from '../api';
import { ErrorAlert } from '../components/Alert';
import { InvitationAccountForm } from '../components/InvitationAccountForm';
import { LoadFailed, Loading } from '../components/Status';
import { isApiError } from '../errors';
import { useDocumentTitle, useResource, useSubmit } from '../hooks';
import { formatDateTime, speakerLabel } from '../labels';
import { Link, navigate } from '../router';
import { useSession } from '../session';

/** Open to anyone holding the link: it previews the invitation, then accepts it. */
export function InvitationPage({ token }: { token: string }) {
  useDocumentTitle('Invitation');
  const [preview, reload] = useResource((signal) => api.previewInvitation(token, signal), token);

  if (preview.status === 'loading') return <Loading label="Checking the invitation…" />;
  if (preview.status === 'error') {
    // A malformed token gets a validation error; to its holder it is just as unusable.
    const invalid = isApiError(preview.error, 'INVITATION_INVALID', 'VALIDATION_FAILED', 'NOT_FOUND');
    return (
      <LoadFailed
        title="Invitation not available"
        error={invalid ? undefined : preview.error}
        retry={invalid ? undefined : reload}
      >
        {invalid && (
          <p role="alert" className="alert alert-error">
            This invitation link is no longer valid: it has been used, revoked or has expired. Ask the dialogue’s chair or
            secretariat for a new one.
          </p>
        )}
        <p>
          <Link href="/">Go to the start page</Link>
        </p>
      </LoadFailed>
    );
  }

  const invitation = preview.data;
  return (
    <section className="page-narrow">
      <h1>
        <span className="eyebrow">You are invited to join</span>
        {invitation.dialogue.title}
      </h1>
      <InvitationSummary invitation={invitation} />
      <Acceptance token={token} invitation={invitation} />
    </section>
  );
}

function InvitationSummary({ invitation }: { invitation: InvitationPreview }) {
  return (
    <dl className="card summary">
      <dt>Role</dt>
      <dd>{speakerLabel(invitation.role, invitation.affiliation?.kind)}</dd>
      {invitation.affiliation && (
        <>
          <dt>Affiliation</dt>
          <dd>
            {invitation.affiliation.name}
          </dd>
        </>
      )}
      {invitation.email && (
        <>
          <dt>For</dt>
          <dd>{invitation.email}</dd>
        </>
      )}
      <dt>Valid until</dt>
      <dd>{formatDateTime(invitation.expiresAt)}</dd>
    </dl>
  );
}

function Acceptance({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { state, refresh } = useSession();

  const { onSubmit, pending, error } = useSubmit(async () => {
    const accepted = await api.acceptInvitation(token);
    await refresh();
    // Signed in, accepting always joins (only registering answers "check your mail").
    if ('dialogueId' in accepted) navigate(`/dialogues/${encodeURIComponent(accepted.dialogueId)}`, { replace: true });
  });

  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'signed-in') {
    return (
      <InvitationAccountForm
        token={token}
        dialogueId={invitation.dialogue.id}
        invitedEmail={invitation.email}
        onAccepted={async (dialogueId) => {
          await refresh();
          navigate(`/dialogues/${encodeURIComponent(dialogueId)}`, { replace: true });
        }}
      />
    );
  }

  const dialoguePath = `/dialogues/${encodeURIComponent(invitation.dialogue.id)}`;
  const { user } = state.me;
  return (
    <form className="card form" onSubmit={onSubmit}>
      <p>
        You are signed in as <strong>{user.displayName}</strong> ({user.email}).
      </p>
      {invitation.email && invitation.email !== user.email && (
        <p className="alert alert-info">
          This invitation is for {invitation.email}. To accept it, sign out and sign in with that address.
        </p>
      )}
      <ErrorAlert error={error}>
        {isApiError(error, 'ALREADY_MEMBER') && (
          <p>
            <Link href={dialoguePath}>Go to the dialogue</Link>
          </p>
        )}
      </ErrorAlert>
      <button type="submit" disabled={pending}>
        {pending ? 'Accepting…' : 'Accept invitation'}
      </button>
      <p className="hint">Not you? Sign out above to accept with another account.</p>
    </form>
  );
}

import { useEffect, useRef, useState } from 'react';
import { api, type CreatedInvitation, type PendingInvitation, type Role } from '../../api';
import { useResource } from '../../hooks';
import { canManageChairs, formatDateTime, roleLabels, speakerLabel } from '../../labels';
import { ErrorAlert, Notice } from '../Alert';
import { CopyField } from '../CopyField';
import { Dialog } from '../document/Dialog';
import { ConfirmAction } from './ConfirmAction';
import { useInitialFocus } from './initial-focus';
import { rowActions } from '../MemberTable';
import { Loading } from '../Status';

interface PendingInvitationsProps {
  dialogueId: string;
  myRole: Role;
  /** Bumped by the page when an invitation was made elsewhere (the invite form): load again. */
  version: number;
}

type Acting = { kind: 'resend' | 'revoke'; invitation: PendingInvitation } | null;

/**
 * Invitations not yet taken up, for the chair and the secretariat: resend (a fresh link, the old one
 * dies) and revoke. Only a chair may resend or revoke a chair's invitation, as only a chair may make one.
 */
export function PendingInvitations({ dialogueId, myRole, version }: PendingInvitationsProps) {
  const [state, reload] = useResource((signal) => api.listInvitations(dialogueId, signal), dialogueId);
  const [acting, setActing] = useState<Acting>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusHeading, setFocusHeading] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  // After a revoke the row (and the button focus would go back to) is gone: read on from the heading.
  useEffect(() => {
    if (focusHeading > 0) heading.current?.focus();
  }, [focusHeading]);

  const close = () => setActing(null);
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" ref={heading} tabIndex={-1}>
        Pending invitations{state.status === 'ready' ? ` (${state.data.length})` : ''}
      </h2>
      {notice && <Notice>{notice}</Notice>}
      {state.status === 'loading' && <Loading label="Loading the invitations…" />}
      {state.status === 'error' && (
        <ErrorAlert error={state.error}>
          <button type="button" className="button-secondary" onClick={reload}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <p className="hint">No invitation is waiting to be taken up.</p>
        ) : (
          <InvitationTable invitations={state.data} myRole={myRole} onAct={(kind, invitation) => {
            setNotice(null);
            setActing({ kind, invitation });
          }} />
        ))}
      <ResendDialog
        dialogueId={dialogueId}
        invitation={acting?.kind === 'resend' ? acting.invitation : null}
        onResent={reload}
        onClose={close}
      />
      <RevokeDialog
        dialogueId={dialogueId}
        invitation={acting?.kind === 'revoke' ? acting.invitation : null}
        onRevoked={(message) => {
          close();
          setNotice(message);
          reload();
          setFocusHeading((n) => n + 1);
        }}
        onClose={close}
      />
    </section>
  );
}

function InvitationTable({
  invitations,
  myRole,
  onAct,
}: {
  invitations: PendingInvitation[];
  myRole: Role;
  onAct: (kind: 'resend' | 'revoke', invitation: PendingInvitation) => void;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby="invitations-heading" tabIndex={0}>
      <table className="invitation-table">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Affiliation</th>
            <th scope="col">For</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((invitation) => {
            const what = describe(invitation);
            return (
              <tr key={invitation.id}>
                <th scope="row">{speakerLabel(invitation.role, invitation.affiliation?.kind)}</th>
                <td>{invitation.affiliation ? invitation.affiliation.name : <span className="hint">None</span>}</td>
                <td className="email">{invitation.email ?? <span className="hint">Anyone with the link</span>}</td>
                <td>{formatDateTime(invitation.expiresAt)}</td>
                <td className="nowrap">
                  <div style={rowActions}>
                  {(invitation.role !== 'chair' || canManageChairs(myRole)) && (
                    <>
                      <button type="button" className="button-secondary button-small" onClick={() => onAct('resend', invitation)}>
                        Resend<span className="visually-hidden"> the invitation {what}</span>
                      </button>
                      <button type="button" className="button-secondary button-small" onClick={() => onAct('revoke', invitation)}>
                        Revoke<span className="visually-hidden"> the invitation {what}</span>
                      </button>
                    </>
                  )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** "for a Delegate of Republic of Sundara, to a@b.example": which row a button acts on, for a screen reader. */
function describe(invitation: PendingInvitation): string {
  const of = invitation.affiliation ? ` of ${invitation.affiliation.name}` : '';
  const to = invitation.email ? `, to ${invitation.email}` : ', for anyone with the link';
  const role = roleLabels[invitation.role];
  return `for ${/^[AEIOU]/.test(role) ? 'an' : 'a'} ${role}${of}${to}`;
}

function ResendDialog({
  dialogueId,
  invitation,
  onResent,
  onClose,
}: {
  dialogueId: string;
  invitation: PendingInvitation | null;
  onResent: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={invitation !== null} title="Resend the invitation" onClose={onClose}>
      {invitation && <ResendBody key={invitation.id} dialogueId={dialogueId} invitation={invitation} onResent={onResent} onClose={onClose} />}
    </Dialog>
  );
}

function ResendBody({ dialogueId, invitation, onResent, onClose }: { dialogueId: string; invitation: PendingInvitation; onResent: () => void; onClose: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [resent, setResent] = useState<CreatedInvitation | null>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useInitialFocus(cancel);

  useEffect(() => {
    if (resent) result.current?.focus();
  }, [resent]);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      setResent(await api.resendInvitation(dialogueId, invitation.id));
      onResent();
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  if (resent) {
    return (
      <div className="form">
        <p ref={result} tabIndex={-1} role="status">
          {resent.mailed ? (
            <>
              A new link was mailed to <strong>{resent.email}</strong>.
            </>
          ) : resent.email ? (
            <>
              A new link is ready. It was <strong>not mailed</strong> this time (too many mails to {resent.email} lately): send it yourself.
            </>
          ) : (
            <>A new link is ready.</>
          )}{' '}
          The previous link no longer works. Valid until {formatDateTime(resent.expiresAt)}.
        </p>
        <CopyField label="New invitation link" value={resent.url} />
        <p className="hint">The link is shown only now. Anyone who has it can join{resent.email ? ' with that email address' : ''}, so pass it on over a channel you trust.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="form">
      <ErrorAlert error={error} />
      <p>
        A new link replaces this invitation’s link {describe(invitation)}: the old link stops working, and the invitation is valid for its full time
        again.
        {invitation.email ? ` The new link is mailed to ${invitation.email}.` : ' You will copy the new link and pass it on yourself.'}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => void confirm()} disabled={pending}>
          {pending ? 'Resending…' : invitation.email ? 'Resend by mail' : 'Make a new link'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose} ref={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function RevokeDialog({
  dialogueId,
  invitation,
  onRevoked,
  onClose,
}: {
  dialogueId: string;
  invitation: PendingInvitation | null;
  onRevoked: (message: string) => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={invitation !== null} title="Revoke the invitation?" onClose={onClose}>
      {invitation && <RevokeConfirm key={invitation.id} dialogueId={dialogueId} invitation={invitation} onRevoked={onRevoked} onClose={onClose} />}
    </Dialog>
  );
}

function RevokeConfirm({ dialogueId, invitation, onRevoked, onClose }: { dialogueId: string; invitation: PendingInvitation; onRevoked: (message: string) => void; onClose: () => void }) {
  return (
    <ConfirmAction
      explanation={`The link of the invitation ${describe(invitation)} stops working at once. No one can join with it.`}
      label="Revoke the invitation"
      pendingLabel="Revoking…"
      act={async () => {
        await api.revokeInvitation(dialogueId, invitation.id);
        onRevoked(`The invitation ${describe(invitation)} was revoked.`);
      }}
      onClose={onClose}
    />
  );
}

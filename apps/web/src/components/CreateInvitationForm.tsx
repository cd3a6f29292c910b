import { useEffect, useRef, useState } from 'react';
import { type AffiliationKind, api, type CreatedInvitation, type NewInvitation, type Role } from '../api';
import { fieldError } from '../errors';
import { textField, useSubmit } from '../hooks';
import { affiliationKindLabels, formatDateTime, roleAffiliationHints, roleLabels } from '../labels';
import { ErrorAlert } from './Alert';
import { CopyField } from './CopyField';
import { Field } from './Field';

const roles = Object.keys(roleLabels) as Role[];
const kinds = Object.keys(affiliationKindLabels) as AffiliationKind[];

/** The affiliation kind a role most likely needs, so the usual case needs no second choice. */
function suggestedKind(role: Role, current: AffiliationKind | ''): AffiliationKind | '' {
  if (role === 'delegate') return 'government';
  if (role === 'civil_society' && (current === '' || current === 'government')) return 'civil_society';
  return current;
}

export function CreateInvitationForm({ dialogueId, myRole, onCreated }: { dialogueId: string; myRole: Role; onCreated?: () => void }) {
  // Only a chair may appoint a chair; the server refuses it from the secretariat anyway.
  const offered = myRole === 'chair' ? roles : roles.filter((r) => r !== 'chair');
  const [role, setRole] = useState<Role>('delegate');
  const [kind, setKind] = useState<AffiliationKind | ''>('government');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [returned, setReturned] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // The card and the form replace each other under the focused button: keep focus in this panel.
  useEffect(() => {
    if (returned) heading.current?.focus();
  }, [returned]);

  const { onSubmit, pending, error } = useSubmit(async (form) => {
    const name = textField(form, 'affiliationName');
    const email = textField(form, 'email');
    const input: NewInvitation = { role };
    if (kind && name) input.affiliation = { name, kind };
    if (email) input.email = email;
    setCreated(await api.createInvitation(dialogueId, input));
    setReturned(false);
    onCreated?.();
  });

  if (created) {
    return (
      <CreatedInvitationCard
        invitation={created}
        onAnother={() => {
          setCreated(null);
          setReturned(true);
        }}
      />
    );
  }

  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="invite-heading">
      <h2 id="invite-heading" ref={heading} tabIndex={-1}>
        Invite a participant
      </h2>
      <ErrorAlert error={error} />
      <Field label="Role" hint={roleAffiliationHints[role]} error={fieldError(error, 'role')}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={role}
            onChange={(e) => {
              const next = e.target.value as Role;
              setRole(next);
              setKind(suggestedKind(next, kind));
            }}
          >
            {offered.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset aria-describedby={fieldError(error, 'affiliation') ? 'affiliation-error' : undefined}>
        <legend>Affiliation</legend>
        {fieldError(error, 'affiliation') && (
          <p id="affiliation-error" className="field-error">
            {fieldError(error, 'affiliation')}
          </p>
        )}
        <Field label="Kind">
          {(control) => (
            <select {...control} name="affiliationKind" value={kind} onChange={(e) => setKind(e.target.value as AffiliationKind | '')}>
              <option value="">No affiliation</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {affiliationKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind && (
          <Field label="Name" hint="e.g. Republic of Arandia, or the organization’s full name">
            {(control) => <input {...control} name="affiliationName" type="text" required maxLength={200} autoComplete="off" />}
          </Field>
        )}
      </fieldset>
      <Field
        label="Email address (optional)"
        hint="The link is mailed there, and only this address will be able to accept. Leave empty for a link anyone holding it can use."
        error={fieldError(error, 'email')}
      >
        {(control) => <input {...control} name="email" type="email" maxLength={254} autoComplete="off" spellCheck={false} />}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Creating link…' : 'Create invitation link'}
      </button>
    </form>
  );
}

function CreatedInvitationCard({ invitation, onAnother }: { invitation: CreatedInvitation; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card form" aria-labelledby="invitation-created-heading">
      <h2 id="invitation-created-heading" ref={heading} tabIndex={-1}>
        Invitation link ready
      </h2>
      <p>
        For a <strong>{roleLabels[invitation.role]}</strong>
        {invitation.affiliation && <> of {invitation.affiliation.name}</>}
        {invitation.email && <>, to be accepted by {invitation.email}</>}. Valid until {formatDateTime(invitation.expiresAt)}.
      </p>
      {invitation.mailed && (
        <p>
          The link was mailed to <strong>{invitation.email}</strong>.
        </p>
      )}
      {invitation.email && !invitation.mailed && (
        <p>
          The link was <strong>not mailed</strong> (too many mails to this address lately): send it yourself.
        </p>
      )}
      <CopyField label="Invitation link" value={invitation.url} />
      <p className="hint">
        The link is shown only once here. Anyone who has it can join{invitation.email ? ' with that email address' : ''}, so send it
        over a channel you trust.
      </p>
      <button type="button" className="button-secondary" onClick={onAnother}>
        Invite someone else
      </button>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { type AffiliationKind, api, type Member, type MemberChange, type Role } from '../../api';
import { fieldError } from '../../errors';
import { affiliationFits, affiliationKindLabels, canManageChairs, roleAffiliationHints, roleLabels, speakerLabel } from '../../labels';
import { ErrorAlert } from '../Alert';
import { Dialog } from '../document/Dialog';
import { ConfirmAction } from './ConfirmAction';
import { Field } from '../Field';

const roles = Object.keys(roleLabels) as Role[];
const kinds = Object.keys(affiliationKindLabels) as AffiliationKind[];

interface MemberDialogProps {
  dialogueId: string;
  /** The member acted on; null keeps the dialog closed. */
  member: Member | null;
  myRole: Role;
  myUserId: string;
  /** After the server agreed: what changed, in words, for the page to announce. */
  onDone: (message: string) => void;
  onClose: () => void;
}

/** A member's role and the affiliation they speak for, under the rules the server enforces. */
export function ChangeMemberDialog({ member, ...props }: MemberDialogProps) {
  const title = member ? (member.userId === props.myUserId ? 'Change your role' : `Change the role of ${member.displayName}`) : 'Change role';
  return (
    <Dialog open={member !== null} title={title} onClose={props.onClose}>
      {member && <ChangeMemberForm key={member.userId} member={member} {...props} />}
    </Dialog>
  );
}

function ChangeMemberForm({ dialogueId, member, myRole, onDone, onClose }: { member: Member } & Omit<MemberDialogProps, 'member'>) {
  // Only a chair may appoint a chair; the server refuses it from the secretariat anyway.
  const offered = canManageChairs(myRole) ? roles : roles.filter((r) => r !== 'chair');
  const [role, setRole] = useState<Role>(member.role);
  const [kind, setKind] = useState<AffiliationKind | ''>(member.affiliation?.kind ?? '');
  const [name, setName] = useState(member.affiliation?.name ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState<string | undefined>();
  const [nameMissing, setNameMissing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Said here first, in the server's words of the rule, rather than after a round trip.
    if (!affiliationFits(role, kind || null)) {
      setMismatch(role === 'delegate' ? 'A delegate speaks for a state: choose a government affiliation.' : 'Civil society needs an NGO, international organization or academic affiliation.');
      return;
    }
    if (kind && name.trim() === '') {
      setNameMissing(true);
      return;
    }
    const change: MemberChange = { role, affiliation: kind ? { name: name.trim(), kind } : null };
    setPending(true);
    setError(null);
    try {
      await api.changeMember(dialogueId, member.userId, change);
      onDone(`${member.displayName} is now ${speakerLabel(role, kind || null)}.`);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  const affiliationError = mismatch ?? fieldError(error, 'affiliation');
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorAlert error={error} />
      <Field label="Role" hint={roleAffiliationHints[role]} error={fieldError(error, 'role')}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={role}
            autoFocus
            onChange={(e) => {
              setRole(e.target.value as Role);
              setMismatch(undefined);
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
      <fieldset aria-describedby={affiliationError ? 'member-affiliation-error' : undefined}>
        <legend>Affiliation</legend>
        {affiliationError && (
          <p id="member-affiliation-error" className="field-error">
            {affiliationError}
          </p>
        )}
        <Field label="Kind">
          {(control) => (
            <select
              {...control}
              name="affiliationKind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as AffiliationKind | '');
                setMismatch(undefined);
              }}
            >
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
          <Field label="Name" hint="e.g. Republic of Arandia, or the organization’s full name" error={nameMissing ? 'Enter the name it is known by.' : undefined}>
            {(control) => (
              <input
                {...control}
                name="affiliationName"
                type="text"
                value={name}
                maxLength={200}
                autoComplete="off"
                onChange={(e) => {
                  setName(e.target.value);
                  setNameMissing(false);
                }}
              />
            )}
          </Field>
        )}
      </fieldset>
      <div className="dialog-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Removing someone else, or leaving yourself. */
export function RemoveMemberDialog({ member, ...props }: MemberDialogProps) {
  const you = member?.userId === props.myUserId;
  const title = member ? (you ? 'Leave this dialogue?' : `Remove ${member.displayName}?`) : 'Remove';
  return (
    <Dialog open={member !== null} title={title} onClose={props.onClose}>
      {member && <RemoveConfirm key={member.userId} member={member} you={you} {...props} />}
    </Dialog>
  );
}

function RemoveConfirm({ dialogueId, member, you, onDone, onClose }: { member: Member; you: boolean } & Omit<MemberDialogProps, 'member'>) {
  return (
    <ConfirmAction
      explanation={
        you
          ? 'You will no longer see its documents. To come back, you need a new invitation.'
          : `${member.displayName} will no longer see the dialogue or its documents. What they wrote stays in the text and its history.`
      }
      label={you ? 'Leave the dialogue' : `Remove ${member.displayName}`}
      pendingLabel="Removing…"
      act={async () => {
        await api.removeMember(dialogueId, member.userId);
        onDone(you ? 'You left the dialogue.' : `${member.displayName} was removed from the dialogue.`);
      }}
      onClose={onClose}
    />
  );
}

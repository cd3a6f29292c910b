import { MIN_PASSWORD_LENGTH } from '@accord/contract';
import { useRef, useState } from 'react';
import { api } from '../api';
import { rememberInvitation } from '../account-links';
import { fieldError, isApiError } from '../errors';
import { textField, useSubmit } from '../hooks';
import { Link } from '../router';
import { ErrorAlert, Notice } from './Alert';
import { Field } from './Field';
import { useSession } from '../session';

interface InvitationAccountFormProps {
  token: string;
  dialogueId: string;
  invitedEmail: string | null;
  onAccepted: (dialogueId: string) => Promise<void>;
}

/**
 * Accepting while signed out: with a new account (the usual case) or an existing one. A new account
 * first proves its address by the mailed link; the answer is the same if the address already had an
 * account (its owner is mailed instead), so this form never says whether it had.
 */
export function InvitationAccountForm({ token, dialogueId, invitedEmail, onAccepted }: InvitationAccountFormProps) {
  const { signingIn } = useSession();
  const [hasAccount, setHasAccount] = useState(false);
  const [checkMail, setCheckMail] = useState<string | null>(null);
  const password = useRef<HTMLInputElement>(null);
  const { onSubmit, pending, error, clearError } = useSubmit(async (form) => {
    const email = textField(form, 'email') ?? '';
    const accepted = await signingIn(() =>
      api.acceptInvitation(token, {
        email,
        // Passwords are taken exactly as typed: spaces may be part of them.
        password: String(form.get('password') ?? ''),
        ...(hasAccount ? {} : { displayName: textField(form, 'displayName') ?? '' }),
      }),
    );
    if ('status' in accepted) {
      rememberInvitation(token);
      setCheckMail(email);
      return;
    }
    await onAccepted(accepted.dialogueId);
  });

  function choose(existing: boolean, focusPassword = false) {
    setHasAccount(existing);
    clearError();
    // A password chosen for a new account is not the existing account's password.
    if (password.current) password.current.value = '';
    if (focusPassword) password.current?.focus();
  }

  if (checkMail) return <CheckYourMail email={checkMail} />;

  return (
    <form className="card form" onSubmit={onSubmit}>
      <fieldset>
        <legend>Do you already have an Accord account?</legend>
        <label className="choice">
          <input type="radio" name="hasAccount" checked={!hasAccount} onChange={() => choose(false)} />
          <span>No, create one to accept</span>
        </label>
        <label className="choice">
          <input type="radio" name="hasAccount" checked={hasAccount} onChange={() => choose(true)} />
          <span>Yes, sign in to accept</span>
        </label>
      </fieldset>
      <ErrorAlert error={error}>
        {hasAccount && isApiError(error, 'INVALID_CREDENTIALS') && (
          <p>
            <Link href="/forgot-password">Forgot your password?</Link>
          </p>
        )}
        {isApiError(error, 'ALREADY_MEMBER') && (
          <p>
            <Link href={`/dialogues/${encodeURIComponent(dialogueId)}`}>Sign in and go to the dialogue</Link>
          </p>
        )}
      </ErrorAlert>
      <Field
        label="Email address"
        hint={invitedEmail ? 'This invitation can only be accepted with the address it was sent to.' : undefined}
        error={fieldError(error, 'email')}
      >
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            autoComplete={hasAccount ? 'username' : 'email'}
            defaultValue={invitedEmail ?? ''}
            required
            maxLength={254}
            spellCheck={false}
          />
        )}
      </Field>
      {!hasAccount && (
        <Field label="Display name" hint="How other participants will see you." error={fieldError(error, 'displayName')}>
          {(control) => <input {...control} name="displayName" type="text" autoComplete="name" required maxLength={120} />}
        </Field>
      )}
      <Field
        label={hasAccount ? 'Password' : 'Choose a password'}
        hint={hasAccount ? undefined : `At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={fieldError(error, 'password')}
      >
        {(control) => (
          <input
            {...control}
            ref={password}
            name="password"
            type="password"
            autoComplete={hasAccount ? 'current-password' : 'new-password'}
            required
            minLength={hasAccount ? undefined : MIN_PASSWORD_LENGTH}
            maxLength={256}
          />
        )}
      </Field>
      <button type="submit" disabled={pending}>
        {pending ? 'Accepting…' : hasAccount ? 'Sign in and accept' : 'Create account and accept'}
      </button>
    </form>
  );
}

/** After registering: the account waits for its address to be proven. */
function CheckYourMail({ email }: { email: string }) {
  return (
    <div className="card">
      <Notice>
        <p>
          <strong>Check your mail.</strong> We have sent a message to {email}. Open the link in it and enter your password to
          confirm the address; you can then accept this invitation.
        </p>
      </Notice>
      <p className="hint">
        Nothing arrived after a few minutes? Look in your spam folder. If the address already has an Accord account, the
        message explains how to sign in or set a new password instead.
      </p>
    </div>
  );
}

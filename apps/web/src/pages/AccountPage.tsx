import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { Field } from '../components/Field';
import { fieldError } from '../errors';
import { useDocumentTitle, useSubmit } from '../hooks';
import { useMe } from '../session';
import { MIN_PASSWORD_LENGTH } from './ResetPasswordPage';

/** The signed-in user's account: who they are, and changing the password. */
export function AccountPage() {
  useDocumentTitle('Your account');
  const { user } = useMe();
  const [changed, setChanged] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const { onSubmit, pending, error } = useSubmit(async (form, element) => {
    setChanged(false);
    const next = String(form.get('newPassword') ?? '');
    if (next !== String(form.get('confirm') ?? '')) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await api.changePassword(String(form.get('currentPassword') ?? ''), next);
    element.reset();
    setChanged(true);
  });

  return (
    <section className="page-narrow">
      <h1>Your account</h1>
      <dl className="card summary">
        <dt>Name</dt>
        <dd>{user.displayName}</dd>
        <dt>Email address</dt>
        <dd>{user.email}</dd>
      </dl>
      <h2>Change your password</h2>
      {changed && (
        <Notice>
          <p>Your password is changed. Every other session of your account has been signed out.</p>
        </Notice>
      )}
      <ErrorAlert error={error} />
      <form className="card form" onSubmit={onSubmit}>
        <Field label="Current password" error={fieldError(error, 'currentPassword')}>
          {(control) => <input {...control} name="currentPassword" type="password" autoComplete="current-password" required maxLength={256} />}
        </Field>
        <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={fieldError(error, 'newPassword')}>
          {(control) => (
            <input {...control} name="newPassword" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={256} />
          )}
        </Field>
        <Field label="New password, again" error={mismatch ? 'The two passwords differ.' : undefined}>
          {(control) => (
            <input {...control} name="confirm" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={256} />
          )}
        </Field>
        <button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

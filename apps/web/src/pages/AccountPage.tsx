import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { Field } from '../components/Field';
import { NewPasswordFields, passwordsDiffer } from '../components/NewPasswordFields';
import { fieldError } from '../errors';
import { useDocumentTitle, useSubmit } from '../hooks';
import { useMe } from '../session';

/** The signed-in user's account: who they are, and changing the password. */
export function AccountPage() {
  useDocumentTitle('Your account');
  const { user } = useMe();
  const [changed, setChanged] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const { onSubmit, pending, error } = useSubmit(async (form, element) => {
    setChanged(false);
    if (passwordsDiffer(form, 'newPassword')) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await api.changePassword(String(form.get('currentPassword') ?? ''), String(form.get('newPassword') ?? ''));
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
        <NewPasswordFields name="newPassword" error={fieldError(error, 'newPassword')} mismatch={mismatch} />
        <button type="submit" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

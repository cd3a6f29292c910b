import { useState } from 'react';
import { api } from '../api';
import { linkTokenFromHash } from '../account-links';
import { ErrorAlert } from '../components/Alert';
import { NewPasswordFields, passwordsDiffer } from '../components/NewPasswordFields';
import { fieldError, isApiError } from '../errors';
import { useDocumentTitle, useSubmit } from '../hooks';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { BrokenLink } from './VerifyEmailPage';

/** From the mailed reset link: a new password, the address confirmed, every other session ended. */
export function ResetPasswordPage() {
  useDocumentTitle('Set a new password');
  const [token] = useState(linkTokenFromHash);
  const { refresh, signingIn } = useSession();
  const [mismatch, setMismatch] = useState(false);
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    if (passwordsDiffer(form, 'password')) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await signingIn(() => api.resetPassword(token ?? '', String(form.get('password') ?? '')));
    await refresh();
    navigate('/', { replace: true });
  });

  if (!token) return <BrokenLink />;
  return (
    <section className="page-narrow">
      <h1>Set a new password</h1>
      <p className="lead">Every other session of this account is signed out, and you are signed in here.</p>
      <ErrorAlert error={error}>
        {isApiError(error, 'LINK_INVALID') && (
          <p>
            <Link href="/forgot-password">Ask for a new link</Link>
          </p>
        )}
      </ErrorAlert>
      <form className="card form" onSubmit={onSubmit}>
        <NewPasswordFields name="password" error={fieldError(error, 'password')} mismatch={mismatch} />
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Set password and sign in'}
        </button>
      </form>
    </section>
  );
}

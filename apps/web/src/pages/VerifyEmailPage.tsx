import { useState } from 'react';
import { api } from '../api';
import { linkTokenFromHash, takePendingInvitation } from '../account-links';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { fieldError, isApiError } from '../errors';
import { useDocumentTitle, useSubmit } from '../hooks';
import { Link, navigate } from '../router';
import { useSession } from '../session';

/**
 * From the mailed verification link. The link alone does not verify: the account's password goes with
 * it, so someone who receives a link for an account they did not create cannot hand it their address.
 */
export function VerifyEmailPage() {
  useDocumentTitle('Confirm your address');
  const [token] = useState(linkTokenFromHash);
  const { refresh, signingIn } = useSession();
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    await signingIn(() => api.verifyEmail(token ?? '', String(form.get('password') ?? '')));
    await refresh();
    const invitation = takePendingInvitation();
    navigate(invitation ? `/invite/${encodeURIComponent(invitation)}` : '/', { replace: true });
  });

  if (!token) return <BrokenLink />;
  return (
    <section className="page-narrow">
      <h1>Confirm your email address</h1>
      <p className="lead">Enter the password you chose for this account to confirm that the address is yours.</p>
      <ErrorAlert error={error}>
        {isApiError(error, 'LINK_INVALID') && (
          <p>
            Sign in with your password and we will send you a new link, or <Link href="/forgot-password">set a new password</Link>.
          </p>
        )}
      </ErrorAlert>
      <form className="card form" onSubmit={onSubmit}>
        <Field label="Password" error={fieldError(error, 'password')}>
          {(control) => <input {...control} name="password" type="password" autoComplete="current-password" required maxLength={256} />}
        </Field>
        <button type="submit" disabled={pending}>
          {pending ? 'Confirming…' : 'Confirm and sign in'}
        </button>
      </form>
      <p className="hint">
        Did not create this account, or forgot its password? <Link href="/forgot-password">Set a new password</Link>: the
        account then becomes yours, and anyone else signed in to it is signed out.
      </p>
    </section>
  );
}

export function BrokenLink() {
  return (
    <section className="page-narrow">
      <h1>This link is incomplete</h1>
      <p role="alert" className="alert alert-error">
        The link is missing its code. Open it again from the mail, or copy the whole address into the browser.
      </p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </section>
  );
}

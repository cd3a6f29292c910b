import { api } from '../api';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { fieldError } from '../errors';
import { textField, useDocumentTitle, useSubmit } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';

/** Shown in place of any page that needs a session, so signing in lands on the page that was asked for. */
export function SignInPage({ expired }: { expired: boolean }) {
  useDocumentTitle('Sign in');
  const { refresh, signingIn } = useSession();
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    await signingIn(() => api.login(textField(form, 'email') ?? '', String(form.get('password') ?? '')));
    await refresh();
  });

  return (
    <section className="page-narrow">
      <h1>Sign in to Accord</h1>
      <p className="lead">The workspace for co-drafting rolling texts in track-1.5 dialogues.</p>
      {expired && !error && (
        <p className="alert alert-info" role="status">
          Your session has ended. Please sign in again.
        </p>
      )}
      <ErrorAlert error={error} />
      <form className="card form" onSubmit={onSubmit}>
        <Field label="Email address" error={fieldError(error, 'email')}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="username" required maxLength={254} spellCheck={false} />
          )}
        </Field>
        <Field label="Password" error={fieldError(error, 'password')}>
          {(control) => <input {...control} name="password" type="password" autoComplete="current-password" required maxLength={256} />}
        </Field>
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="hint">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="hint">New to Accord? You join a dialogue through an invitation link from its chair or secretariat.</p>
    </section>
  );
}

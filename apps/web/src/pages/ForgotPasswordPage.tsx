import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert, Notice } from '../components/Alert';
import { Field } from '../components/Field';
import { fieldError } from '../errors';
import { textField, useDocumentTitle, useSubmit } from '../hooks';
import { Link } from '../router';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  useDocumentTitle('Forgot your password?');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    const email = textField(form, 'email') ?? '';
    await api.requestPasswordReset(email);
    setSentTo(email);
  });

  return (
    <section className="page-narrow">
      <h1>Set a new password</h1>
      {sentTo ? (
        <>
          <Notice>
            <p>
              <strong>Check your mail.</strong> If an Accord account uses {sentTo}, a link to set a new password is on its
              way. It works once, for a limited time.
            </p>
          </Notice>
          <p>
            <Link href="/">Back to sign in</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">We will mail a link to set a new password. Using it also confirms the address and signs out every other session.</p>
          <ErrorAlert error={error} />
          <form className="card form" onSubmit={onSubmit}>
            <Field label="Email address" error={fieldError(error, 'email')}>
              {(control) => <input {...control} name="email" type="email" autoComplete="username" required maxLength={254} spellCheck={false} />}
            </Field>
            <button type="submit" disabled={pending}>
              {pending ? 'Sending…' : 'Mail me a link'}
            </button>
          </form>
          <p className="hint">
            Remembered it? <Link href="/">Sign in</Link>
          </p>
        </>
      )}
    </section>
  );
}

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@accord/contract';
import { Field } from './Field';

/** The confirmation field's name: a form with these fields posts `name` and `confirm`. */
const CONFIRM = 'confirm';

/** True when the new password and its confirmation differ. */
export function passwordsDiffer(form: FormData, name: string): boolean {
  return String(form.get(name) ?? '') !== String(form.get(CONFIRM) ?? '');
}

/** A new password typed twice, for setting and changing a password alike. */
export function NewPasswordFields({ name, error, mismatch }: { name: string; error: string | undefined; mismatch: boolean }) {
  return (
    <>
      <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={error}>
        {(control) => <input {...control} name={name} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={MAX_PASSWORD_LENGTH} />}
      </Field>
      <Field label="New password, again" error={mismatch ? 'The two passwords differ.' : undefined}>
        {(control) => (
          <input {...control} name={CONFIRM} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={MAX_PASSWORD_LENGTH} />
        )}
      </Field>
    </>
  );
}

import { api } from '../api';
import { fieldError } from '../errors';
import { textField, useSubmit } from '../hooks';
import { navigate } from '../router';
import { useSession } from '../session';
import { ErrorAlert } from './Alert';
import { Field } from './Field';

export function CreateDialogueForm({ headingId }: { headingId: string }) {
  const { refresh } = useSession();
  const { onSubmit, pending, error } = useSubmit(async (form) => {
    const dialogue = await api.createDialogue({
      title: textField(form, 'title') ?? '',
      description: textField(form, 'description'),
      attributionMode: form.get('attributionMode') === 'attributed' ? 'attributed' : 'chatham_house',
    });
    // The new chair membership belongs in the session's list too.
    await refresh();
    navigate(`/dialogues/${encodeURIComponent(dialogue.id)}`);
  });

  return (
    <form className="card form" onSubmit={onSubmit}>
      <h2 id={headingId}>Start a dialogue</h2>
      <p className="hint">You will chair it, and can then invite participants and open documents.</p>
      <ErrorAlert error={error} />
      <Field label="Title" error={fieldError(error, 'title')}>
        {(control) => <input {...control} name="title" type="text" required maxLength={200} autoComplete="off" />}
      </Field>
      <Field label="Description (optional)" error={fieldError(error, 'description')}>
        {(control) => <textarea {...control} name="description" rows={3} maxLength={5000} />}
      </Field>
      <fieldset>
        <legend>Attribution</legend>
        <label className="choice">
          <input type="radio" name="attributionMode" value="chatham_house" defaultChecked />
          <span>
            <strong>Chatham House Rule</strong>
            <span className="hint">What is said may be used, but not attributed to anyone present.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="attributionMode" value="attributed" />
          <span>
            <strong>Attributed</strong>
            <span className="hint">Contributions are shown with their author’s name and affiliation.</span>
          </span>
        </label>
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create dialogue'}
      </button>
    </form>
  );
}

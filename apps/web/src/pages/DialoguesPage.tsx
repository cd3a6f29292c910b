import { api, type Dialogue, type Membership } from '../api';
import { AttributionBadge } from '../components/AttributionBadge';
import { CreateDialogueForm } from '../components/CreateDialogueForm';
import { LoadFailed, Loading } from '../components/Status';
import { useDocumentTitle, useResource } from '../hooks';
import { formatDate, roleLabels } from '../labels';
import { Link } from '../router';
import { useMe } from '../session';

export function DialoguesPage() {
  useDocumentTitle('My dialogues');
  const me = useMe();
  const [dialogues, reload] = useResource((signal) => api.listDialogues(signal), 'dialogues');

  if (dialogues.status === 'loading') return <Loading label="Loading your dialogues…" />;
  if (dialogues.status === 'error') return <LoadFailed title="My dialogues" error={dialogues.error} retry={reload} />;

  return (
    <div className="page-columns">
      <section aria-labelledby="dialogues-heading">
        <h1 id="dialogues-heading">My dialogues</h1>
        {dialogues.data.length === 0 ? (
          <p className="empty">
            You are not taking part in any dialogue yet. Open an invitation link you have received, or start a dialogue of
            your own.
          </p>
        ) : (
          <ul className="card-list">
            {dialogues.data.map((dialogue) => (
              <li key={dialogue.id}>
                <DialogueCard dialogue={dialogue} membership={me.memberships.find((m) => m.dialogueId === dialogue.id)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside aria-labelledby="create-dialogue-heading">
        <CreateDialogueForm headingId="create-dialogue-heading" />
      </aside>
    </div>
  );
}

function DialogueCard({ dialogue, membership }: { dialogue: Dialogue; membership: Membership | undefined }) {
  const affiliation = membership?.affiliation?.name;
  return (
    <article className="card dialogue-card">
      <h2>
        <Link href={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
      </h2>
      <p className="meta">
        <span className="role">
          Your role: <strong>{roleLabels[dialogue.myRole]}</strong>
          {affiliation && <> · {affiliation}</>}
        </span>
        <AttributionBadge mode={dialogue.attributionMode} />
      </p>
      {dialogue.description && <p className="description">{dialogue.description}</p>}
      <p className="hint">Opened {formatDate(dialogue.createdAt)}</p>
    </article>
  );
}

import { api, type Dialogue, type DocumentSummary, type Member } from '../api';
import { AttributionBadge } from '../components/AttributionBadge';
import { CreateDocumentForm } from '../components/CreateDocumentForm';
import { CreateInvitationForm } from '../components/CreateInvitationForm';
import { DocumentList } from '../components/DocumentList';
import { MemberTable } from '../components/MemberTable';
import { LoadFailed, Loading } from '../components/Status';
import { isApiError } from '../errors';
import { useDocumentTitle, useResource } from '../hooks';
import { isSteward, roleLabels } from '../labels';
import { documentHref } from '../history/history-links';
import { ImportDocumentCard } from '../imports/ImportDocumentDialog';
import { Link, navigate } from '../router';

interface DialogueData {
  dialogue: Dialogue;
  members: Member[];
  documents: DocumentSummary[];
}

async function loadDialogue(id: string, signal: AbortSignal): Promise<DialogueData> {
  const [dialogue, members, documents] = await Promise.all([
    api.getDialogue(id, signal),
    api.listMembers(id, signal),
    api.listDocuments(id, signal),
  ]);
  return { dialogue, members, documents };
}

export function DialoguePage({ id }: { id: string }) {
  const [state, reload] = useResource((signal) => loadDialogue(id, signal), id);
  useDocumentTitle(state.status === 'ready' ? state.data.dialogue.title : 'Dialogue');

  if (state.status === 'loading') return <Loading label="Loading the dialogue…" />;
  if (state.status === 'error') {
    // A malformed id in the address is answered as a validation error; to a reader it is simply not there.
    const missing = isApiError(state.error, 'NOT_FOUND', 'VALIDATION_FAILED');
    const permanent = missing || isApiError(state.error, 'NOT_A_MEMBER', 'ROLE_FORBIDDEN');
    return (
      <LoadFailed
        title={missing ? 'Dialogue not found' : 'This dialogue is not available'}
        error={missing ? undefined : state.error}
        retry={permanent ? undefined : reload}
      >
        {missing && <p>There is no dialogue at this address. The link may be incomplete or mistyped.</p>}
        <p>
          <Link href="/">Back to my dialogues</Link>
        </p>
      </LoadFailed>
    );
  }

  const { dialogue, members, documents } = state.data;
  const steward = isSteward(dialogue.myRole);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">My dialogues</Link>
      </nav>
      <header className="page-header">
        <h1>{dialogue.title}</h1>
        <p className="meta">
          <span className="role">
            Your role: <strong>{roleLabels[dialogue.myRole]}</strong>
          </span>
          <AttributionBadge mode={dialogue.attributionMode} />
        </p>
        {dialogue.description && <p className="description">{dialogue.description}</p>}
        {dialogue.attributionMode === 'chatham_house' && (
          <p className="hint">
            Under the Chatham House Rule, participants may use what is said here, but may not reveal who said it or their
            affiliation.
          </p>
        )}
      </header>
      <div className={steward ? 'page-columns' : undefined}>
        <div className="stack">
          <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">Documents</h2>
            <DocumentList dialogueId={dialogue.id} documents={documents} />
          </section>
          <section aria-labelledby="members-heading">
            <h2 id="members-heading">Participants ({members.length})</h2>
            <MemberTable members={members} labelledBy="members-heading" />
          </section>
        </div>
        {steward && (
          <aside className="stack" aria-label="Manage the dialogue">
            <CreateDocumentForm dialogueId={dialogue.id} onCreated={reload} />
            <ImportDocumentCard dialogueId={dialogue.id} onCreated={(document) => navigate(documentHref(dialogue.id, document.id))} />
            <CreateInvitationForm dialogueId={dialogue.id} myRole={dialogue.myRole} />
          </aside>
        )}
      </div>
    </>
  );
}

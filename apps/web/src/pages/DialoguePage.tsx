import { useEffect, useRef, useState } from 'react';
import { api, type Dialogue, type DocumentSummary, type Member } from '../api';
import { Notice } from '../components/Alert';
import { AttributionBadge } from '../components/AttributionBadge';
import { CreateDocumentForm } from '../components/CreateDocumentForm';
import { CreateInvitationForm } from '../components/CreateInvitationForm';
import { DocumentList } from '../components/DocumentList';
import { ChangeMemberDialog, RemoveMemberDialog } from '../components/members/MemberDialogs';
import { PendingInvitations } from '../components/members/PendingInvitations';
import { MemberTable } from '../components/MemberTable';
import { LoadFailed, Loading } from '../components/Status';
import { isApiError } from '../errors';
import { useDocumentTitle, useResource } from '../hooks';
import { isSteward, speakerLabel } from '../labels';
import { documentHref } from '../history/history-links';
import { ImportDocumentCard } from '../imports/ImportDocumentDialog';
import { Link, navigate } from '../router';
import { useMe, useSession } from '../session';

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

type MemberAction = { kind: 'change' | 'remove'; member: Member } | null;

export function DialoguePage({ id }: { id: string }) {
  const [state, reload] = useResource((signal) => loadDialogue(id, signal), id);
  const me = useMe();
  const { refresh } = useSession();
  const [acting, setActing] = useState<MemberAction>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [invitationsVersion, setInvitationsVersion] = useState(0);
  const [focusMembers, setFocusMembers] = useState(0);
  const membersHeading = useRef<HTMLHeadingElement>(null);
  // A removed member's row (where focus would return) is gone: read on from the list's heading.
  useEffect(() => {
    if (focusMembers > 0) membersHeading.current?.focus();
  }, [focusMembers]);
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
  const myKind = me.memberships.find((m) => m.dialogueId === dialogue.id)?.affiliation?.kind;
  const closeMemberDialog = () => setActing(null);
  const memberChanged = (message: string, removed: boolean) => {
    const self = acting?.member.userId === me.user.id;
    setActing(null);
    setNotice(message);
    // Your own role or membership changed: what the session says of you, and what you may see here.
    if (self) void refresh();
    if (self && removed) {
      navigate('/', { replace: true });
      return;
    }
    reload();
    if (removed) setFocusMembers((n) => n + 1);
  };
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">My dialogues</Link>
      </nav>
      <header className="page-header">
        <h1>{dialogue.title}</h1>
        <p className="meta">
          <span className="role">
            Your role: <strong>{speakerLabel(dialogue.myRole, myKind)}</strong>
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
            <h2 id="members-heading" ref={membersHeading} tabIndex={-1}>
              Participants ({members.length})
            </h2>
            {notice && <Notice>{notice}</Notice>}
            <MemberTable
              members={members}
              labelledBy="members-heading"
              actions={
                steward
                  ? {
                      myRole: dialogue.myRole,
                      myUserId: me.user.id,
                      onChange: (member) => {
                        setNotice(null);
                        setActing({ kind: 'change', member });
                      },
                      onRemove: (member) => {
                        setNotice(null);
                        setActing({ kind: 'remove', member });
                      },
                    }
                  : undefined
              }
            />
            {steward && (
              <>
                <ChangeMemberDialog
                  dialogueId={dialogue.id}
                  member={acting?.kind === 'change' ? acting.member : null}
                  myRole={dialogue.myRole}
                  myUserId={me.user.id}
                  onDone={(message) => memberChanged(message, false)}
                  onClose={closeMemberDialog}
                />
                <RemoveMemberDialog
                  dialogueId={dialogue.id}
                  member={acting?.kind === 'remove' ? acting.member : null}
                  myRole={dialogue.myRole}
                  myUserId={me.user.id}
                  onDone={(message) => memberChanged(message, true)}
                  onClose={closeMemberDialog}
                />
              </>
            )}
          </section>
          {steward && <PendingInvitations dialogueId={dialogue.id} myRole={dialogue.myRole} version={invitationsVersion} />}
        </div>
        {steward && (
          <aside className="stack" aria-label="Manage the dialogue">
            <CreateDocumentForm dialogueId={dialogue.id} onCreated={reload} />
            <ImportDocumentCard dialogueId={dialogue.id} onCreated={(document) => navigate(documentHref(dialogue.id, document.id))} />
            <CreateInvitationForm dialogueId={dialogue.id} myRole={dialogue.myRole} onCreated={() => setInvitationsVersion((n) => n + 1)} />
          </aside>
        )}
      </div>
    </>
  );
}

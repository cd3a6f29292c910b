import type { AccordClient, DocumentHandle } from '@accord/client';
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { AccordApiError, api, type Dialogue, type DocumentSummary } from '../api';
import type { AmendmentsSetup } from '../amendments/use-amendment-workspace';
import type { LiveEvents } from '../comments/live-events';
import type { CommentsSetup } from '../comments/use-comment-workspace';
import { LoadFailed, Loading } from '../components/Status';
import { PresenceList } from '../components/document/PresenceList';
import { RollingText } from '../components/document/RollingText';
import { SaveStatus } from '../components/document/SaveStatus';
import { ShortcutsDialog } from '../components/document/ShortcutsDialog';
import { type HandleState, isSignedOutError, useDocumentConnection, useHandleState, useTextIsEmpty } from '../document/connection';
import { usePeopleHere } from '../document/presence';
import { connectionErrorMessage, documentErrorMessage, refusalMessage } from '../document/save-status';
import { UNRENDERABLE_MESSAGE, useUnrenderable } from '../document/unrenderable';
import { isApiError } from '../errors';
import type { ExportSection } from '../exports/export-menu-items';
import { ExportMenu } from '../exports/ExportMenu';
import { RevisionLine } from '../history/RevisionLine';
import { useDocumentTitle, useResource } from '../hooks';
import { isSteward, speakerLabel } from '../labels';
import { Link } from '../router';
import { useMe, useSession } from '../session';
import { createSessionHighlightBridge } from '../session-mode/highlight-plugin';
import { SessionBar } from '../session-mode/SessionBar';
import { useSessionMode } from '../session-mode/use-session-mode';

interface DocumentData {
  dialogue: Dialogue;
  document: DocumentSummary;
}

async function loadDocument(dialogueId: string, documentId: string, signal: AbortSignal): Promise<DocumentData> {
  const [dialogue, documents] = await Promise.all([api.getDialogue(dialogueId, signal), api.listDocuments(dialogueId, signal)]);
  const document = documents.find((d) => d.id === documentId);
  if (!document) throw new AccordApiError({ status: 404, code: 'NOT_FOUND', message: 'no such document in this dialogue' });
  return { dialogue, document };
}

/** A rolling text, open for co-drafting (or reading, for civil society and observers). */
export function DocumentPage({ dialogueId, documentId }: { dialogueId: string; documentId: string }) {
  const [state, reload] = useResource((signal) => loadDocument(dialogueId, documentId, signal), `${dialogueId}/${documentId}`);
  const { refresh } = useSession();
  const me = useMe();
  const { connection, reopen } = useDocumentConnection(documentId, me.user.id, () => void refresh());
  useDocumentTitle(state.status === 'ready' ? `${state.data.document.symbol} ${state.data.document.title}` : 'Document');

  if (state.status === 'loading') return <Loading label="Opening the document…" />;
  if (state.status === 'error') {
    const missing = isApiError(state.error, 'NOT_FOUND', 'VALIDATION_FAILED');
    const permanent = missing || isApiError(state.error, 'NOT_A_MEMBER', 'ROLE_FORBIDDEN');
    return (
      <LoadFailed title={missing ? 'Document not found' : 'This document is not available'} error={missing ? undefined : state.error} retry={permanent ? undefined : reload}>
        {missing && <p>There is no document at this address. The link may be incomplete or mistyped.</p>}
        <p>
          <Link href={`/dialogues/${encodeURIComponent(dialogueId)}`}>Back to the dialogue</Link>
        </p>
      </LoadFailed>
    );
  }

  const { dialogue, document } = state.data;
  const events = connection.phase === 'open' ? connection.client : null;
  const header = (handleState: HandleState | null, handle: DocumentHandle | null, statusInToolbar = false) => (
    <DocumentHeader dialogue={dialogue} document={document} handle={handle} handleState={handleState} events={events} statusInToolbar={statusInToolbar} />
  );

  if (connection.phase === 'connecting') {
    return (
      <>
        {header(null, null)}
        <Loading label="Connecting to the text…" />
      </>
    );
  }
  if (connection.phase === 'failed') {
    return (
      <>
        {header(null, null)}
        <div role="alert" className="alert alert-error">
          <p>{connectionErrorMessage(connection.error)}</p>
          <button type="button" className="button-secondary" onClick={reopen}>
            Try again
          </button>
        </div>
      </>
    );
  }
  return (
    <OpenDocument
      handle={connection.handle}
      client={connection.client}
      dialogue={dialogue}
      documentId={document.id}
      header={header}
      reopen={reopen}
      onSignedOut={refresh}
    />
  );
}

interface OpenDocumentProps {
  handle: DocumentHandle;
  client: AccordClient;
  dialogue: Dialogue;
  documentId: string;
  header: (state: HandleState, handle: DocumentHandle, statusInToolbar: boolean) => ReactNode;
  reopen: () => void;
  onSignedOut: () => Promise<void>;
}

function OpenDocument({ handle, client, dialogue, documentId, header, reopen, onSignedOut }: OpenDocumentProps) {
  const dialogueId = dialogue.id;
  const [state, refreshState] = useHandleState(handle);
  const empty = useTextIsEmpty(state.doc);
  const [dismissedRefusal, setDismissedRefusal] = useState<HandleState['refusal']>(null);
  const refusal = state.refusal !== dismissedRefusal ? state.refusal : null;
  const you = useYou(dialogueId);
  const me = useMe();
  const noticeId = useId();
  // Session mode: the room follows the chair. The highlight's extension is made once for the page
  // (the editor reads its extensions once); the room's state reaches it by transaction meta.
  const [sessionHighlight] = useState(createSessionHighlightBridge);
  const session = useSessionMode(dialogueId, documentId, client, handle, sessionHighlight.roomChanged);
  const extraExtensions = useMemo(() => [sessionHighlight.extension], [sessionHighlight]);
  const steward = isSteward(state.role ?? dialogue.myRole);
  const myAffiliationId = me.memberships.find((m) => m.dialogueId === dialogueId)?.affiliation?.id ?? null;
  const errorCode = state.status === 'error' ? state.error?.code : undefined;
  // Decided before the editor binds: a text the editor cannot show is never bound to the live document.
  const unrenderable = useUnrenderable(state.doc, state.synced);
  const readOnly = state.readOnly || unrenderable.length > 0;
  const comments = useMemo<CommentsSetup>(
    () => ({
      dialogueId,
      documentId,
      events: client,
      online: state.status !== 'offline' && state.status !== 'connecting',
      // Observers read; everyone else comments, in the read-only editor too.
      canComment: (state.role ?? dialogue.myRole) !== 'observer',
      affiliation: you.affiliation,
      attributionMode: dialogue.attributionMode,
    }),
    [dialogueId, documentId, client, state.status, state.role, dialogue.myRole, you.affiliation, dialogue.attributionMode],
  );
  const amendments = useMemo<AmendmentsSetup>(
    () => ({ ...comments, role: state.role ?? dialogue.myRole }),
    [comments, state.role, dialogue.myRole],
  );

  useEffect(() => {
    // Access changed under the open handle (a write was refused as read-only): open it afresh
    // with the new access. A session that ended sends the reader to sign in.
    if (errorCode === 'READ_ONLY') reopen();
    if (isSignedOutError({ code: errorCode })) void onSignedOut();
  }, [errorCode, reopen, onSignedOut]);

  let body: ReactNode;
  let statusInToolbar = false;
  if (state.status === 'error' && errorCode !== 'READ_ONLY') {
    body = (
      <div role="alert" className="alert alert-error">
        <p>{documentErrorMessage(state.error)}</p>
        <button type="button" className="button-secondary" onClick={reopen}>
          Reopen the text
        </button>
      </div>
    );
  } else if (!state.synced) {
    body = <Loading label="Loading the text…" />;
  } else if (empty) {
    body = (
      <p className="empty" role="status">
        This document has no content yet.
      </p>
    );
  } else {
    statusInToolbar = true;
    body = (
      <RollingText
        handle={handle}
        doc={state.doc}
        readOnly={readOnly}
        you={you}
        readOnlyNoticeId={noticeId}
        onAccessChanged={refreshState}
        comments={comments}
        amendments={amendments}
        toolbarStatus={<SaveStatus state={{ ...state, readOnly }} />}
        extraExtensions={extraExtensions}
        banner={(editor) => (
          <SessionBar
            editor={editor}
            session={session}
            bridge={sessionHighlight}
            dialogueId={dialogueId}
            userId={me.user.id}
            steward={steward}
            myAffiliationId={myAffiliationId}
          />
        )}
        currentParagraphId={session.mode?.current?.paragraphId ?? null}
      />
    );
  }

  return (
    <>
      {header({ ...state, readOnly }, handle, statusInToolbar)}
      {unrenderable.length > 0 && (
        <div role="alert" className="alert alert-error unrenderable-notice" id={noticeId}>
          <p>{UNRENDERABLE_MESSAGE}</p>
          <details>
            <summary>What the editor cannot show</summary>
            <ul>
              {unrenderable.map(({ path, problem }) => (
                <li key={`${path}:${problem}`}>
                  {problem}
                  {path && <code> ({path})</code>}
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {state.synced && state.readOnly && unrenderable.length === 0 && (
        <p className="alert alert-info read-only-notice" id={noticeId}>
          You can read this text{state.role === 'observer' ? '' : ', comment on it (select words and choose Comment) and propose amendments to a paragraph (choose Propose amendment)'}.
        </p>
      )}
      {refusal && (
        <div role="alert" className="alert alert-error change-refused">
          <p>{refusalMessage(refusal)}</p>
          <button type="button" className="button-secondary" onClick={() => setDismissedRefusal(refusal)}>
            Dismiss
          </button>
        </div>
      )}
      {body}
    </>
  );
}

/** Who is at this keyboard, as the session knows them: how the presence list shows "(you)". */
function useYou(dialogueId: string): { userId: string; name: string; affiliation: string | null } {
  const me = useMe();
  const affiliation = me.memberships.find((m) => m.dialogueId === dialogueId)?.affiliation?.name ?? null;
  return { userId: me.user.id, name: me.user.displayName, affiliation };
}

/** Typing a "?" into the text, a field or a list must not open the help. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The text as it is now, and the compilation of amendments under each paragraph. */
const DOCUMENT_EXPORTS: ExportSection[] = [
  { kind: 'text', label: 'Current text' },
  { kind: 'compilation', label: 'Compilation of amendments' },
];

interface DocumentHeaderProps {
  dialogue: Dialogue;
  document: DocumentSummary;
  handle: DocumentHandle | null;
  handleState: HandleState | null;
  events: LiveEvents | null;
  /** The text is showing: its save indicator sits in the sticky bar above it, not here. */
  statusInToolbar: boolean;
}

function DocumentHeader({ dialogue, document, handle, handleState, events, statusInToolbar }: DocumentHeaderProps) {
  const [help, setHelp] = useState(false);
  const role = handleState?.role ?? dialogue.myRole;
  const myKind = useMe().memberships.find((m) => m.dialogueId === dialogue.id)?.affiliation?.kind ?? null;
  const canEdit = !handleState?.readOnly;

  useEffect(() => {
    if (!canEdit) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      setHelp(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canEdit]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
      </nav>
      <header className="document-header">
        <h1>
          <span className="symbol document-symbol">{document.symbol}</span>
          {document.title}
        </h1>
        <p className="meta">
          <span className="role">
            Your role: <strong>{speakerLabel(role, myKind)}</strong>
          </span>
          {handleState && !statusInToolbar && <SaveStatus state={handleState} />}
        </p>
        <RevisionLine
          dialogueId={dialogue.id}
          documentId={document.id}
          events={events}
          online={handleState !== null && handleState.status !== 'offline' && handleState.status !== 'connecting'}
          // Once synced: the updates that load the text are not edits since the count.
          doc={handleState?.synced ? handleState.doc : null}
        />
        {handle && <People handle={handle} dialogueId={dialogue.id} />}
        <div className="document-actions">
          <ExportMenu dialogueId={dialogue.id} documentId={document.id} sections={DOCUMENT_EXPORTS} />
          <Link className="button-secondary compilation-link" href={`/dialogues/${encodeURIComponent(dialogue.id)}/documents/${encodeURIComponent(document.id)}/compilation`}>
            Compilation of amendments
          </Link>
        </div>
        {canEdit && (
          <button type="button" className="button-secondary shortcuts-button" aria-keyshortcuts="?" onClick={() => setHelp(true)}>
            Keyboard shortcuts
          </button>
        )}
      </header>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </>
  );
}

function People({ handle, dialogueId }: { handle: DocumentHandle; dialogueId: string }) {
  const people = usePeopleHere(handle.awareness, useYou(dialogueId), dialogueId);
  return <PresenceList people={people} />;
}

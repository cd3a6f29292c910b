import { lazy, Suspense } from 'react';
import { Layout } from './components/Layout';
import { LoadFailed, Loading } from './components/Status';
import { AccountPage } from './pages/AccountPage';
import { DialoguePage } from './pages/DialoguePage';
import { DialoguesPage } from './pages/DialoguesPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { InvitationPage } from './pages/InvitationPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SignInPage } from './pages/SignInPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';
import { matchPath, usePath } from './router';
import { SessionProvider, type SessionState, useSession } from './session';

// The editor (Tiptap, ProseMirror, Yjs, the socket client) loads only with a document, so signing
// in and the lists stay light.
const loadDocumentPage = () => import('./pages/DocumentPage');
const DocumentPage = lazy(() => loadDocumentPage().then((module) => ({ default: module.DocumentPage })));
const DOCUMENT_ROUTE = '/dialogues/:dialogueId/documents/:documentId';
const CompilationPage = lazy(() => import('./amendments/CompilationPage').then((module) => ({ default: module.CompilationPage })));
const COMPILATION_ROUTE = `${DOCUMENT_ROUTE}/compilation`;
const ComparePage = lazy(() => import('./history/ComparePage').then((module) => ({ default: module.ComparePage })));
const COMPARE_ROUTE = `${DOCUMENT_ROUTE}/compare`;
const ConcordancePage = lazy(() => import('./history/ConcordancePage').then((module) => ({ default: module.ConcordancePage })));
const CONCORDANCE_ROUTE = `${DOCUMENT_ROUTE}/revisions/:revisionId/concordance`;

// A link straight to a document: fetch the editor while the session is being checked, not after.
if (matchPath(DOCUMENT_ROUTE, window.location.pathname)) void loadDocumentPage();

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

function Routes() {
  const path = usePath();
  const { state, refresh } = useSession();
  const view = state.status === 'loading' ? null : `${state.status} ${path}`;
  return <Layout view={view}>{page(path, state, refresh)}</Layout>;
}

function page(path: string, session: SessionState, retrySession: () => Promise<void>) {
  // Invitations are for people who may not have an account yet, so they are reachable signed out.
  const invitation = matchPath('/invite/:token', path);
  if (invitation?.token) return <InvitationPage key={invitation.token} token={invitation.token} />;
  // Mailed links and the way to ask for one work signed in or out.
  if (matchPath('/verify-email', path)) return <VerifyEmailPage />;
  if (matchPath('/reset-password', path)) return <ResetPasswordPage />;
  if (matchPath('/forgot-password', path)) return <ForgotPasswordPage />;

  switch (session.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <LoadFailed title="Accord is not available" error={session.error} retry={() => void retrySession()} />;
    case 'signed-out':
      return <SignInPage expired={session.expired} />;
    case 'signed-in':
      break;
  }

  if (matchPath('/', path)) return <DialoguesPage />;
  if (matchPath('/account', path)) return <AccountPage />;
  const compilation = matchPath(COMPILATION_ROUTE, path);
  if (compilation?.dialogueId && compilation.documentId) {
    return (
      <Suspense fallback={<Loading label="Compiling the amendments…" />}>
        <CompilationPage key={`${compilation.dialogueId}/${compilation.documentId}`} dialogueId={compilation.dialogueId} documentId={compilation.documentId} />
      </Suspense>
    );
  }
  const compare = matchPath(COMPARE_ROUTE, path);
  if (compare?.dialogueId && compare.documentId) {
    return (
      <Suspense fallback={<Loading label="Opening the comparison…" />}>
        <ComparePage key={`${compare.dialogueId}/${compare.documentId}`} dialogueId={compare.dialogueId} documentId={compare.documentId} />
      </Suspense>
    );
  }
  const concordance = matchPath(CONCORDANCE_ROUTE, path);
  if (concordance?.dialogueId && concordance.documentId && concordance.revisionId) {
    return (
      <Suspense fallback={<Loading label="Reading the concordance…" />}>
        <ConcordancePage
          key={`${concordance.dialogueId}/${concordance.documentId}/${concordance.revisionId}`}
          dialogueId={concordance.dialogueId}
          documentId={concordance.documentId}
          revisionId={concordance.revisionId}
        />
      </Suspense>
    );
  }
  const documentRoute = matchPath(DOCUMENT_ROUTE, path);
  if (documentRoute?.dialogueId && documentRoute.documentId) {
    return (
      <Suspense fallback={<Loading label="Opening the document…" />}>
        <DocumentPage key={`${documentRoute.dialogueId}/${documentRoute.documentId}`} dialogueId={documentRoute.dialogueId} documentId={documentRoute.documentId} />
      </Suspense>
    );
  }
  const dialogue = matchPath('/dialogues/:id', path);
  if (dialogue?.id) return <DialoguePage key={dialogue.id} id={dialogue.id} />;
  return <NotFoundPage />;
}

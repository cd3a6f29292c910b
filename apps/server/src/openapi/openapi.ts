import { OpenApiGeneratorV31, OpenAPIRegistry, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import {
  acceptAmendmentBody,
  amendmentEnvelopeSchema,
  amendmentListQuery,
  amendmentListSchema,
  compilationQuery,
  compilationSchema,
  createAmendmentBody,
  rejectAmendmentBody,
  supportBody,
  audienceDescriptions,
  commentBodyInput,
  commentCountsSchema,
  createDialogueBody,
  createThreadBody,
  createDocumentBody,
  dialogueListSchema,
  dialogueSchema,
  documentListSchema,
  documentSchema,
  errorBodySchema,
  loginBody,
  meSchema,
  memberRoles,
  sessionCheckSchema,
  signedInSchema,
  threadEnvelopeSchema,
  threadListSchema,
  compareQuery,
  comparisonSchema,
  concordanceSchema,
  createRevisionBody,
  documentTextAtQuery,
  historyPageSchema,
  historyQuery,
  progressSchema,
  restoreBody,
  restoreResultSchema,
  revisionCreatedSchema,
  revisionEnvelopeSchema,
  revisionListSchema,
  textAtSchema,
  textFormatQuery,
  sessionModeSchema,
  steerSessionBody,
} from '@accord/contract';
import { z } from 'zod';
import { changePasswordBody, checkYourMailSchema, passwordResetBody, passwordResetRequestBody, verifyEmailBody } from '../account/account.schemas.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { acceptInvitationBody, createInvitationBody, invitationTokenParam } from '../invitations/invitations.schemas.js';
import { changeMemberBody } from '../members/members.schemas.js';


const json = (schema: z.ZodType, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = {
  400: json(errorBodySchema, 'Invalid input; `fields` names each offending field'),
  401: json(errorBodySchema, 'Not signed in'),
  403: json(errorBodySchema, 'Not a member, role not allowed, or cross-origin'),
  404: json(errorBodySchema, 'Not found'),
  409: json(errorBodySchema, 'In conflict with the current state (AMENDMENT_CONFLICT carries `conflict`, the attempted merge)'),
};
const dialogueParams = z.object({ dialogueId: uuidParam });
const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });

/** `plain`: the route also answers text/plain, as a string. */
type Route = Omit<RouteConfig, 'responses'> & { ok?: z.ZodType; status?: number; plain?: boolean };

const routes: Route[] = [
  { method: 'get', path: '/health', summary: 'Liveness and database kind', security: [], ok: z.object({ status: z.string(), db: z.enum(['pglite', 'postgres']) }) },
  { method: 'post', path: '/api/auth/login', summary: 'Sign in; sets the session cookie', security: [], request: body(loginBody), ok: signedInSchema },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', status: 204 },
  {
    method: 'get',
    path: '/api/auth/session',
    summary: 'Whether the caller is signed in: `me` as GET /api/me answers it, or null when signed out, expired or unknown; 200 either way, never 401',
    // Open to everyone; a cookie or bearer token, when sent, decides the answer.
    security: [{}, { cookie: [] }, { bearer: [] }],
    ok: sessionCheckSchema,
  },
  {
    method: 'post',
    path: '/api/auth/verify-email',
    summary: "Prove the address with the mailed link's token and the account's password; signs in (410 LINK_INVALID when used, expired or unknown)",
    security: [],
    request: body(verifyEmailBody),
    ok: signedInSchema,
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    summary: 'Mail a password-reset link; always 202, whether or not the address has an account (429 per client address)',
    security: [],
    request: body(passwordResetRequestBody),
    ok: checkYourMailSchema,
    status: 202,
  },
  {
    method: 'post',
    path: '/api/auth/password-reset/confirm',
    summary: "Set a new password with the mailed link's token: verifies the address, ends every session of the account, signs in",
    security: [],
    request: body(passwordResetBody),
    ok: signedInSchema,
  },
  {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change the password (current one required); ends every other session of the account',
    request: body(changePasswordBody),
    status: 204,
  },
  { method: 'get', path: '/api/me', summary: 'The signed-in user and their memberships', ok: meSchema },
  { method: 'get', path: '/api/dialogues', summary: 'Dialogues I am a member of', ok: dialogueListSchema },
  { method: 'post', path: '/api/dialogues', summary: 'Create a dialogue; the creator becomes chair', request: body(createDialogueBody), ok: dialogueSchema, status: 201 },
  { method: 'get', path: '/api/dialogues/{dialogueId}', summary: 'One dialogue', request: { params: dialogueParams }, ok: dialogueSchema },
  { method: 'get', path: '/api/dialogues/{dialogueId}/members', summary: 'Members (e-mail addresses for chair and secretariat only)', request: { params: dialogueParams } },
  {
    method: 'patch',
    path: '/api/dialogues/{dialogueId}/members/{userId}',
    summary: `Change a member's role (${memberRoles.join(', ')}) and affiliation (chair, secretariat)`,
    request: { params: dialogueParams.extend({ userId: uuidParam }), ...body(changeMemberBody) },
    status: 204,
  },
  {
    method: 'delete',
    path: '/api/dialogues/{dialogueId}/members/{userId}',
    summary: 'Remove a member (chair, secretariat) or leave (yourself)',
    request: { params: dialogueParams.extend({ userId: uuidParam }) },
    status: 204,
  },
  { method: 'post', path: '/api/dialogues/{dialogueId}/invitations', summary: "Create an invitation link (chair, secretariat; a chair's invitation: chair only), mailed when bound to an address", request: { params: dialogueParams, ...body(createInvitationBody) } },
  { method: 'get', path: '/api/dialogues/{dialogueId}/invitations', summary: 'Pending invitations (chair, secretariat)', request: { params: dialogueParams } },
  {
    method: 'delete',
    path: '/api/dialogues/{dialogueId}/invitations/{invitationId}',
    summary: "Revoke an invitation (chair, secretariat; a chair's invitation: chair only)",
    request: { params: dialogueParams.extend({ invitationId: uuidParam }) },
    status: 204,
  },
  {
    method: 'post',
    path: '/api/dialogues/{dialogueId}/invitations/{invitationId}/resend',
    summary: "A fresh link for a pending invitation (chair, secretariat; a chair's invitation: chair only): the old link stops working, the lifetime restarts, mailed again when bound to an address",
    request: { params: dialogueParams.extend({ invitationId: uuidParam }) },
  },
  { method: 'get', path: '/api/invitations/{token}', summary: 'What an invitation link offers', security: [], request: { params: z.object({ token: invitationTokenParam }) } },
  {
    method: 'post',
    path: '/api/invitations/{token}/accept',
    summary:
      'Accept: signed in, or with e-mail and password. With displayName: register; answers 202 {"status":"check_your_mail"} whether or not the address has an account, and joins nothing until the address is verified',
    security: [],
    request: { params: z.object({ token: invitationTokenParam }), ...body(acceptInvitationBody) },
  },
  { method: 'get', path: '/api/dialogues/{dialogueId}/documents', summary: 'Documents of a dialogue', request: { params: dialogueParams }, ok: documentListSchema },
  {
    method: 'post',
    path: '/api/dialogues/{dialogueId}/documents',
    summary: 'Create a document (chair, secretariat)',
    request: { params: dialogueParams, ...body(createDocumentBody) },
    ok: documentSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/dialogues/{dialogueId}/documents/{documentId}',
    summary: 'One document',
    request: { params: dialogueParams.extend({ documentId: uuidParam }) },
    ok: documentSchema,
  },
  {
    method: 'get',
    path: '/api/dialogues/{dialogueId}/documents/{documentId}/text',
    summary: "The document's text as the server holds it now, or as it stood at `at` (`seq:<n>`, a revision id); empty for a document without content; ?format=plain for text/plain. 400 `at` for a position past the end or another document's revision",
    request: { params: dialogueParams.extend({ documentId: uuidParam }), query: documentTextAtQuery },
    ok: textAtSchema,
    plain: true,
  },
  ...commentRoutes(),
  ...amendmentRoutes(),
  ...historyRoutes(),
  ...sessionModeRoutes(),
  {
    method: 'get',
    path: '/api/dialogues/{dialogueId}/audit',
    summary: "Audit trail (chair, secretariat); comment records only for threads the reader may see, by category under the Chatham House Rule",
    request: { params: dialogueParams },
  },
];

/** Comment threads (docs/comments.md). A thread the caller may not see answers 404, as a missing one. */
function commentRoutes(): Route[] {
  const base = '/api/dialogues/{dialogueId}/documents/{documentId}/comments';
  const params = dialogueParams.extend({ documentId: uuidParam });
  const thread = params.extend({ threadId: uuidParam });
  const audiences = Object.entries(audienceDescriptions).map(([name, who]) => `\`${name}\`: ${who}`).join('; ');
  return [
    { method: 'get', path: base, summary: 'The threads the caller may see, oldest first', request: { params }, ok: threadListSchema },
    { method: 'get', path: `${base}/counts`, summary: 'Open and resolved threads by paragraph id, counting only what the caller may see', request: { params }, ok: commentCountsSchema },
    { method: 'get', path: `${base}/{threadId}`, summary: 'One thread (404 when it does not exist or the caller may not see it)', request: { params: thread }, ok: threadEnvelopeSchema },
    {
      method: 'post',
      path: base,
      summary: `Open a thread (chair, secretariat, delegates, civil society). Audiences: ${audiences}. A quote not in the paragraph is a 400 naming \`quote\``,
      request: { params, ...body(createThreadBody) },
      ok: threadEnvelopeSchema,
      status: 201,
    },
    { method: 'post', path: `${base}/{threadId}/replies`, summary: 'Reply (chair, secretariat, delegates, civil society)', request: { params: thread, ...body(commentBodyInput) }, ok: threadEnvelopeSchema, status: 201 },
    { method: 'post', path: `${base}/{threadId}/resolve`, summary: "Resolve (the thread's author, the chair, the secretariat)", request: { params: thread }, ok: threadEnvelopeSchema },
    { method: 'post', path: `${base}/{threadId}/reopen`, summary: "Reopen (the thread's author, the chair, the secretariat)", request: { params: thread }, ok: threadEnvelopeSchema },
    {
      method: 'patch',
      path: `${base}/{threadId}/comments/{commentId}`,
      summary: 'Edit your own comment (the earlier wording is kept for the record)',
      request: { params: thread.extend({ commentId: uuidParam }), ...body(commentBodyInput) },
      ok: threadEnvelopeSchema,
    },
    {
      method: 'delete',
      path: `${base}/{threadId}/comments/{commentId}`,
      summary: 'Delete your own comment: it stays in the thread, shown as deleted',
      request: { params: thread.extend({ commentId: uuidParam }) },
      ok: threadEnvelopeSchema,
    },
  ];
}

/** Amendments and the compilation (docs/amendments.md). */
function amendmentRoutes(): Route[] {
  const document = '/api/dialogues/{dialogueId}/documents/{documentId}';
  const base = `${document}/amendments`;
  const params = dialogueParams.extend({ documentId: uuidParam });
  const one = params.extend({ amendmentId: uuidParam });
  return [
    { method: 'get', path: base, summary: 'The amendments of the document, oldest first, optionally of one paragraph or in one status', request: { params, query: amendmentListQuery }, ok: amendmentListSchema },
    {
      method: 'post',
      path: base,
      summary:
        'Propose an amendment (chair, secretariat, delegates, civil society): replace, insert_after or delete one paragraph or sub-paragraph. A paragraph id not in the document, or text that does not parse, is a 400 naming the field',
      request: { params, ...body(createAmendmentBody) },
      ok: amendmentEnvelopeSchema,
      status: 201,
    },
    { method: 'get', path: `${base}/{amendmentId}`, summary: 'One amendment', request: { params: one }, ok: amendmentEnvelopeSchema },
    {
      method: 'post',
      path: `${base}/{amendmentId}/support`,
      summary: "Support or co-sponsor (a delegation) or endorse (an organization of civil society); one per delegation or organization",
      request: { params: one, ...body(supportBody) },
      ok: amendmentEnvelopeSchema,
    },
    { method: 'delete', path: `${base}/{amendmentId}/support`, summary: "Withdraw the caller's delegation's or organization's support", request: { params: one }, ok: amendmentEnvelopeSchema },
    {
      method: 'post',
      path: `${base}/{amendmentId}/accept`,
      summary:
        'Accept (chair, secretariat): the server writes the change into the live text, as proposed or as a bracketed option sponsored by the supporting delegations. 409 AMENDMENT_CONFLICT with the attempted merge when the paragraph moved on and the proposal no longer applies; accept again with edited `text`. 409 PARAGRAPH_AGREED for an agreed paragraph; 409 AMENDMENT_DECIDED once decided',
      request: { params: one, ...body(acceptAmendmentBody) },
      ok: amendmentEnvelopeSchema,
    },
    { method: 'post', path: `${base}/{amendmentId}/reject`, summary: 'Reject with a reason (chair, secretariat)', request: { params: one, ...body(rejectAmendmentBody) }, ok: amendmentEnvelopeSchema },
    { method: 'post', path: `${base}/{amendmentId}/withdraw`, summary: 'Withdraw (its proposer, while undecided)', request: { params: one }, ok: amendmentEnvelopeSchema },
    {
      method: 'get',
      path: `${document}/compilation`,
      summary: 'The text with every paragraph\'s amendments under it; `format=plain` answers text/plain. Under the Chatham House Rule: categories and counts, never names',
      request: { params, query: compilationQuery },
      ok: compilationSchema,
      plain: true,
    },
  ];
}

/** The history: timeline, revisions, comparisons, restores, progress (docs/history.md). */
function historyRoutes(): Route[] {
  const document = '/api/dialogues/{dialogueId}/documents/{documentId}';
  const params = dialogueParams.extend({ documentId: uuidParam });
  const one = params.extend({ revisionId: uuidParam });
  return [
    {
      method: 'get',
      path: `${document}/history`,
      summary:
        'The timeline, newest first: editing sessions (one author, pauses under 5 minutes), each with the paragraphs it touched by their labels then, and the amendments accepted and revisions named in it. Under the Chatham House Rule: categories only, for every viewer',
      request: { params, query: historyQuery },
      ok: historyPageSchema,
    },
    { method: 'get', path: `${document}/revisions`, summary: 'The named revisions, oldest first', request: { params }, ok: revisionListSchema },
    {
      method: 'post',
      path: `${document}/revisions`,
      summary:
        'Name the text as it is now (chair, secretariat). With `renumber`, pin the text, renumber every box through the server write path (no more bis) and name the result; the answer carries the concordance. 400 `label` when already used in this document',
      request: { params, ...body(createRevisionBody) },
      ok: revisionCreatedSchema,
      status: 201,
    },
    { method: 'get', path: `${document}/revisions/{revisionId}`, summary: 'One revision', request: { params: one }, ok: revisionEnvelopeSchema },
    { method: 'get', path: `${document}/revisions/{revisionId}/text`, summary: "The revision's text, read-only; `format=plain` answers text/plain", request: { params: one, query: textFormatQuery }, ok: textAtSchema, plain: true },
    {
      method: 'get',
      path: `${document}/revisions/{revisionId}/concordance`,
      summary: "A renumbered revision's concordance: every paragraph and sub-paragraph, old label to new; `format=plain` answers text/plain",
      request: { params: one, query: textFormatQuery },
      ok: concordanceSchema,
      plain: true,
    },
    {
      method: 'post',
      path: `${document}/revisions/{revisionId}/restore`,
      summary: 'Restore the revision, whole or one paragraph (chair, secretariat), as a new change on top attributed to the caller; the log is never rewritten',
      request: { params: one, ...body(restoreBody) },
      ok: restoreResultSchema,
    },
    {
      method: 'get',
      path: `${document}/compare`,
      summary:
        'Compare two points (a revision id, `seq:<n>` or `current`): paragraphs aligned by permanent id, reported inserted, deleted, moved, modified (word-level redline), relabelled or with a changed status; brackets, sponsors, alternatives and footnotes named as such',
      request: { params, query: compareQuery },
      ok: comparisonSchema,
    },
    { method: 'get', path: `${document}/progress`, summary: "Each box's open brackets and paragraphs by status, at every named revision and now", request: { params }, ok: progressSchema },
  ];
}

/** Session mode: the paragraph under negotiation now and who has the floor (docs/session-mode.md). */
function sessionModeRoutes(): Route[] {
  const path = '/api/dialogues/{dialogueId}/documents/{documentId}/session-mode';
  const params = dialogueParams.extend({ documentId: uuidParam });
  return [
    { method: 'get', path, summary: 'The room now (every member): the current paragraph and the floor; version 0 when never steered', request: { params }, ok: sessionModeSchema },
    {
      method: 'put',
      path,
      summary:
        'Steer (chair, secretariat): a field given replaces that part, null clears it, an omitted one stays. A paragraph not in the current text, or an affiliation no member speaks for, is a 400 naming the field. Sent live as `session_mode.changed`; never recorded in the history, the audit trail, the exports or the logs',
      request: { params, ...body(steerSessionBody) },
      ok: sessionModeSchema,
    },
    { method: 'delete', path, summary: 'End the session (chair, secretariat): no current paragraph, nobody has the floor', request: { params }, ok: sessionModeSchema },
  ];
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function buildOpenApiDocument(serverUrl: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'accord_session' });
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const { ok, status, plain, ...route } of routes) {
    const success: Record<number, ResponseConfig> =
      status === 204 ? { 204: { description: 'Done' } } : { [status ?? 200]: json(ok ?? z.object({}).loose()) };
    if (plain) success[200]!.content!['text/plain'] = { schema: z.string() };
    registry.registerPath({ ...route, responses: { ...success, ...errors } });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: '0.1.0',
      description: 'Mutating requests from a browser must come from an allowed origin. Every error has a `code`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ cookie: [] }, { bearer: [] }],
  });
}

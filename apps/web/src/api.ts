/**
 * The Accord HTTP API, typed. Browsers authenticate with the HttpOnly session cookie the server
 * sets, so the bearer token in sign-in responses is deliberately ignored and never stored.
 */

import type { AccordApi } from '@accord/client';
import type { AffiliationKind, AttributionMode, CommentAudience, CommentCounts, CreateThreadInput, MemberRole, Thread } from '@accord/contract';

export type { AffiliationKind, AttributionMode, CommentAudience, CommentCounts, CreateThreadInput, Thread };
export type Role = MemberRole;

export interface User {
  id: string;
  email: string;
  displayName: string;
}

export interface Affiliation {
  id: string;
  name: string;
  kind: AffiliationKind;
}

export interface Membership {
  dialogueId: string;
  role: Role;
  affiliation: Affiliation | null;
}

export interface Me {
  user: User;
  memberships: Membership[];
}

export interface SignedIn {
  user: User;
  expiresAt: string;
}

export interface Dialogue {
  id: string;
  title: string;
  description: string;
  attributionMode: AttributionMode;
  createdAt: string;
  myRole: Role;
}

export interface Member {
  userId: string;
  displayName: string;
  /** Present only when the viewer chairs or serves as secretariat. */
  email?: string;
  role: Role;
  affiliation: Affiliation | null;
  joinedAt: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  symbol: string;
  createdAt: string;
}

export interface AffiliationInput {
  name: string;
  kind: AffiliationKind;
}

export interface NewDialogue {
  title: string;
  description?: string;
  attributionMode?: AttributionMode;
}

export interface NewDocument {
  title: string;
  symbol: string;
}

export interface NewInvitation {
  role: Role;
  affiliation?: AffiliationInput;
  email?: string;
}

export interface CreatedInvitation {
  id: string;
  role: Role;
  email: string | null;
  affiliation: Affiliation | null;
  expiresAt: string;
  url: string;
}

export interface InvitationPreview {
  dialogue: { id: string; title: string };
  role: Role;
  affiliation: Affiliation | null;
  email: string | null;
  expiresAt: string;
}

/** Credentials for accepting while signed out; a display name means "create this account". */
export interface InvitationAccount {
  email: string;
  password: string;
  displayName?: string;
}

export interface AcceptedInvitation {
  dialogueId: string;
  signedIn?: SignedIn;
}

/**
 * Registering through an invitation: the account waits for its address to be proven by the mailed
 * link. The same answer whether or not the address already had an account (its owner is mailed).
 */
export interface CheckYourMail {
  status: 'check_your_mail';
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Codes the server sends, plus two of ours for failures that never reached it or had no JSON body. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'CROSS_ORIGIN_REQUEST'
  | 'NOT_A_MEMBER'
  | 'ROLE_FORBIDDEN'
  | 'INVITATION_EMAIL_MISMATCH'
  | 'EMAIL_UNVERIFIED'
  | 'NOT_FOUND'
  | 'INVITATION_INVALID'
  | 'LINK_INVALID'
  | 'EMAIL_TAKEN'
  | 'ALREADY_MEMBER'
  | 'SYMBOL_TAKEN'
  | 'LAST_CHAIR'
  | 'TEXT_UNREADABLE'
  | 'AFFILIATION_MISMATCH'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'DATABASE_UNAVAILABLE'
  | 'NETWORK'
  | 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldIssue[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};

/** Called whenever the server says the session is gone, so the app can show sign-in wherever it is. */
export function setUnauthenticatedListener(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' }, signal };
    if (method !== 'GET') {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      if (body !== undefined) init.body = JSON.stringify(body);
    }
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'Accord could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok && payload !== undefined) return payload as T;
  const error = toApiError(response, payload);
  if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
  throw error;
}

function toApiError(response: Response, payload: unknown): ApiError {
  const body = (payload as { error?: { code?: ErrorCode; message?: string; fields?: FieldIssue[] } } | undefined)?.error;
  if (!body?.code) {
    // A proxy's HTML error page, or a success with no JSON: nothing the app can act on.
    return new ApiError(response.status, 'UNEXPECTED_RESPONSE', `The server answered unexpectedly (HTTP ${response.status}).`);
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    body.code,
    body.message ?? body.code,
    body.fields ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

const segment = encodeURIComponent;

/**
 * The SDK's typed API for what it already covers (comments), its errors made into this app's ApiError
 * so every screen explains them alike. Same origin, so the session cookie goes with it. Loaded on
 * first use: the SDK brings Yjs and socket.io, which the sign-in page must not wait for.
 */
let loadedSdk: Promise<{ accord: AccordApi; SdkError: typeof import('@accord/client').AccordApiError }> | undefined;

async function viaSdk<T>(call: (accord: AccordApi) => Promise<T>): Promise<T> {
  loadedSdk ??= import('@accord/client').then((sdk) => ({
    accord: new sdk.AccordApi({ session: 'cookie', onUnauthenticated: () => onUnauthenticated() }),
    SdkError: sdk.AccordApiError,
  }));
  const { accord, SdkError } = await loadedSdk;
  try {
    return await call(accord);
  } catch (error) {
    if (!(error instanceof SdkError)) throw error;
    throw new ApiError(error.status, error.code as ErrorCode, error.message, [...error.fields], error.retryAfterSeconds);
  }
}

/** Keeps only the part of a sign-in response the app may hold: never the bearer token. */
function withoutToken(signedIn: SignedIn & { token?: string }): SignedIn {
  return { user: signedIn.user, expiresAt: signedIn.expiresAt };
}

export const api = {
  async login(email: string, password: string): Promise<SignedIn> {
    return withoutToken(await request<SignedIn>('POST', '/api/auth/login', { email, password }));
  },
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: (signal?: AbortSignal) => request<Me>('GET', '/api/me', undefined, signal),

  listDialogues: async (signal?: AbortSignal) =>
    (await request<{ dialogues: Dialogue[] }>('GET', '/api/dialogues', undefined, signal)).dialogues,
  createDialogue: (input: NewDialogue) => request<Dialogue>('POST', '/api/dialogues', input),
  getDialogue: (id: string, signal?: AbortSignal) =>
    request<Dialogue>('GET', `/api/dialogues/${segment(id)}`, undefined, signal),

  listMembers: async (dialogueId: string, signal?: AbortSignal) =>
    (await request<{ members: Member[] }>('GET', `/api/dialogues/${segment(dialogueId)}/members`, undefined, signal)).members,

  listDocuments: async (dialogueId: string, signal?: AbortSignal) =>
    (await request<{ documents: DocumentSummary[] }>('GET', `/api/dialogues/${segment(dialogueId)}/documents`, undefined, signal))
      .documents,
  createDocument: (dialogueId: string, input: NewDocument) =>
    request<DocumentSummary>('POST', `/api/dialogues/${segment(dialogueId)}/documents`, input),

  createInvitation: (dialogueId: string, input: NewInvitation) =>
    request<CreatedInvitation>('POST', `/api/dialogues/${segment(dialogueId)}/invitations`, input),
  previewInvitation: (token: string, signal?: AbortSignal) =>
    request<InvitationPreview>('GET', `/api/invitations/${segment(token)}`, undefined, signal),
  async acceptInvitation(token: string, account?: InvitationAccount): Promise<AcceptedInvitation | CheckYourMail> {
    const accepted = await request<AcceptedInvitation | CheckYourMail>('POST', `/api/invitations/${segment(token)}/accept`, account);
    if ('status' in accepted) return accepted;
    return accepted.signedIn ? { dialogueId: accepted.dialogueId, signedIn: withoutToken(accepted.signedIn) } : accepted;
  },

  /** The token comes from a mailed link's fragment; the password is the account's own. */
  async verifyEmail(token: string, password: string): Promise<SignedIn> {
    return withoutToken(await request<SignedIn>('POST', '/api/auth/verify-email', { token, password }));
  },
  requestPasswordReset: (email: string) => request<CheckYourMail>('POST', '/api/auth/password-reset', { email }),
  async resetPassword(token: string, password: string): Promise<SignedIn> {
    return withoutToken(await request<SignedIn>('POST', '/api/auth/password-reset/confirm', { token, password }));
  },
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/auth/password', { currentPassword, newPassword }),

  listThreads: (dialogueId: string, documentId: string, signal?: AbortSignal) =>
    viaSdk((accord) => accord.comments.list(dialogueId, documentId, { signal })),
  createThread: (dialogueId: string, documentId: string, input: CreateThreadInput) => viaSdk((accord) => accord.comments.create(dialogueId, documentId, input)),
  reply: (dialogueId: string, documentId: string, threadId: string, body: string) =>
    viaSdk((accord) => accord.comments.reply(dialogueId, documentId, threadId, body)),
  resolveThread: (dialogueId: string, documentId: string, threadId: string) => viaSdk((accord) => accord.comments.resolve(dialogueId, documentId, threadId)),
  reopenThread: (dialogueId: string, documentId: string, threadId: string) => viaSdk((accord) => accord.comments.reopen(dialogueId, documentId, threadId)),
  editComment: (dialogueId: string, documentId: string, threadId: string, commentId: string, body: string) =>
    viaSdk((accord) => accord.comments.edit(dialogueId, documentId, threadId, commentId, body)),
  deleteComment: (dialogueId: string, documentId: string, threadId: string, commentId: string) =>
    viaSdk((accord) => accord.comments.remove(dialogueId, documentId, threadId, commentId)),
};

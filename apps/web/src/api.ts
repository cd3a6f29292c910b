/**
 * The Accord HTTP API, typed. What the SDK covers (sign-in, dialogues, documents, comments) goes
 * through one AccordApi from `@accord/client/api`, its HTTP half alone, so the sign-in page carries
 * no Yjs or socket.io. Invitations, members, password reset and email verification are not in the
 * SDK yet and go through `request` below, which fails with the same AccordApiError. Browsers
 * authenticate with the HttpOnly session cookie: the bearer token in sign-in answers is never kept.
 */

import { AccordApi, AccordApiError, type AccordApiErrorCode, type Session } from '@accord/client/api';
import type {
  Affiliation,
  AffiliationInput,
  AffiliationKind,
  AttributionMode,
  CommentAudience,
  CommentCounts,
  CreateDialogueInput,
  CreateDocumentInput,
  CreateThreadInput,
  Dialogue,
  DocumentSummary,
  FieldIssue,
  Me,
  MemberRole,
  Membership,
  PublicUser,
  Thread,
} from '@accord/contract';

export { AccordApiError };
export type {
  AccordApiErrorCode,
  Affiliation,
  AffiliationInput,
  AffiliationKind,
  AttributionMode,
  CommentAudience,
  CommentCounts,
  CreateThreadInput,
  Dialogue,
  DocumentSummary,
  FieldIssue,
  Me,
  Membership,
  Thread,
};
export type Role = MemberRole;
export type User = PublicUser;
/** Who signed in and until when; never the token. */
export type SignedIn = Session;
export type NewDialogue = CreateDialogueInput;
export type NewDocument = CreateDocumentInput;

export interface Member {
  userId: string;
  displayName: string;
  /** Present only when the viewer chairs or serves as secretariat. */
  email?: string;
  role: Role;
  affiliation: Affiliation | null;
  joinedAt: string;
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
  /** Whether the link was mailed to `email` (never without one, nor past the server's mail limits). */
  mailed: boolean;
}

/** An invitation not yet taken up, revoked or expired, as the chair and secretariat see it. */
export interface PendingInvitation {
  id: string;
  role: Role;
  /** Only this address may accept; null: anyone holding the link. */
  email: string | null;
  affiliation: Affiliation | null;
  createdAt: string;
  expiresAt: string;
}

/** A member's new role; `affiliation` omitted keeps theirs, null clears it. */
export interface MemberChange {
  role: Role;
  affiliation?: AffiliationInput | null;
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

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};

/** Called whenever the server says the session is gone, so the app can show sign-in wherever it is. */
export function setUnauthenticatedListener(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

/**
 * The page's one AccordApi. Same origin, so the session cookie goes with each call; the listener is
 * read at each 401, so it may be set after this is made.
 */
export const accord = new AccordApi({ session: 'cookie', onUnauthenticated: () => onUnauthenticated() });

/** For the calls the SDK does not have yet; it fails as the SDK does, so every screen explains both alike. */
async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
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
    throw new AccordApiError({ status: 0, code: 'NETWORK', message: `${method} ${path}: the server could not be reached` }, { cause: error });
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok && payload !== undefined) return payload as T;
  const error = toApiError(response, payload);
  if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
  throw error;
}

function toApiError(response: Response, payload: unknown): AccordApiError {
  const body = (payload as { error?: { code?: string; message?: string; fields?: FieldIssue[] } } | undefined)?.error;
  if (!body?.code) {
    // A proxy's HTML error page, or a success with no JSON: nothing the app can act on.
    return new AccordApiError({ status: response.status, code: 'UNEXPECTED_RESPONSE', message: `The server answered HTTP ${response.status} without an Accord error body` });
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new AccordApiError({
    status: response.status,
    code: body.code,
    message: body.message ?? body.code,
    fields: body.fields ?? [],
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}

const segment = encodeURIComponent;

/**
 * Keeps only the part of a sign-in answer the app may hold, never the bearer token: for the answers
 * that still come through `request` (the SDK's signIn already leaves it out).
 */
function withoutToken(signedIn: SignedIn & { token?: string }): SignedIn {
  return { user: signedIn.user, expiresAt: signedIn.expiresAt };
}

export const api = {
  login: (email: string, password: string): Promise<SignedIn> => accord.signIn(email, password),
  logout: () => accord.signOut(),
  me: (signal?: AbortSignal) => accord.me({ signal }),

  listDialogues: (signal?: AbortSignal) => accord.dialogues.list({ signal }),
  createDialogue: (input: NewDialogue) => accord.dialogues.create(input),
  getDialogue: (id: string, signal?: AbortSignal) => accord.dialogues.get(id, { signal }),

  listMembers: async (dialogueId: string, signal?: AbortSignal) =>
    (await request<{ members: Member[] }>('GET', `/api/dialogues/${segment(dialogueId)}/members`, undefined, signal)).members,

  changeMember: (dialogueId: string, userId: string, change: MemberChange) =>
    request<void>('PATCH', `/api/dialogues/${segment(dialogueId)}/members/${segment(userId)}`, change),
  /** Removes a member; your own id leaves the dialogue. */
  removeMember: (dialogueId: string, userId: string) => request<void>('DELETE', `/api/dialogues/${segment(dialogueId)}/members/${segment(userId)}`),

  listDocuments: (dialogueId: string, signal?: AbortSignal) => accord.documents.list(dialogueId, { signal }),
  createDocument: (dialogueId: string, input: NewDocument) => accord.documents.create(dialogueId, input),

  createInvitation: (dialogueId: string, input: NewInvitation) =>
    request<CreatedInvitation>('POST', `/api/dialogues/${segment(dialogueId)}/invitations`, input),
  listInvitations: async (dialogueId: string, signal?: AbortSignal) =>
    (await request<{ invitations: PendingInvitation[] }>('GET', `/api/dialogues/${segment(dialogueId)}/invitations`, undefined, signal)).invitations,
  /** A fresh link: the old one stops working; mailed again when the invitation is bound to an address. */
  resendInvitation: (dialogueId: string, invitationId: string) =>
    request<CreatedInvitation>('POST', `/api/dialogues/${segment(dialogueId)}/invitations/${segment(invitationId)}/resend`),
  revokeInvitation: (dialogueId: string, invitationId: string) =>
    request<void>('DELETE', `/api/dialogues/${segment(dialogueId)}/invitations/${segment(invitationId)}`),
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

  listThreads: (dialogueId: string, documentId: string, signal?: AbortSignal) => accord.comments.list(dialogueId, documentId, { signal }),
  createThread: (dialogueId: string, documentId: string, input: CreateThreadInput) => accord.comments.create(dialogueId, documentId, input),
  reply: (dialogueId: string, documentId: string, threadId: string, body: string) => accord.comments.reply(dialogueId, documentId, threadId, body),
  resolveThread: (dialogueId: string, documentId: string, threadId: string) => accord.comments.resolve(dialogueId, documentId, threadId),
  reopenThread: (dialogueId: string, documentId: string, threadId: string) => accord.comments.reopen(dialogueId, documentId, threadId),
  editComment: (dialogueId: string, documentId: string, threadId: string, commentId: string, body: string) =>
    accord.comments.edit(dialogueId, documentId, threadId, commentId, body),
  deleteComment: (dialogueId: string, documentId: string, threadId: string, commentId: string) =>
    accord.comments.remove(dialogueId, documentId, threadId, commentId),
};

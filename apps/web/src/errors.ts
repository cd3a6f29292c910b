import { AccordApiError, type AccordApiErrorCode } from '@accord/client/api';

/**
 * Sentences for people, by error code. The server's own messages are written for developers
 * (they name internal role ids and actions), so they are only a last resort.
 */
const messages: Partial<Record<AccordApiErrorCode, string>> = {
  INVALID_CREDENTIALS: 'That email address and password do not match an account.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  NOT_A_MEMBER: 'You are not a member of this dialogue. Ask its chair or secretariat for an invitation.',
  ROLE_FORBIDDEN: 'Your role in this dialogue does not allow this.',
  AFFILIATION_MISMATCH: 'That affiliation does not suit the role.',
  NOT_FOUND: 'There is nothing at this address. It may have been removed, or the link may be mistyped.',
  INVITATION_INVALID: 'This invitation link is no longer valid: it has been used, revoked or has expired. Ask for a new one.',
  INVITATION_EMAIL_MISMATCH: 'This invitation was issued to a different email address.',
  EMAIL_UNVERIFIED: 'Confirm your email address first: open the link we mailed to it. We have just sent a new one.',
  LINK_INVALID: 'This link is no longer valid: it has been used, has expired, or a newer one was sent. Ask for a new one.',
  EMAIL_TAKEN: 'An account with this email address already exists. Sign in with its password to accept.',
  ALREADY_MEMBER: 'You are already a member of this dialogue.',
  SYMBOL_TAKEN: 'Another document in this dialogue already has that symbol.',
  CROSS_ORIGIN_REQUEST: 'The request was refused because it did not come from Accord itself. Reload the page and try again.',
  DATABASE_UNAVAILABLE: 'Accord is temporarily unavailable. Please try again in a moment.',
  INTERNAL: 'Something went wrong on the server. Please try again.',
  PAYLOAD_TOO_LARGE: 'That is too much text to send at once.',
  VALIDATION_FAILED: 'Some fields need attention.',
  NETWORK: 'Accord could not be reached. Check your connection and try again.',
};

export function errorMessage(error: unknown): string {
  if (!(error instanceof AccordApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'RATE_LIMITED') return `Too many attempts. Please wait ${waitFor(error.retryAfterSeconds)} and try again.`;
  // A proxy's error page, or an answer the contract does not describe: the SDK's message is for developers.
  if (error.code === 'UNEXPECTED_RESPONSE') return `The server answered unexpectedly (HTTP ${error.status}).`;
  return messages[error.code as AccordApiErrorCode] ?? error.message;
}

/** The server's issue for one form field (or a nested one such as `affiliation.name`), if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof AccordApiError)) return undefined;
  return error.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

function waitFor(seconds: number | undefined): string {
  if (!seconds) return 'a few minutes';
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

export function isApiError(error: unknown, ...codes: AccordApiErrorCode[]): error is AccordApiError {
  return error instanceof AccordApiError && (codes as string[]).includes(error.code);
}

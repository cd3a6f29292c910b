import { type HandleState, isSignedOutError } from './connection';
import { describeBytes } from '../editor/size-guard';

/** Why a handle stopped, in words for the person at the keyboard. */
const errorMessages: Record<string, string> = {
  NOT_FOUND: 'This document no longer exists.',
  NOT_A_MEMBER: 'You are no longer a member of this dialogue.',
  READ_ONLY: 'Your role no longer allows editing. Reopening the text…',
  SESSION_REVOKED: 'Your session has ended. Please sign in again.',
  SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  UPDATE_TOO_LARGE: 'A change was too large to save. Reload the page to continue.',
  MALFORMED_UPDATE: 'A change could not be saved. Reload the page to continue.',
  INVALID_MESSAGE: 'A change could not be saved. Reload the page to continue.',
  TOO_MANY_DOCUMENTS: 'Too many documents are open. Close some and reload this page.',
  CLOSED: 'The document was closed.',
};

/** Why the page could not connect to the text, in words for the person at the keyboard. */
export function connectionErrorMessage(error: unknown): string {
  if (isSignedOutError(error)) return 'Your session has ended. Please sign in again.';
  if ((error as { code?: unknown } | null)?.code === 'TOO_MANY_CONNECTIONS') {
    return 'Accord is open in too many windows or tabs for your account. Close some, then try again.';
  }
  return 'The text could not be reached. Check your connection and try again.';
}

const ruleCodes = new Set(['STATUS_STEWARDS_ONLY', 'PARAGRAPH_AGREED', 'BRACKET_NOT_YOURS', 'OPEN_BRACKETS']);

/** Why the last change was taken out of the text, in words for the person at the keyboard. */
export function refusalMessage(refusal: NonNullable<HandleState['refusal']>): string {
  if (refusal.code === 'UPDATE_TOO_LARGE' && refusal.bytes !== undefined && refusal.limit !== undefined) {
    return `Your last change was not saved: it was about ${describeBytes(refusal.bytes)}, and one change can be at most ${describeBytes(refusal.limit)}. It was taken out of the text; paste it in parts. What you typed elsewhere is kept; words typed inside it went with it.`;
  }
  // The rules of the room: the editor stops these first, but the text may have changed under it (a
  // paragraph agreed a moment before); the server's reason names the paragraph.
  if (ruleCodes.has(refusal.code)) {
    return `Your last change was not saved: ${refusal.message}. It was taken out of the text; what you typed elsewhere is kept.`;
  }
  return 'Your last change could not be saved (the server does not accept it) and was taken out of the text. What you typed elsewhere is kept; words typed inside it went with it.';
}

export function documentErrorMessage(error: HandleState['error']): string {
  if (!error) return 'The document stopped syncing. Reload the page to continue.';
  return errorMessages[error.code] ?? 'The document stopped syncing. Reload the page to continue.';
}

/**
 * The save indicator's words. "Saved" only ever follows the server's durable acknowledgement (the
 * SDK's saved/synced statuses), never a timer: a person closing the page on "Saved" loses nothing.
 */
export function saveStatusText(state: HandleState): string {
  if (state.status === 'error') return documentErrorMessage(state.error);
  // A handle starts out offline until its first open: that is connecting, not an outage.
  if (!state.synced && (state.status === 'offline' || state.status === 'connecting')) return 'Connecting…';
  if (state.readOnly) return state.status === 'offline' || state.status === 'connecting' ? 'Reconnecting…' : 'Read-only';
  switch (state.status) {
    case 'offline':
      return 'Offline — changes kept on this device';
    case 'connecting':
      return 'Reconnecting…';
    case 'saving':
      return state.storageAvailable ? 'Saving…' : 'Saving… (the server cannot store changes right now; they are kept)';
    case 'saved':
    case 'synced':
      return 'Saved';
  }
}

/** The indicator's tone, for its icon and colour (the words carry the meaning). */
export function saveStatusTone(state: HandleState): 'ok' | 'busy' | 'warn' | 'error' | 'neutral' {
  if (state.status === 'error') return 'error';
  if (!state.synced && (state.status === 'offline' || state.status === 'connecting')) return 'busy';
  if (state.readOnly) return 'neutral';
  if (state.status === 'offline') return 'warn';
  if (state.status === 'saving' || state.status === 'connecting') return state.storageAvailable ? 'busy' : 'warn';
  return 'ok';
}

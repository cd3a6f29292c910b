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

const ruleCodes = new Set(['STATUS_STEWARDS_ONLY', 'PARAGRAPH_AGREED', 'BOXES_STEWARDS_ONLY', 'BRACKET_NOT_YOURS', 'OPEN_BRACKETS']);

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

/**
 * "Saving…" is shown only once a save has taken this long. Acknowledgements usually come within a
 * round trip (tens of milliseconds; a few hundred on poor conference Wi-Fi), so showing every one
 * flickers on each keystroke; a person notices a wait from about half a second, and a save still
 * waiting after 600 ms is one worth seeing. Meanwhile the words already shown stay, "Saved" included:
 * the edit just typed is already in this device's copy (marked unsent until acknowledged), so nothing
 * shown as saved can be lost by closing the page or signing out. "Saved" itself only ever follows the
 * SDK's saved/synced status, the server's durable acknowledgement, never this timer.
 */
export const SAVING_SHOWN_AFTER_MS = 600;

/**
 * The live region speaks a state only once it has held this long, so a screen reader is not told
 * "Saving…, Saved" on every keystroke, nor each step of a reconnection.
 */
export const ANNOUNCED_AFTER_MS = 1000;

export interface IndicatorView {
  text: string;
  tone: ReturnType<typeof saveStatusTone>;
}

interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * What the save indicator shows and what its live region announces, as the handle's state changes
 * over time. Every state shows at once except a plain "Saving…", which waits SAVING_SHOWN_AFTER_MS
 * (offline, errors and "Saved" are never held back); the announcement follows what is shown once it
 * has held ANNOUNCED_AFTER_MS.
 */
export class SaveIndicator {
  shown: IndicatorView;
  announced: string;
  private savingTimer: unknown = null;
  private announceTimer: unknown = null;

  constructor(
    initial: HandleState,
    private readonly onChange: () => void,
    private readonly timers: Timers = realTimers,
  ) {
    this.shown = view(initial);
    // A live region's first words are not announced: the page has just shown them.
    this.announced = this.shown.text;
  }

  update(state: HandleState): void {
    const next = view(state);
    if (next.text === this.shown.text && next.tone === this.shown.tone) {
      this.cancelSaving();
      return;
    }
    // Held only over a calm state: after "Offline" or an error, progress shows at once.
    const calm = this.shown.tone === 'ok' || this.shown.tone === 'busy';
    const quietSave = calm && state.status === 'saving' && state.synced && !state.readOnly && state.storageAvailable;
    if (quietSave) {
      // Keep what is shown; say "Saving…" only if the save is still going after a moment.
      this.savingTimer ??= this.timers.setTimeout(() => {
        this.savingTimer = null;
        this.show(next);
      }, SAVING_SHOWN_AFTER_MS);
      return;
    }
    this.cancelSaving();
    this.show(next);
  }

  dispose(): void {
    this.cancelSaving();
    if (this.announceTimer !== null) this.timers.clearTimeout(this.announceTimer);
    this.announceTimer = null;
  }

  private cancelSaving(): void {
    if (this.savingTimer !== null) this.timers.clearTimeout(this.savingTimer);
    this.savingTimer = null;
  }

  private show(next: IndicatorView): void {
    this.shown = next;
    if (this.announceTimer !== null) this.timers.clearTimeout(this.announceTimer);
    this.announceTimer = this.timers.setTimeout(() => {
      this.announceTimer = null;
      if (this.announced === this.shown.text) return;
      this.announced = this.shown.text;
      this.onChange();
    }, ANNOUNCED_AFTER_MS);
    this.onChange();
  }
}

function view(state: HandleState): IndicatorView {
  return { text: saveStatusText(state), tone: saveStatusTone(state) };
}

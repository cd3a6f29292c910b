import { AccordConnectionError, DocumentSyncError, type DocumentStatus } from '@accord/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { HandleState } from '../src/document/connection';
import { ANNOUNCED_AFTER_MS, connectionErrorMessage, refusalMessage, SAVING_SHOWN_AFTER_MS, SaveIndicator, saveStatusText } from '../src/document/save-status';

const state = (status: DocumentStatus, extra: Partial<HandleState> = {}): HandleState => ({
  status,
  doc: new Y.Doc(),
  refusal: null,
  synced: true,
  readOnly: false,
  role: 'delegate',
  storageAvailable: true,
  error: null,
  ...extra,
});

describe('the save indicator says "Saved" only on the server’s durable acknowledgement', () => {
  it('"Saved" for the SDK’s saved and synced statuses, "Saving…" while anything is unacknowledged', () => {
    expect(saveStatusText(state('saved'))).toBe('Saved');
    expect(saveStatusText(state('synced'))).toBe('Saved');
    expect(saveStatusText(state('saving'))).toBe('Saving…');
  });

  it('a lost connection keeps changes on the device; a new connection is reconnecting until it has resynced', () => {
    expect(saveStatusText(state('offline'))).toBe('Offline — changes kept on this device');
    expect(saveStatusText(state('connecting'))).toBe('Reconnecting…');
  });

  it('before the first sync the handle is connecting, even while the SDK still reports offline', () => {
    expect(saveStatusText(state('offline', { synced: false }))).toBe('Connecting…');
    expect(saveStatusText(state('connecting', { synced: false }))).toBe('Connecting…');
  });

  it('readers see "Read-only", never a save state', () => {
    expect(saveStatusText(state('synced', { readOnly: true, role: 'civil_society' }))).toBe('Read-only');
    expect(saveStatusText(state('offline', { readOnly: true }))).toBe('Reconnecting…');
  });

  it('while the server cannot store, saving says that changes are kept', () => {
    expect(saveStatusText(state('saving', { storageAvailable: false }))).toMatch(/^Saving… \(.*kept\)$/);
  });

  it('an error is said in words, by its code', () => {
    expect(saveStatusText(state('error', { error: new DocumentSyncError('NOT_A_MEMBER', 'x') }))).toBe('You are no longer a member of this dialogue.');
    expect(saveStatusText(state('error', { error: new DocumentSyncError('RATE_LIMITED', 'x') }))).toMatch(/stopped syncing/);
    expect(saveStatusText(state('error', { error: new DocumentSyncError('SESSION_EXPIRED', 'x') }))).toBe('Your session has expired. Please sign in again.');
  });

  it('a refused connection says whether to sign in again or to close other windows', () => {
    for (const code of ['UNAUTHENTICATED', 'SESSION_REVOKED', 'SESSION_EXPIRED']) {
      expect(connectionErrorMessage(new AccordConnectionError(code, 'x'))).toBe('Your session has ended. Please sign in again.');
    }
    expect(connectionErrorMessage(new AccordConnectionError('TOO_MANY_CONNECTIONS', 'x'))).toMatch(/too many windows or tabs/);
    expect(connectionErrorMessage(new AccordConnectionError('TIMEOUT', 'x'))).toMatch(/could not be reached/);
  });
});

/** An indicator and what it showed and announced, in order. */
function watch(initial = state('synced')) {
  const shown: string[] = [];
  const announced: string[] = [];
  let lastShown = saveStatusText(initial);
  let lastAnnounced = lastShown;
  const indicator: SaveIndicator = new SaveIndicator(initial, () => {
    if (lastShown !== indicator.shown.text) shown.push((lastShown = indicator.shown.text));
    if (lastAnnounced !== indicator.announced) announced.push((lastAnnounced = indicator.announced));
  });
  return { indicator, shown, announced };
}


describe('the indicator does not flicker, and the live region speaks only settled states', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a save acknowledged within the moment never shows "Saving…": typing shows "Saved" throughout, and nothing is announced', () => {
    const { indicator, shown, announced } = watch();
    for (let key = 0; key < 30; key++) {
      indicator.update(state('saving'));
      vi.advanceTimersByTime(80);
      indicator.update(state('saved'));
      vi.advanceTimersByTime(40);
    }
    vi.advanceTimersByTime(5000);
    expect(indicator.shown.text).toBe('Saved');
    // "Saved" (from synced) to "Saved": the words never changed.
    expect(shown).toEqual([]);
    expect(announced).toEqual([]);
  });

  it('a save still going after the moment shows "Saving…", announced once it has held; "Saved" only on the acknowledgement', () => {
    const { indicator, shown, announced } = watch(state('saved'));
    indicator.update(state('saving'));
    vi.advanceTimersByTime(SAVING_SHOWN_AFTER_MS - 1);
    expect(indicator.shown.text).toBe('Saved');
    vi.advanceTimersByTime(1);
    expect(indicator.shown.text).toBe('Saving…');
    // No timer ever turns it into "Saved".
    vi.advanceTimersByTime(60_000);
    expect(indicator.shown.text).toBe('Saving…');
    expect(announced).toEqual(['Saving…']);
    indicator.update(state('saved'));
    expect(indicator.shown.text).toBe('Saved');
    expect(shown).toEqual(['Saving…', 'Saved']);
    vi.advanceTimersByTime(ANNOUNCED_AFTER_MS);
    expect(announced).toEqual(['Saving…', 'Saved']);
  });

  it('"Offline" shows at once; a state that does not hold for a second is never announced', () => {
    const { indicator, announced } = watch(state('saved'));
    indicator.update(state('offline'));
    expect(indicator.shown.text).toBe('Offline — changes kept on this device');
    vi.advanceTimersByTime(ANNOUNCED_AFTER_MS - 1);
    expect(announced).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(announced).toEqual(['Offline — changes kept on this device']);
    // Reconnecting, then resending, then saved, all within a second: only "Saved" is spoken.
    indicator.update(state('connecting'));
    vi.advanceTimersByTime(300);
    indicator.update(state('saving'));
    // Resending what was typed offline: "Reconnecting…" stays for the moment, as "Saved" would.
    expect(indicator.shown.text).toBe('Reconnecting…');
    vi.advanceTimersByTime(200);
    indicator.update(state('saved'));
    vi.advanceTimersByTime(ANNOUNCED_AFTER_MS);
    expect(announced).toEqual(['Offline — changes kept on this device', 'Saved']);
  });

  it('the server answering again on the same connection: after "Offline", "Saving…" shows at once', () => {
    const { indicator } = watch(state('offline'));
    indicator.update(state('saving'));
    expect(indicator.shown.text).toBe('Saving…');
  });

  it('while the server cannot store, "Saving…" says so at once', () => {
    const { indicator } = watch(state('saved'));
    indicator.update(state('saving', { storageAvailable: false }));
    expect(indicator.shown.text).toMatch(/^Saving… \(/);
  });

  it('disposed, it changes nothing more', () => {
    const { indicator, shown } = watch(state('saved'));
    indicator.update(state('saving'));
    indicator.dispose();
    vi.advanceTimersByTime(5000);
    expect(shown).toEqual([]);
  });
});

describe('refusals by the rules of the room', () => {
  it('a box change by a delegate is explained with the server’s reason', () => {
    const message = refusalMessage({ code: 'BOXES_STEWARDS_ONLY', message: 'Box I: only the chair or the secretariat may change a box title' });
    expect(message).toBe('Your last change was not saved: Box I: only the chair or the secretariat may change a box title. It was taken out of the text; what you typed elsewhere is kept.');
  });
});

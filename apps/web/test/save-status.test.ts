import { AccordConnectionError, DocumentSyncError, type DocumentStatus } from '@accord/client';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HandleState } from '../src/document/connection';
import { connectionErrorMessage, saveStatusText } from '../src/document/save-status';

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

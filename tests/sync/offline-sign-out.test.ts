/**
 * Signing out offline keeps the offline copies that hold edits the server has not acknowledged, and
 * only those: each copy carries a durable mark, set when a local change is made (before the change
 * itself is stored) and cleared when the server has acknowledged every change. fake-indexeddb stands
 * in for the browser's IndexedDB; the server, the sockets and the database are real.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordClient, clearOfflineCopies, unsentOfflineCopies } from '@accord/client';
import { CollabFixture, eventually } from '../../apps/server/test/support/collab.js';
import { startTestServer, type TestServer } from '../../apps/server/test/support/test-server.js';
import { draft, draftOf } from '../../apps/server/test/support/rolling-text.js';

Object.assign(globalThis, { indexedDB, IDBKeyRange });

let t: TestServer;
let f: CollabFixture;

beforeAll(async () => {
  t = await startTestServer();
  f = new CollabFixture(t);
});

afterAll(async () => {
  f?.close();
  await t?.close();
});

const copies = async (owner: string) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith(`accord:${owner}:`));

async function connect(name: 'veloria' | 'arandia'): Promise<AccordClient> {
  const client = await AccordClient.connect({ url: t.url, token: await f.token(name), transports: ['websocket'] });
  f.clients.push(client);
  return client;
}

describe('the unsent mark on an offline copy', () => {
  it('is set by an edit made offline, at once, and cleared once the server has acknowledged it', async () => {
    const documentId = await f.createDocument();
    const client = await connect('veloria');
    const handle = client.open(documentId, { offline: { owner: 'veloria' } });
    await handle.synced;
    expect(await unsentOfflineCopies('veloria')).toEqual([]);

    client.disconnectForTesting();
    await eventually(() => expect(handle.status).toBe('offline'));
    draft(handle.doc).insert(0, 'Offline words. ');
    // No wait for y-indexeddb's schedule: the mark is written in the same turn as the change.
    expect(await unsentOfflineCopies('veloria')).toEqual([`accord:veloria:${documentId}`]);
    handle.close();
    client.close();

    // The next page load sends it; the mark goes once the server has it.
    const again = await connect('veloria');
    const reopened = again.open(documentId, { offline: { owner: 'veloria' } });
    await reopened.synced;
    await reopened.whenSaved();
    expect(await f.storedText(documentId)).toBe('Offline words. ');
    await eventually(async () => expect(await unsentOfflineCopies('veloria')).toEqual([]));
    reopened.close();
  });

  it('is not set by loading a copy that was all saved, even when the server cannot be reached', async () => {
    const documentId = await f.createDocument();
    const client = await connect('veloria');
    const handle = client.open(documentId, { offline: { owner: 'veloria' } });
    await handle.synced;
    draft(handle.doc).insert(0, 'Saved words. ');
    await handle.whenSaved();
    await eventually(async () => expect(await unsentOfflineCopies('veloria')).toEqual([]));
    handle.close();

    // Opened again while offline: the copy loads (its changes count as local until the server has
    // answered), but the copy's own mark says they were sent.
    client.disconnectForTesting();
    const offline = client.open(documentId, { offline: { owner: 'veloria' } });
    await eventually(() => expect(draftOf(offline.doc)).toBe('Saved words. '));
    expect(await unsentOfflineCopies('veloria')).toEqual([]);
    offline.close();
  });

  it('signing out keeps only the copies with unsent edits; the same person gets them saved on the next sign-in', async () => {
    const [sent, unsent] = [await f.createDocument(), await f.createDocument()];
    const client = await connect('arandia');
    const saved = client.open(sent, { offline: { owner: 'arandia' } });
    const pending = client.open(unsent, { offline: { owner: 'arandia' } });
    await Promise.all([saved.synced, pending.synced]);
    draft(saved.doc).insert(0, 'All saved. ');
    await saved.whenSaved();

    client.disconnectForTesting();
    await eventually(() => expect(pending.status).toBe('offline'));
    draft(pending.doc).insert(0, 'Typed before signing out. ');
    // Sign-out: the page closes its documents, then clears what it may.
    client.close();
    expect((await copies('arandia')).toSorted()).toEqual([`accord:arandia:${sent}`, `accord:arandia:${unsent}`].toSorted());
    expect(await clearOfflineCopies('arandia', { keepUnsent: true })).toBe(1);
    await eventually(async () => expect(await copies('arandia')).toEqual([`accord:arandia:${unsent}`]));

    // Another person on this computer never sees it.
    const veloria = await connect('veloria');
    const theirs = veloria.open(unsent, { offline: { owner: 'veloria' } });
    await theirs.synced;
    expect(draftOf(theirs.doc)).toBe('');
    theirs.close();

    // Arandia signs in again and opens the text: the kept edit is sent and saved.
    const back = await connect('arandia');
    const reopened = back.open(unsent, { offline: { owner: 'arandia' } });
    await reopened.synced;
    await reopened.whenSaved();
    expect(await f.storedText(unsent)).toBe('Typed before signing out. ');
    reopened.close();
    // A full clear (no unsent edits left) leaves nothing.
    await eventually(async () => expect(await unsentOfflineCopies('arandia')).toEqual([]));
    await clearOfflineCopies('arandia', { keepUnsent: true });
    await eventually(async () => expect(await copies('arandia')).toEqual([]));
  });
});

/**
 * Offline edits survive a reload: with `offline: { owner }` the SDK keeps the document in IndexedDB
 * (y-indexeddb), one copy per person. Node has no IndexedDB, so fake-indexeddb stands in for the browser's; the server,
 * the sockets and the database are real.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordClient, clearOfflineCopies } from '@accord/client';
import { CollabFixture, eventually } from '../../apps/server/test/support/collab.js';
import { startTestServer, type TestServer } from '../../apps/server/test/support/test-server.js';
import { draft, draftOf } from '../../apps/server/test/support/rolling-text.js';

// What y-indexeddb looks for in a browser.
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

describe('offline persistence in IndexedDB', () => {
  it('keeps edits made offline across a reload and sends them when the connection returns', async () => {
    const documentId = await f.createDocument();
    const token = await f.token('veloria');
    const first = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    const handle = first.open(documentId, { offline: { owner: 'veloria' } });
    await handle.synced;
    draft(handle.doc).insert(0, 'Box IV(1) ');
    await handle.whenSaved();

    // The network goes away; the delegate keeps typing, then closes the tab.
    first.disconnectForTesting();
    await eventually(() => expect(handle.status).toBe('offline'));
    draft(handle.doc).insert(10, '[legal reviews] ');
    await new Promise((resolve) => setTimeout(resolve, 200)); // y-indexeddb writes on its own schedule
    first.close();
    expect(await f.storedText(documentId)).toBe('Box IV(1) ');

    // A new page load: the document comes back from IndexedDB, then syncs with the server.
    const second = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    f.clients.push(second);
    const reloaded = second.open(documentId, { offline: { owner: 'veloria' } });
    await reloaded.synced;
    await reloaded.whenSaved();
    expect(draftOf(reloaded.doc)).toBe('Box IV(1) [legal reviews] ');
    expect(await f.storedText(documentId)).toBe('Box IV(1) [legal reviews] ');
  });

  it("on a shared computer, the next person never sees nor sends the previous one's unsent edits; sign-out clears them", async () => {
    const documentId = await f.createDocument();
    const veloria = await AccordClient.connect({ url: t.url, token: await f.token('veloria'), transports: ['websocket'] });
    const handle = veloria.open(documentId, { offline: { owner: 'veloria' } });
    await handle.synced;
    veloria.disconnectForTesting();
    await eventually(() => expect(handle.status).toBe('offline'));
    draft(handle.doc).insert(0, 'Unsent Veloria draft. ');
    await new Promise((resolve) => setTimeout(resolve, 200));
    veloria.close();

    // Another delegate signs in on the same browser and opens the same text.
    const arandia = await AccordClient.connect({ url: t.url, token: await f.token('arandia'), transports: ['websocket'] });
    f.clients.push(arandia);
    const theirs = arandia.open(documentId, { offline: { owner: 'arandia' } });
    await theirs.synced;
    draft(theirs.doc).insert(0, 'Arandia. ');
    await theirs.whenSaved();
    expect(draftOf(theirs.doc)).toBe('Arandia. ');
    expect(await f.storedText(documentId)).toBe('Arandia. ');

    // Veloria's copy is still there for Veloria until sign-out clears it.
    expect(await clearOfflineCopies('veloria')).toBeGreaterThanOrEqual(1);
    const again = await AccordClient.connect({ url: t.url, token: await f.token('veloria'), transports: ['websocket'] });
    f.clients.push(again);
    const reopened = again.open(documentId, { offline: { owner: 'veloria' } });
    await reopened.synced;
    await reopened.whenSaved();
    expect(draftOf(reopened.doc)).toBe('Arandia. ');
    expect(await f.storedText(documentId)).toBe('Arandia. ');
  });
});

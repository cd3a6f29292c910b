/**
 * Issue 9, fault 8: a change the server will never store (a 1.5 MB paste over the 1 MiB update
 * limit, content it refuses) must not come back later. Before, the SDK stopped with "too large",
 * "Reopen" loaded the offline copy and sent the paste again inside the resync's step 2, which the
 * server stored, and the words typed after the paste were lost.
 *
 * Rules checked, over a real server, real sockets and fake-indexeddb standing in for the browser's:
 * - R1 an over-limit change is refused before it is sent, and taken out of the local document;
 * - R2 words typed after a refusal are saved;
 * - R3 neither a reconnect nor a reopen from the offline copy sends the refused change again;
 * - R4 a refusal settles its seq: whenSaved() promised before the refusal arrives rejects with
 *   its code, and a later whenSaved() resolves once the rest is stored;
 * - R5 the server logs each refusal at warn, at most REFUSALS_LOGGED_PER_MINUTE per connection.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { AccordClient, type ChangeRefusal, type DocumentHandle, wireParser } from '@accord/client';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { REFUSALS_LOGGED_PER_MINUTE } from '../../apps/server/src/collab/refusal-log.js';
import { CollabFixture, eventually } from '../../apps/server/test/support/collab.js';
import { startTestServer, type TestServer } from '../../apps/server/test/support/test-server.js';
import { draft } from '../../apps/server/test/support/rolling-text.js';

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

async function serverText(documentId: string): Promise<string> {
  const response = await t.client(await f.token('chair')).get(`/api/dialogues/${f.dialogueId}/documents/${documentId}/text?format=plain`);
  expect(response.status).toBe(200);
  return response.body as string;
}

async function storedBytes(documentId: string): Promise<number> {
  return (await f.log.readLog(documentId)).reduce((sum, row) => sum + row.update.length, 0);
}

function nextRebuild(handle: DocumentHandle): Promise<Y.Doc> {
  return new Promise((resolve) => {
    const off = handle.onRebuilt((doc) => {
      off();
      resolve(doc);
    });
  });
}

const PASTE = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(27_000); // ~1.5 MB

describe('a change the server will never store', () => {
  it('R1–R4: a 1.5 MB paste is refused before it is sent; the word typed after it is saved; a reopen from the offline copy does not send it', async () => {
    const documentId = await f.createDocument();
    const token = await f.token('arandia');
    const client = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    const handle = client.open(documentId, { offline: { owner: 'arandia' } });
    await handle.synced;
    draft(handle.doc).insert(0, 'States shall ');
    await handle.whenSaved();
    expect(handle.limits?.maxUpdateBytes).toBe(1024 * 1024);
    const before = await serverText(documentId);
    const bytesBefore = await storedBytes(documentId);

    const refusals: ChangeRefusal[] = [];
    handle.onRefused((refusal) => refusals.push(refusal));
    const rebuilt = nextRebuild(handle);
    const pasted = handle.doc;
    draft(pasted).insert(13, PASTE);
    // Refused at once, in the same tick: nothing of it was sent.
    expect(refusals).toEqual([expect.objectContaining({ code: 'UPDATE_TOO_LARGE', limit: 1024 * 1024 })]);
    expect(refusals[0]!.bytes).toBeGreaterThan(1_500_000);

    // The word typed right after the paste, before the rebuilt document is in hand.
    draft(pasted).insert(0, 'All ');
    const doc = await rebuilt;
    expect(handle.doc).toBe(doc);
    // It writes under the document's own id again (the refused clocks were never stored): the cursor's id.
    expect(doc.clientID).toBe(handle.awareness.clientID);
    expect(draft(doc).toString()).toBe('All States shall ');
    draft(doc).insert(17, 'ensure');
    await handle.whenSaved();
    expect(handle.status).toBe('saved');
    expect(await serverText(documentId)).toContain('All States shall ensure');
    await new Promise((resolve) => setTimeout(resolve, 200)); // y-indexeddb writes on its own schedule
    client.close();

    // "Reopen the text": a new page load, the document back from IndexedDB, then a resync.
    const again = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    f.clients.push(again);
    const reopened = again.open(documentId, { offline: { owner: 'arandia' } });
    await reopened.synced;
    await reopened.whenSaved();
    expect(draft(reopened.doc).toString()).toBe('All States shall ensure');
    const after = await serverText(documentId);
    expect(after).not.toContain('Lorem ipsum');
    expect(after.length).toBe(before.length + 'All ensure'.length);
    expect((await storedBytes(documentId)) - bytesBefore).toBeLessThan(1000);
  });

  it('R2–R5: content the server refuses is taken out; what is typed after the refusal is saved; a reconnect does not resend it; the refusal is logged once', async () => {
    const warn = vi.spyOn(f.gateway.refusalLog, 'warn');
    const documentId = await f.createDocument();
    const client = await AccordClient.connect({ url: t.url, token: await f.token('veloria'), transports: ['websocket'] });
    f.clients.push(client);
    const handle = client.open(documentId);
    await handle.synced;
    draft(handle.doc).insert(0, 'Box I ');
    await handle.whenSaved();

    // Seventeen root types: more than any document may hold, refused whole by the server.
    const rebuilt = nextRebuild(handle);
    const refused = new Promise<ChangeRefusal>((resolve) => handle.onRefused(resolve));
    const old = handle.doc;
    old.transact(() => {
      for (let i = 0; i < 17; i++) old.getMap(`extra${i}`).set('x', i);
    });
    const promised = handle.whenSaved();
    const refusal = await refused;
    expect(['MALFORMED_UPDATE', 'CONTENT_REFUSED']).toContain(refusal.code);
    await expect(promised).rejects.toMatchObject({ code: refusal.code });
    draft(old).insert(6, 'kept ');
    const doc = await rebuilt;
    await handle.whenSaved();
    expect(draft(doc).toString()).toBe('Box I kept ');
    expect([...doc.share.keys()]).toEqual([ROLLING_TEXT_FIELD]);
    expect(await serverText(documentId)).toContain('Box I kept');

    // A dropped connection: the resync's step 2 comes from the rebuilt document.
    (client as unknown as { socket: { io: { engine: { close(): void } } } }).socket.io.engine.close();
    await eventually(() => expect(handle.status).toBe('saved'), 10_000);
    draft(handle.doc).insert(0, 'And ');
    await handle.whenSaved();
    expect(await serverText(documentId)).toContain('And Box I kept');
    const state = new Y.Doc();
    Y.applyUpdate(state, f.gateway.engine.stateOf(documentId)!);
    expect([...state.share.keys()]).toEqual([ROLLING_TEXT_FIELD]);

    const logged = warn.mock.calls.filter(([details]) => details.documentId === documentId);
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toMatchObject({ code: refusal.code, documentId, userId: expect.any(String), seq: expect.any(Number) });
    warn.mockRestore();
  });

  it('R5: a connection sending a stream of bad messages is logged at most REFUSALS_LOGGED_PER_MINUTE times', async () => {
    const warn = vi.spyOn(f.gateway.refusalLog, 'warn');
    const documentId = await f.createDocument();
    const socket = io(t.url, { parser: wireParser, transports: ['websocket'], auth: { token: await f.token('arandia') } });
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      let refusals = 0;
      socket.on('refused', () => refusals++);
      for (let i = 0; i < 50; i++) socket.emit('y', documentId, i + 1, new Uint8Array([0, 9, 9]));
      await eventually(() => expect(refusals).toBe(50));
      const mine = warn.mock.calls.filter(([details]) => details.documentId === documentId);
      expect(mine).toHaveLength(REFUSALS_LOGGED_PER_MINUTE);
      expect(mine[0]![0]).toMatchObject({ code: 'DOCUMENT_NOT_OPEN', userId: expect.any(String) });
    } finally {
      socket.close();
      warn.mockRestore();
    }
  });
});

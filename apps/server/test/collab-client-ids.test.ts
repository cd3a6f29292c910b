/**
 * Issue 9, fault 2: writing under another member's Yjs client id. A delegate reads a victim's
 * client id from a broadcast and, while the victim is offline, sends a tiny update under it that
 * inserts (as deleted content) and deletes a million characters at the victim's next clocks. Yjs
 * then drops the victim's offline edits as duplicates, everywhere, while the victim's SDK says saved.
 *
 * Rules checked here, over real sockets against a real server and database:
 * - a client id belongs to the session that first wrote new content with it, across restarts;
 *   another user's new content under it is refused whole with CLIENT_ID_TAKEN;
 * - the same user from another session (signed in again) may continue it, and resend offline edits;
 * - a step 2 is taken without the part under other members' client ids (content it relays, which
 *   its authors send themselves), so the sender's own edits in it are saved;
 * - a client id the document holds content of that nobody owns (the server's initial content) is
 *   nobody's to continue;
 * - deleted content an update creates is bounded by the update's size.
 */
import { AccordClient, type DocumentHandle } from '@accord/client';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabFixture, eventually } from './support/collab.js';
import { RawConnection } from './support/raw-socket.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';
import { draft } from './support/rolling-text.js';

const textOf = (doc: Y.Doc) => draft(doc).toString();

/** Box II(1)'s words, read without writing anything. */
const boxII = (doc: Y.Doc) =>
  (((doc.getXmlFragment(ROLLING_TEXT_FIELD).get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlElement).toArray().join('');

/**
 * The forgery: under `clientId`, at its next clocks as the attacker's copy knows them, `length`
 * characters inserted and deleted in one transaction, so the update carries them as one deleted
 * struct plus a delete range: a few dozen bytes.
 */
function forge(copy: Y.Doc, clientId: number, length: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy));
  // Set after loading: Yjs gives a document a new client id when a remote update writes under its own.
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  const text = draft(doc);
  doc.transact(() => {
    const at = text.length;
    text.insert(at, 'x'.repeat(length));
    text.delete(at, length);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

const connections: RawConnection[] = [];
async function attackerOn(t: TestServer, f: CollabFixture, documentId: string): Promise<{ raw: RawConnection; copy: Y.Doc }> {
  const raw = await RawConnection.connect(t.url, await f.token('veloria'));
  connections.push(raw);
  expect(await raw.open(documentId)).toMatchObject({ ok: true, readOnly: false });
  const copy = raw.follow(documentId);
  await raw.next('y');
  return { raw, copy };
}

async function victimTypes(f: CollabFixture, documentId: string): Promise<{ client: AccordClient; handle: DocumentHandle }> {
  const client = await f.connect('arandia');
  const handle = client.open(documentId);
  await handle.synced;
  draft(handle.doc).insert(0, 'Each State shall retain human judgement.');
  await handle.whenSaved();
  return { client, handle };
}

describe(`Yjs client ids belong to a session (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: TestDatabase;
  let t: TestServer;
  let f: CollabFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestServer({ database });
    f = new CollabFixture(t);
  });

  afterAll(async () => {
    for (const connection of connections) connection.close();
    f?.close();
    await t?.close();
    await database?.close();
  });

  it("refuses another member's update under the victim's client id (CLIENT_ID_TAKEN), so the victim's offline edits survive", async () => {
    const documentId = await f.createDocument();
    const { client, handle } = await victimTypes(f, documentId);
    const { raw, copy } = await attackerOn(t, f, documentId);
    await eventually(() => expect(textOf(copy)).toBe('Each State shall retain human judgement.'));
    // The victim's client id, as the attacker reads it from the broadcast it received.
    const victimId = [...copy.store.clients.keys()].find((id) => id === handle.doc.clientID)!;
    expect(victimId).toBeDefined();

    // The victim's network drops; they keep typing.
    client.disconnectForTesting();
    await eventually(() => expect(handle.status).toBe('offline'));
    const text = draft(handle.doc);
    text.insert(text.length, ' Offline amendment by Arandia.');

    // The attack as reported: a million characters in a few dozen bytes. Refused by both rules.
    const forged = forge(copy, victimId, 1_000_000);
    expect(forged.length).toBeLessThan(64);
    const logBefore = await f.log.countUpdates(documentId);
    raw.y(documentId, 1, encodeUpdate(forged));
    expect(await raw.answer(documentId, 1)).toMatchObject({ refused: expect.stringMatching(/^(CLIENT_ID_TAKEN|MALFORMED_UPDATE)$/) });
    // A thousand are enough to cover the victim's offline sentence, and within the size bound.
    const small = forge(copy, victimId, 1_000);
    raw.y(documentId, 2, encodeUpdate(small));
    expect(await raw.answer(documentId, 2)).toEqual({ refused: 'CLIENT_ID_TAKEN' });
    // As a resync's step 2, the part under another member's client id is left out: nothing is stored.
    raw.y(documentId, 3, encodeStep2(small));
    expect(await raw.answer(documentId, 3)).toEqual({ saved: true });
    expect(await f.log.countUpdates(documentId)).toBe(logBefore);

    // The victim comes back with the same copy of the document: their edits are saved everywhere.
    const back = await f.connect('arandia');
    const reopened = back.open(documentId, { doc: handle.doc });
    await reopened.synced;
    await reopened.whenSaved();
    const expected = 'Each State shall retain human judgement. Offline amendment by Arandia.';
    expect(textOf(reopened.doc)).toBe(expected);
    await eventually(() => expect(textOf(copy)).toBe(expected));
    const stored = new Y.Doc();
    for (const row of await f.log.readLog(documentId)) Y.applyUpdate(stored, row.update);
    expect(textOf(stored)).toBe(expected);
  });

  it('keeps the claim across a restart; the victim, signed in again, resends their offline edits under their old client id', async () => {
    const documentId = await f.createDocument();
    const { client, handle } = await victimTypes(f, documentId);
    client.disconnectForTesting();
    await eventually(() => expect(handle.status).toBe('offline'));
    const text = draft(handle.doc);
    text.insert(text.length, ' Offline amendment by Arandia.');

    // The server restarts over the same database: the claim was stored with the victim's update.
    f.close();
    await t.close();
    t = await startTestServer({ database });
    f = new CollabFixture(t);
    const { raw, copy } = await attackerOn(t, f, documentId);
    await eventually(() => expect(textOf(copy)).toBe('Each State shall retain human judgement.'));
    raw.y(documentId, 1, encodeUpdate(forge(copy, handle.doc.clientID, 1_000)));
    expect(await raw.answer(documentId, 1)).toEqual({ refused: 'CLIENT_ID_TAKEN' });

    // A new session of the same user (f is a new fixture: it signs in again) may continue the id.
    const back = await AccordClient.connect({ url: t.url, token: (await t.login(demo.arandia.email)).token!, transports: ['websocket'] });
    f.clients.push(back);
    const reopened = back.open(documentId, { doc: handle.doc });
    await reopened.synced;
    await reopened.whenSaved();
    const expected = 'Each State shall retain human judgement. Offline amendment by Arandia.';
    await eventually(() => expect(textOf(copy)).toBe(expected));
    const stored = new Y.Doc();
    for (const row of await f.log.readLog(documentId)) Y.applyUpdate(stored, row.update);
    expect(textOf(stored)).toBe(expected);
  });

  it("takes a step 2 without what it relays under another member's client id; that member's own resend saves it", async () => {
    const documentId = await f.createDocument();
    const { client, handle } = await victimTypes(f, documentId);
    client.disconnectForTesting();
    await eventually(() => expect(handle.status).toBe('offline'));
    const victimText = draft(handle.doc);
    const beforeOffline = Y.encodeStateVector(handle.doc);
    victimText.insert(victimText.length, ' Offline amendment by Arandia.');
    const victimsOffline = Y.encodeStateAsUpdate(handle.doc, beforeOffline);

    // Another member holds that content too (as after a crash that lost what the server had shared)
    // and resyncs with a step 2 carrying it along with an edit of their own.
    const { raw, copy } = await attackerOn(t, f, documentId);
    await eventually(() => expect(textOf(copy)).toBe('Each State shall retain human judgement.'));
    const before = Y.encodeStateVector(copy);
    Y.applyUpdate(copy, victimsOffline);
    (((copy.getXmlFragment(ROLLING_TEXT_FIELD).get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Veloria adds this.')]);
    raw.y(documentId, 1, encodeStep2(Y.encodeStateAsUpdate(copy, before)));
    expect(await raw.answer(documentId, 1)).toEqual({ saved: true });
    const stored = () => f.log.readLog(documentId).then((rows) => ((doc) => (rows.forEach((row) => Y.applyUpdate(doc, row.update)), doc))(new Y.Doc()));
    // Their own edit is stored; the victim's words they carried are not, yet.
    expect(boxII(await stored())).toBe('Veloria adds this.');
    expect(textOf(await stored())).toBe('Each State shall retain human judgement.');

    // The victim's own resend stores their words.
    const back = await f.connect('arandia');
    const reopened = back.open(documentId, { doc: handle.doc });
    await reopened.synced;
    await reopened.whenSaved();
    expect(textOf(await stored())).toBe('Each State shall retain human judgement. Offline amendment by Arandia.');
  });

  it("refuses new content under a client id nobody owns: the server's initial content", async () => {
    const documentId = await f.createDocument();
    const { raw, copy } = await attackerOn(t, f, documentId);
    await eventually(() => expect(copy.store.clients.size).toBeGreaterThan(0));
    const [serverClient] = [...copy.store.clients.keys()];
    raw.y(documentId, 1, encodeUpdate(forge(copy, serverClient!, 3)));
    expect(await raw.answer(documentId, 1)).toEqual({ refused: 'CLIENT_ID_TAKEN' });
    expect(await f.log.countUpdates(documentId)).toBe(1);
  });

  it('bounds the deleted content an update creates by its size, even under its own new client id', async () => {
    const documentId = await f.createDocument();
    const { raw, copy } = await attackerOn(t, f, documentId);
    await eventually(() => expect(copy.store.clients.size).toBeGreaterThan(0));
    const own = 0x7ead_beef;
    const minted = forge(copy, own, 1_000_000);
    raw.y(documentId, 1, encodeUpdate(minted));
    expect(await raw.answer(documentId, 1)).toEqual({ refused: 'MALFORMED_UPDATE' });
    expect(await f.log.countUpdates(documentId)).toBe(1);
    // Typing a sentence and deleting it before it was sent is ordinary, and saved.
    raw.y(documentId, 2, encodeUpdate(forge(copy, own, 2_000)));
    expect(await raw.answer(documentId, 2)).toEqual({ saved: true });
  });
});

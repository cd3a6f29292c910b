/**
 * Who may do what over the real-time connection, against a real server: read-only roles, the
 * handshake, dialogue boundaries, logout, and role changes and removals that take effect on
 * documents already open.
 */
import { AccordClient, AccordConnectionError } from '@accord/client';
import { decodeMessage, encodeStep1, encodeStep2, encodeUpdate } from '@accord/sync/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabFixture, type DemoName, eventually } from './support/collab.js';
import { RawConnection, type RawSocketOptions, rawSocket } from './support/raw-socket.js';
import { draft, draftOf } from './support/rolling-text.js';
import { ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const TIMEOUT_MS = 2000;
/** How quickly a logout, role change or removal must reach open documents. */
const PROMPTLY_MS = 1000;

/** The error a refused handshake carries: connect_error's `data`. */
function handshakeError(t: TestServer, options: RawSocketOptions): Promise<{ code: string; message: string }> {
  const socket = rawSocket(t.url, options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the handshake neither failed nor succeeded')), TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.close();
      reject(new Error('the handshake succeeded'));
    });
    socket.once('connect_error', (error: Error & { data?: { code: string; message: string } }) => {
      clearTimeout(timer);
      socket.close();
      resolve(error.data ?? { code: 'NONE', message: error.message });
    });
  });
}

let t: TestServer;
let f: CollabFixture;
let documentId: string;
const raws: RawConnection[] = [];

/** Connects as a demo user, or with a token (null: none, to rely on a cookie header instead). */
async function raw(name: DemoName | string | null, headers?: Record<string, string>): Promise<RawConnection> {
  const token = name !== null && name in demo ? await f.token(name as DemoName) : name;
  const connection = await RawConnection.connect(t.url, token, { headers, timeoutMs: TIMEOUT_MS });
  raws.push(connection);
  return connection;
}

async function userId(name: DemoName): Promise<string> {
  return (await t.client(await f.token(name)).get('/api/me')).body.user.id;
}

/** A valid update against the server's current document: an edit any editor could send. */
function editOf(documentId_: string, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, f.gateway.engine.stateOf(documentId_)!);
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

async function logOf(documentId_: string) {
  const rows = await f.log.readLog(documentId_);
  return { rows: rows.length, bytes: Buffer.concat(rows.map((row) => Buffer.from(row.update))).toString('base64'), text: f.serverText(documentId_) };
}

beforeAll(async () => {
  t = await startTestServer();
  f = new CollabFixture(t);
  documentId = await f.createDocument();
  const chair = await f.open('chair', documentId);
  draft(chair.doc).insert(0, 'Article 1. The High Contracting Parties [shall][should] ensure meaningful human control.');
  await chair.whenSaved();
});

afterAll(async () => {
  for (const connection of raws) connection.close();
  f?.close();
  await t?.close();
});

describe('read-only roles', () => {
  const readers = [
    ['ngo', 'civil_society'],
    ['icrc', 'civil_society'],
    ['observer', 'observer'],
  ] as const;

  it.each(readers)('%s opens and reads live, and every write is refused READ_ONLY with nothing stored', async (name, role) => {
    const reader = await raw(name);
    expect(await reader.open(documentId)).toMatchObject({ ok: true, documentId, readOnly: true, role });
    const copy = reader.follow(documentId);
    const chair = await f.open('chair', documentId);
    await eventually(() => expect(draftOf(copy)).toBe(draftOf(chair.doc)));
    draft(chair.doc).insert(0, `[${name} watching] `);
    await eventually(() => expect(draftOf(copy)).toBe(draftOf(chair.doc)));
    await chair.whenSaved();
    // A read-only seat is never asked for its state (no server step 1).
    const fromServer = reader.received.filter((e) => e.name === 'y').map((e) => decodeMessage(new Uint8Array(e.args[1])).kind);
    expect(fromServer).not.toContain('step1');

    const before = await logOf(documentId);
    const insert = editOf(documentId, (doc) => draft(doc).insert(0, 'Deleted: '));
    const deleteAll = editOf(documentId, (doc) => draft(doc).delete(0, draft(doc).length));
    const format = editOf(documentId, (doc) => draft(doc).format(0, 10, { strong: {} }));
    expect(Y.decodeUpdate(deleteAll).structs).toEqual([]); // the crafted update only deletes
    const attempts: Array<[string, Uint8Array]> = [
      ['an insert as update', encodeUpdate(insert)],
      ['an insert as step 2', encodeStep2(insert)],
      ['a deletion of the whole text as update', encodeUpdate(deleteAll)],
      ['a deletion of the whole text as step 2', encodeStep2(deleteAll)],
      ['a formatting change', encodeUpdate(format)],
      ['an empty update', encodeUpdate(new Uint8Array([0, 0]))],
    ];
    for (const [i, [what, message]] of attempts.entries()) {
      reader.y(documentId, i + 1, message);
      expect(await reader.answer(documentId, i + 1), what).toEqual({ refused: 'READ_ONLY' });
    }
    expect(reader.received.filter((e) => e.name === 'saved')).toEqual([]);
    expect(await logOf(documentId)).toEqual(before);
    expect(draftOf(chair.doc)).toBe(before.text);
  });

  it.each(readers)("%s's SDK handle is read-only, and a local edit turns it to error READ_ONLY", async (name, role) => {
    const before = await logOf(documentId);
    const handle = await f.open(name, documentId);
    expect(handle.readOnly).toBe(true);
    expect(handle.role).toBe(role);
    expect(draftOf(handle.doc)).toBe(before.text);
    draft(handle.doc).insert(0, 'unauthorised ');
    expect(handle.status).toBe('error');
    expect(handle.error?.code).toBe('READ_ONLY');
    await expect(handle.whenSaved()).rejects.toMatchObject({ code: 'READ_ONLY' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await logOf(documentId)).toEqual(before);
  });
});

describe('handshake', () => {
  it('refuses a connection without a token, or with an invalid one, as UNAUTHENTICATED', async () => {
    const valid = await f.token('arandia');
    expect(await handshakeError(t, {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await handshakeError(t, { token: 'garbage' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await handshakeError(t, { token: '' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The right shape and a real session id, but the wrong secret.
    const wrongSecret = valid.slice(0, -1) + (valid.endsWith('a') ? 'b' : 'a');
    expect(await handshakeError(t, { token: wrongSecret })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await handshakeError(t, { headers: { cookie: 'accord_session=garbage' } })).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The same token connects, by auth and by the session cookie.
    (await raw(valid)).close();
    (await raw(null, { cookie: `accord_session=${valid}` })).close();
  });

  it('refuses an Origin that is not allowed as ORIGIN_NOT_ALLOWED, even with a valid session', async () => {
    const token = await f.token('arandia');
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'null', 'http://localhost:3000.evil.example']) {
      expect(await handshakeError(t, { token, headers: { origin } }), origin).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    }
    expect(t.publicOrigin).toBe('http://localhost:3000');
    (await raw(token, { origin: t.publicOrigin })).close();
  });

  it("the SDK's connect rejects with AccordConnectionError carrying the code", async () => {
    const started = Date.now();
    for (const token of [undefined, 'garbage']) {
      const error = await AccordClient.connect({ url: t.url, ...(token ? { token } : {}), transports: ['websocket'] }).then(
        (client) => {
          client.close();
          throw new Error('connected');
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AccordConnectionError);
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    // Refused at once, not after the connection timeout.
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  });
});

describe('dialogue boundaries', () => {
  it('a membership in one dialogue opens nothing in another; unknown and malformed ids are NOT_FOUND', async () => {
    // The observer of the demo dialogue opens a dialogue of its own, where it is chair.
    const observer = t.client(await f.token('observer'));
    const created = await observer.post('/api/dialogues', { title: 'Side event on verification' });
    expect(created.status).toBe(201);
    expect(created.body.myRole).toBe('chair');
    const elsewhere = await observer.post(`/api/dialogues/${created.body.id}/documents`, { title: 'Chair summary', symbol: 'SIDE/2026/1' });
    expect(elsewhere.status).toBe(201);
    const otherDocumentId = elsewhere.body.id as string;

    // The observer writes there and reads here: one user, two roles.
    const owner = await raw('observer');
    expect(await owner.open(otherDocumentId)).toMatchObject({ ok: true, documentId: otherDocumentId, readOnly: false, role: 'chair' });
    expect(await owner.open(documentId)).toMatchObject({ ok: true, documentId, readOnly: true, role: 'observer' });

    for (const name of ['chair', 'arandia', 'ngo'] as const) {
      const outsider = await raw(name);
      expect(await outsider.open(otherDocumentId), name).toEqual({ ok: false, error: { code: 'NOT_A_MEMBER', message: expect.any(String) } });
      // Nothing reaches a document that was not opened.
      outsider.y(otherDocumentId, 1, encodeUpdate(editOf(otherDocumentId, (doc) => draft(doc).insert(0, 'x'))));
      expect(await outsider.answer(otherDocumentId, 1)).toEqual({ refused: 'DOCUMENT_NOT_OPEN' });
    }
    const sdk = (await f.connect('arandia')).open(otherDocumentId);
    await eventually(() => expect(sdk.error?.code).toBe('NOT_A_MEMBER'));
    expect(sdk.status).toBe('error');

    const member = await raw('arandia');
    for (const id of ['00000000-0000-4000-8000-000000000000', crypto.randomUUID(), 'not-a-uuid', `${documentId}x`, documentId.toUpperCase().replace(/-/g, '')]) {
      expect(await member.open(id), id).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
    // Only the content the server wrote when the document was created.
    expect((await f.log.readLog(otherDocumentId)).map((row) => row.seq)).toEqual([1]);
  });
});

describe('logout', () => {
  it("closes that session's connections within a second, and only that session's", async () => {
    const email = demo.veloria.email;
    const session1 = (await t.login(email)).token!;
    const session2 = (await t.login(email)).token!;
    const first = await raw(session1);
    const second = await raw(session2);
    expect((await first.open(documentId)).ok).toBe(true);
    expect((await second.open(documentId)).ok).toBe(true);
    const sdk = await AccordClient.connect({ url: t.url, token: session1, transports: ['websocket'] });
    f.clients.push(sdk);
    const handle = sdk.open(documentId);
    await handle.synced;

    const started = Date.now();
    expect((await new ApiClient(t.url, session1).post('/api/auth/logout')).status).toBe(204);
    const fatal = await first.next('fatal');
    const gone = await first.next('disconnect');
    expect(fatal.args[0]).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(gone.args[0]).toBe('io server disconnect');
    expect(gone.at - started).toBeLessThan(PROMPTLY_MS);
    await eventually(() => {
      expect(handle.status).toBe('error');
      expect(handle.error?.code).toBe('SESSION_REVOKED');
      expect(sdk.connected).toBe(false);
    }, PROMPTLY_MS - (Date.now() - started));

    // The other session of the same user is untouched and still writes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(second.socket.connected).toBe(true);
    expect(second.received.map((e) => e.name)).not.toContain('fatal');
    second.y(documentId, 1, encodeUpdate(editOf(documentId, (doc) => draft(doc).insert(0, 'Still here. '))));
    expect(await second.answer(documentId, 1)).toEqual({ saved: true });
    expect(await f.storedText(documentId)).toMatch(/^Still here\. /);

    // The revoked token cannot come back.
    expect(await handshakeError(t, { token: session1 })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('membership changes on open documents', () => {
  it('a role change takes effect within a second, and changing back re-enables writing', async () => {
    const veloria = await userId('veloria');
    const chair = t.client(await f.token('chair'));
    const members = `/api/dialogues/${f.dialogueId}/members/${veloria}`;
    const seat = await raw('veloria');
    expect(await seat.open(documentId)).toMatchObject({ ok: true, readOnly: false, role: 'delegate' });
    const handle = await f.open('veloria', documentId);
    expect(handle.readOnly).toBe(false);
    // The SDK tells its page at once, so an editor can turn read-only before the next keystroke.
    const noticed: Array<{ readOnly: boolean; role: string | null }> = [];
    handle.onAccess((h) => noticed.push({ readOnly: h.readOnly, role: h.role }));

    let started = Date.now();
    expect((await chair.patch(members, { role: 'observer' })).status).toBe(204);
    const demoted = await seat.next('access');
    expect(demoted.args).toEqual([documentId, { readOnly: true, role: 'observer' }]);
    expect(demoted.at - started).toBeLessThan(PROMPTLY_MS);
    await eventually(() => expect(handle.readOnly).toBe(true), PROMPTLY_MS);
    expect(handle.role).toBe('observer');
    expect(noticed).toEqual([{ readOnly: true, role: 'observer' }]);

    const before = await logOf(documentId);
    seat.y(documentId, 1, encodeUpdate(editOf(documentId, (doc) => draft(doc).insert(0, 'Observer edit. '))));
    expect(await seat.answer(documentId, 1)).toEqual({ refused: 'READ_ONLY' });
    seat.y(documentId, 2, encodeStep2(editOf(documentId, (doc) => draft(doc).delete(0, 5))));
    expect(await seat.answer(documentId, 2)).toEqual({ refused: 'READ_ONLY' });
    draft(handle.doc).insert(0, 'Observer edit through the SDK. ');
    expect(handle.error?.code).toBe('READ_ONLY');
    expect(await logOf(documentId)).toEqual(before);

    const fromIndex = seat.received.length;
    started = Date.now();
    const back = await chair.patch(members, { role: 'delegate', affiliation: { name: demo.veloria.affiliation.name, kind: 'government' } });
    expect(back.status).toBe(204);
    const promoted = await seat.next('access', () => true, fromIndex);
    expect(promoted.args).toEqual([documentId, { readOnly: false, role: 'delegate' }]);
    expect(promoted.at - started).toBeLessThan(PROMPTLY_MS);
    seat.y(documentId, 3, encodeUpdate(editOf(documentId, (doc) => draft(doc).insert(0, 'Delegate again. '))));
    expect(await seat.answer(documentId, 3)).toEqual({ saved: true });
    expect(await f.storedText(documentId)).toMatch(/^Delegate again\. /);
    // A new connection gets the restored role too.
    expect(await (await raw('veloria')).open(documentId)).toMatchObject({ ok: true, readOnly: false, role: 'delegate' });
  });

  it('removal closes the document with NOT_A_MEMBER within a second, and it cannot be reopened', async () => {
    const icrc = await userId('icrc');
    const seat = await raw('icrc');
    expect((await seat.open(documentId)).ok).toBe(true);
    const handle = await f.open('icrc', documentId);

    const started = Date.now();
    expect((await t.client(await f.token('chair')).delete(`/api/dialogues/${f.dialogueId}/members/${icrc}`)).status).toBe(204);
    const closed = await seat.next('closed');
    expect(closed.args).toEqual([documentId, { code: 'NOT_A_MEMBER', message: expect.any(String) }]);
    expect(closed.at - started).toBeLessThan(PROMPTLY_MS);
    await eventually(() => expect(handle.error?.code).toBe('NOT_A_MEMBER'), PROMPTLY_MS);

    // The connection stays, the document does not: nothing more arrives from it, nothing is accepted.
    expect(seat.socket.connected).toBe(true);
    seat.y(documentId, 0, encodeStep1(new Uint8Array([0])));
    expect(await seat.answer(documentId, 0)).toEqual({ refused: 'DOCUMENT_NOT_OPEN' });
    expect(await seat.open(documentId)).toEqual({ ok: false, error: { code: 'NOT_A_MEMBER', message: expect.any(String) } });
    const seen = seat.received.length;
    const chair = await f.open('chair', documentId);
    draft(chair.doc).insert(0, 'After the removal. ');
    await chair.whenSaved();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seat.received.slice(seen).filter((e) => e.name === 'y')).toEqual([]);
  });
});

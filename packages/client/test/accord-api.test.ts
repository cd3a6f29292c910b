/**
 * AccordApi against a real server over real HTTP: sign-in and sessions, dialogues and documents,
 * and errors as the server sends them (code, fields, Retry-After). Comments are in
 * accord-api-comments.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordApi, AccordApiError } from '../src/index.js';
import { demo, startTestServer, type TestServer } from '../../../apps/server/test/support/test-server.js';

const PASSWORD = 'accord-demo';

let t: TestServer;
let demoDialogueId: string;

beforeAll(async () => {
  t = await startTestServer();
  demoDialogueId = (await signedIn('chair').then((api) => api.dialogues.list()))[0]!.id;
});

afterAll(async () => {
  await t?.close();
});

const signedIn = (name: keyof typeof demo): Promise<AccordApi> => t.api(demo[name].email);

/** The AccordApiError a call rejects with (fails the test when it resolves or throws anything else). */
async function failure(call: Promise<unknown>): Promise<AccordApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AccordApiError)) throw new Error(`expected an AccordApiError, got ${String(error)}`);
  return error;
}

describe('sign-in and the session', () => {
  it('signs in, keeps the token for later calls (and for AccordClient.connect), and never returns it', async () => {
    const api = new AccordApi({ baseUrl: t.url });
    expect(api.token).toBeUndefined();
    const session = await api.signIn(demo.arandia.email, PASSWORD);
    expect(session.user).toMatchObject({ email: demo.arandia.email, displayName: demo.arandia.displayName });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
    expect(session).not.toHaveProperty('token');
    expect(api.token).toMatch(/\S{20,}/);

    const me = await api.me();
    expect(me.user.id).toBe(session.user.id);
    expect(me.memberships).toEqual([{ dialogueId: demoDialogueId, role: 'delegate', affiliation: expect.objectContaining({ kind: 'government' }) }]);
  });

  it('a token from elsewhere works as given; signing out ends the session on the server', async () => {
    const first = await signedIn('veloria');
    const second = new AccordApi({ baseUrl: t.url, token: first.token! });
    expect((await second.me()).user.email).toBe(demo.veloria.email);

    await first.signOut();
    expect(first.token).toBeUndefined();
    const ended = await failure(second.me());
    expect([ended.status, ended.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('a wrong password is 401 INVALID_CREDENTIALS; a call without a session is 401 UNAUTHENTICATED and calls onUnauthenticated', async () => {
    const unauthenticated: string[] = [];
    const api = new AccordApi({ baseUrl: t.url, onUnauthenticated: () => unauthenticated.push('called') });
    const wrong = await failure(api.signIn(demo.chair.email, 'not the password'));
    expect([wrong.status, wrong.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(api.token).toBeUndefined();
    // A failed sign-in is not a session that ended.
    expect(unauthenticated).toEqual([]);

    const none = await failure(api.dialogues.list());
    expect([none.status, none.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(unauthenticated).toEqual(['called']);
    await signedIn('chair'); // clears the account's failure count
  });

  it('repeated failures are 429 RATE_LIMITED with retryAfterSeconds from Retry-After', async () => {
    const api = new AccordApi({ baseUrl: t.url });
    let limited = await failure(api.signIn(demo.observer.email, 'wrong-0'));
    for (let i = 1; i < 20 && limited.code === 'INVALID_CREDENTIALS'; i++) limited = await failure(api.signIn(demo.observer.email, `wrong-${i}`));
    expect([limited.status, limited.code]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('in cookie mode the session is the cookie: the token is neither kept nor sent', async () => {
    // A browser's cookie jar in front of the real fetch.
    let cookie = '';
    const sentAuthorization: string[] = [];
    const browserFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has('authorization')) sentAuthorization.push(headers.get('authorization')!);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(input, { ...init, headers });
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      return response;
    };
    const api = new AccordApi({ baseUrl: t.url, session: 'cookie', fetch: browserFetch });
    await api.signIn(demo.secretariat.email, PASSWORD);
    expect(api.token).toBeUndefined();
    expect(cookie).toMatch(/^accord_session=.+/);
    expect((await api.me()).user.email).toBe(demo.secretariat.email);
    expect(sentAuthorization).toEqual([]);
  });
});

describe('dialogues and documents', () => {
  it('round trip: a new dialogue, its document and the text the server holds, each parsed by the contract', async () => {
    const api = await signedIn('arandia');
    const dialogue = await api.dialogues.create({
      title: '  Autonomous systems, informal consultations  ',
      attributionMode: 'attributed',
      affiliation: { name: 'Republic of Arandia', kind: 'government' },
    });
    expect(dialogue).toMatchObject({ title: 'Autonomous systems, informal consultations', description: '', attributionMode: 'attributed', myRole: 'chair' });
    expect(await api.dialogues.get(dialogue.id)).toEqual(dialogue);
    expect(await api.dialogues.list()).toContainEqual(dialogue);

    const document = await api.documents.create(dialogue.id, { title: 'Rolling text', symbol: 'T15/AWS/2026/1' });
    expect(document).toMatchObject({ dialogueId: dialogue.id, title: 'Rolling text', symbol: 'T15/AWS/2026/1' });
    expect(await api.documents.get(dialogue.id, document.id)).toEqual(document);
    expect(await api.documents.list(dialogue.id)).toEqual([document]);

    const text = await api.documents.text(dialogue.id, document.id);
    expect(text.documentId).toBe(document.id);
    // The server writes the template's five boxes as the document's first state.
    expect(text.text).toMatch(/^Box I\b/m);
    expect(text.text).toMatch(/^Box V\b/m);
    expect(text.content).toMatchObject({ type: 'doc' });
  });

  it('400 names each field; 403 says why; 404 for what is not there', async () => {
    const chair = await signedIn('chair');
    const invalid = await failure(chair.documents.create(demoDialogueId, { title: '', symbol: 'no <html> here' }));
    expect([invalid.status, invalid.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(invalid.fields.map((f) => f.field).toSorted()).toEqual(['symbol', 'title']);
    expect(invalid.fieldMessage('symbol')).toMatch(/letters, digits/);

    const taken = await failure(chair.documents.create(demoDialogueId, { title: 'Again', symbol: (await chair.documents.list(demoDialogueId))[0]!.symbol }));
    expect([taken.status, taken.code, taken.fields.map((f) => f.field)]).toEqual([409, 'SYMBOL_TAKEN', ['symbol']]);

    const civilSociety = await failure((await signedIn('icrc')).documents.create(demoDialogueId, { title: 'Mine', symbol: 'ICRC/1' }));
    expect([civilSociety.status, civilSociety.code]).toEqual([403, 'ROLE_FORBIDDEN']);

    const outsider = new AccordApi({ baseUrl: t.url });
    await outsider.signIn(demo.ngo.email, PASSWORD);
    const mine = await outsider.dialogues.create({ title: 'Not the demo' });
    const notMember = await failure(chair.dialogues.get(mine.id));
    expect([notMember.status, notMember.code]).toEqual([403, 'NOT_A_MEMBER']);

    const missing = await failure(chair.documents.get(demoDialogueId, randomUUID()));
    expect([missing.status, missing.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('ids are path segments, encoded: a crafted id is refused as that parameter and never reaches another route', async () => {
    const chair = await signedIn('chair');
    const crafted = await failure(chair.documents.get(demoDialogueId, '../../../me'));
    expect([crafted.status, crafted.code, crafted.fields.map((f) => f.field)]).toEqual([400, 'VALIDATION_FAILED', ['documentId']]);
  });
});

describe('what the SDK reports itself', () => {
  it('an answer the contract does not describe is UNEXPECTED_RESPONSE naming the field, not a half-typed object', async () => {
    const api = new AccordApi({ baseUrl: t.url, fetch: driftedFetch });
    await api.signIn(demo.chair.email, PASSWORD);
    const error = await failure(api.dialogues.list());
    expect([error.status, error.code]).toEqual([200, 'UNEXPECTED_RESPONSE']);
    expect(error.message).toMatch(/dialogues\.0\.myRole/);
  });

  it('a server that cannot be reached is status 0, NETWORK', async () => {
    const port = await closedPort();
    const error = await failure(new AccordApi({ baseUrl: `http://127.0.0.1:${port}` }).signIn(demo.chair.email, PASSWORD));
    expect([error.status, error.code]).toEqual([0, 'NETWORK']);
  });

  it('an aborted call rejects with the abort, not an AccordApiError', async () => {
    const api = await signedIn('chair');
    const controller = new AbortController();
    controller.abort();
    await expect(api.dialogues.list({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** A server that drifted from the contract: the real answer with `myRole` spelled the old way. */
async function driftedFetch(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const text = (await response.text()).replaceAll('"myRole"', '"role"');
  return new Response(text, { status: response.status, headers: response.headers });
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

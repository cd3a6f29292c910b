/**
 * Issue 9, fault 7: addresses are proven by mail before they sign in or take up an invitation bound
 * to them; a squatted address is recovered by a mailed reset link; password reset and change end
 * every other session and its sockets; no endpoint tells whether an address has an account.
 * Mail goes over real SMTP to a server started here (smtp-server), parsed with mailparser.
 */
import { networkInterfaces } from 'node:os';
import { AccordClient, type DocumentHandle } from '@accord/client';
import { authTokens, users } from '@accord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { isLoopback } from '../src/mail/dev-outbox.controller.js';
import { describeStart } from '../src/server.js';
import { eventually } from './support/eventually.js';
import { ManualClock } from './support/manual-clock.js';
import { linkToken, TestSmtpServer } from './support/smtp.js';
import { type ApiClient, type ApiResponse, demo, startTestServer, type TestServer } from './support/test-server.js';

const DEMO_PASSWORD = 'accord-demo';

const openInvitation = async (by: ApiClient, inDialogue: string, body: object = { role: 'observer' }) =>
  (await by.post(`/api/dialogues/${inDialogue}/invitations`, body)).body.token as string;

/** The same status, body and cookie: nothing to tell the two cases apart. */
function same(a: ApiResponse, b: ApiResponse): void {
  expect([a.status, a.body, a.headers.get('set-cookie')]).toEqual([b.status, b.body, b.headers.get('set-cookie')]);
}

/** The SDK saw its session revoked: the document failed with SESSION_REVOKED and the socket is closed. */
async function expectRevoked(socket: { client: AccordClient; handle: DocumentHandle }): Promise<void> {
  await eventually(() => {
    expect(socket.handle.status).toBe('error');
    expect(socket.handle.error?.code).toBe('SESSION_REVOKED');
    expect(socket.client.connected).toBe(false);
  }, 2000);
}

describe('addresses proven by mail, over SMTP', () => {
  const clock = new ManualClock();
  let smtp: TestSmtpServer;
  let t: TestServer;
  let chair: ApiClient;
  let dialogueId: string;
  let documentId: string;
  const sdks: AccordClient[] = [];

  const accept = (token: string, body?: object, as?: ApiClient) => (as ?? t.client()).post(`/api/invitations/${token}/accept`, body);
  const signIn = (email: string, password: string) => t.client().post('/api/auth/login', { email, password });

  /** An SDK connection with a document open, as an editor in a browser would hold it. */
  async function editing(token: string, document: string): Promise<{ client: AccordClient; handle: DocumentHandle }> {
    const client = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    sdks.push(client);
    const handle = client.open(document);
    await handle.synced;
    return { client, handle };
  }

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestServer({
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Accord <accord@accord.example>',
        EMAIL_VERIFICATION_TTL: '2h',
        MAIL_MAX_PER_CLIENT: '1000',
        MAIL_MAX_PER_ADDRESS: '1000',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
      },
    });
    chair = await t.login(demo.chair.email);
    dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    documentId = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents[0].id;
  });
  afterAll(async () => {
    for (const sdk of sdks) sdk.close();
    await t?.close();
    await smtp?.close();
  });

  it('fault 7: Mallory cannot squat an address; its owner gets in by a mailed reset link, which ends the squatter’s sessions and sockets', async () => {
    const ambassador = 'ambassador@mfa.arandia.example';
    const malloryPassword = 'mallory knows this one';
    // Mallory (any signed-in user may create a dialogue) invites "the ambassador" to her own dialogue.
    const mallory = await t.login(demo.observer.email);
    const own = (await mallory.post('/api/dialogues', { title: 'Informal consultations' })).body.id as string;
    const squat = await accept(await openInvitation(mallory, own), { email: ambassador, password: malloryPassword, displayName: 'H.E. the Ambassador' });
    expect([squat.status, squat.body]).toEqual([202, { status: 'check_your_mail' }]);
    expect(squat.headers.get('set-cookie')).toBeNull();

    // The link goes to the real mailbox, not to Mallory; without it the account cannot sign in.
    const verifyMail = await smtp.next(ambassador, /Confirm your address/);
    expect(verifyMail.from).toBe('accord@accord.example');
    expect((await signIn(ambassador, malloryPassword)).body.error.code).toBe('EMAIL_UNVERIFIED');
    const [row] = await t.db.select().from(users).where(eq(users.email, ambassador));
    expect(row!.emailVerifiedAt).toBeNull();
    // Nor can Mallory use the link without the mailbox, and the owner cannot use it without the password.
    expect((await t.client().post('/api/auth/verify-email', { token: linkToken(verifyMail, '/verify-email'), password: 'the owner guesses' })).status).toBe(401);

    // A squat from before this release, when the migration counted every address as verified: Mallory
    // is signed in as the ambassador and editing in her own dialogue.
    await t.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.email, ambassador));
    const squatter = t.client((await signIn(ambassador, malloryPassword)).body.token);
    expect((await accept(await openInvitation(mallory, own), undefined, squatter)).status).toBe(200);
    const squatDocument = (await mallory.post(`/api/dialogues/${own}/documents`, { title: 'Notes', symbol: 'MAL/1' })).body.id as string;
    const squatterSocket = await editing(squatter.token!, squatDocument);
    const squatter2 = t.client((await signIn(ambassador, malloryPassword)).body.token);

    // The chair invites the real ambassador, bound to the address.
    const bound = await openInvitation(chair, dialogueId, { role: 'delegate', email: ambassador, affiliation: { name: 'Republic of Arandia', kind: 'government' } });
    // The owner tries to register: the same answer as any registration, and a way in by mail.
    const attempt = await accept(bound, { email: ambassador, password: 'the owner’s own passphrase', displayName: 'Amb. Ines Aranda' });
    expect([attempt.status, attempt.body]).toEqual([202, { status: 'check_your_mail' }]);
    const exists = await smtp.next(ambassador, /tried to create an Accord account/);
    // The owner may also ask from the sign-in page; either mailed link works, once.
    expect((await t.client().post('/api/auth/password-reset', { email: ambassador })).status).toBe(202);
    const resetMail = await smtp.next(ambassador, /Set a new Accord password/);
    expect(resetMail.html).toContain('/reset-password#token=');

    const reset = await t.client().post('/api/auth/password-reset/confirm', { token: linkToken(resetMail, '/reset-password'), password: 'the owner’s own passphrase' });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('set-cookie')).toMatch(/^accord_session=/);
    // Every session Mallory held ends, and her open editor is disconnected.
    await expectRevoked(squatterSocket);
    expect((await squatter.get('/api/me')).status).toBe(401);
    expect((await squatter2.get('/api/me')).status).toBe(401);
    expect((await signIn(ambassador, malloryPassword)).status).toBe(401);
    // The other link mailed before the reset is spent with it.
    expect((await t.client().post('/api/auth/password-reset/confirm', { token: linkToken(exists, '/reset-password'), password: 'mallory again, 12345' })).body.error.code).toBe('LINK_INVALID');

    // The owner is in, and takes up the invitation bound to the address.
    const owner = t.client(reset.body.token);
    const joined = await accept(bound, undefined, owner);
    expect([joined.status, joined.body.dialogueId]).toEqual([200, dialogueId]);
    expect((await signIn(ambassador, 'the owner’s own passphrase')).status).toBe(200);
    const audit = (await t.db.query.auditEvents.findMany()).filter((e) => e.actorId === reset.body.user.id).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset']));
  });

  it('verification: a new account follows the mailed link with its password, is signed in, then joins', async () => {
    const email = 'lena.park@sundara.example';
    const invitation = await openInvitation(chair, dialogueId, { role: 'delegate', affiliation: { name: 'Republic of Sundara', kind: 'government' } });
    const registered = await accept(invitation, { email: 'Lena.Park@Sundara.example', password: 'a long passphrase', displayName: 'Lena Park' });
    expect([registered.status, registered.body]).toEqual([202, { status: 'check_your_mail' }]);
    // Nothing joined yet, and no session.
    expect((await t.client().get(`/api/invitations/${invitation}`)).status).toBe(200);

    const mail = await smtp.next(email, /Confirm your address/);
    expect(mail.text).toContain('Hello Lena Park');
    const token = linkToken(mail, '/verify-email');
    // Stored as a hash only.
    const rows = await t.db.select().from(authTokens);
    expect(JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))).not.toContain(token.split('.')[1]);

    // The right password for an unverified address: told so (not enumeration: the password was right),
    // with a fresh link at most once per interval however often it is tried.
    for (let i = 0; i < 3; i++) {
      const refused = await signIn(email, 'a long passphrase');
      expect([refused.status, refused.body.error.code]).toEqual([403, 'EMAIL_UNVERIFIED']);
    }
    await smtp.next(email, /Confirm your address/, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(email).filter((m) => /Confirm/.test(m.subject))).toHaveLength(2);

    const wrong = await t.client().post('/api/auth/verify-email', { token, password: 'not the passphrase' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const verified = await t.client().post('/api/auth/verify-email', { token, password: 'a long passphrase' });
    expect(verified.status).toBe(200);
    expect(verified.body.user.email).toBe(email);
    expect(verified.headers.get('set-cookie')).toMatch(/^accord_session=/);
    expect((await t.client().post('/api/auth/verify-email', { token, password: 'a long passphrase' })).body.error.code).toBe('LINK_INVALID');

    const lena = t.client(verified.body.token);
    expect((await accept(invitation, undefined, lena)).status).toBe(200);
    expect((await lena.get('/api/me')).body.memberships).toEqual([expect.objectContaining({ dialogueId, role: 'delegate' })]);
    expect((await signIn(email, 'a long passphrase')).status).toBe(200);
    const audit = await t.db.query.auditEvents.findMany();
    expect(audit.filter((e) => e.actorId === verified.body.user.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.registered', 'user.email_verified', 'auth.login', 'invitation.accepted']),
    );
  });

  it('a verification link expires, and a refused sign-in brings a new one', async () => {
    const email = 'late.verifier@accord.example';
    await accept(await openInvitation(chair, dialogueId), { email, password: 'late but sure', displayName: 'Late Verifier' });
    const first = linkToken(await smtp.next(email, /Confirm your address/), '/verify-email');
    clock.advance(2 * 3_600_000 + 1000);
    expect((await t.client().post('/api/auth/verify-email', { token: first, password: 'late but sure' })).body.error.code).toBe('LINK_INVALID');
    expect((await signIn(email, 'late but sure')).body.error.code).toBe('EMAIL_UNVERIFIED');
    const second = linkToken(await smtp.next(email, /Confirm your address/, 2), '/verify-email');
    expect((await t.client().post('/api/auth/verify-email', { token: second, password: 'late but sure' })).status).toBe(200);
  });

  it('refuses malformed links and bodies with a clear code, changing nothing', async () => {
    const bad: Array<[string, object, number, string]> = [
      ['/api/auth/verify-email', { token: 'not-a-token', password: 'x' }, 410, 'LINK_INVALID'],
      ['/api/auth/verify-email', { token: `${'a'.repeat(24)}.${'b'.repeat(32)}`, password: 'x' }, 410, 'LINK_INVALID'],
      ['/api/auth/verify-email', { token: 'x'.repeat(500), password: 'x' }, 400, 'VALIDATION_FAILED'],
      ['/api/auth/password-reset/confirm', { token: 'x', password: 'short' }, 400, 'VALIDATION_FAILED'],
      ['/api/auth/password-reset', { email: 'not an address' }, 400, 'VALIDATION_FAILED'],
      ['/api/auth/password-reset', { email: 'a@b.example', extra: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [path, body, status, code] of bad) {
      const res = await t.client().post(path, body);
      expect([path, res.status, res.body.error.code]).toEqual([path, status, code]);
    }
  });

  it('no endpoint tells whether an address has an account', async () => {
    // An unverified account with a known password, to compare with too.
    await accept(await openInvitation(chair, dialogueId), { email: 'pending@accord.example', password: 'pending passphrase', displayName: 'Pending' });

    // Sign-in: unknown address, wrong password, unverified account with a wrong password.
    const unknownLogin = await signIn('nobody.at.all@accord.example', 'some password');
    same(unknownLogin, await signIn(demo.veloria.email, 'some password'));
    same(unknownLogin, await signIn('pending@accord.example', 'some password'));
    expect(unknownLogin.status).toBe(401);

    // Accepting by signing in: the same 401 either way.
    const invitation = await openInvitation(chair, dialogueId);
    const unknownAccept = await accept(invitation, { email: 'nobody.at.all@accord.example', password: 'some password' });
    same(unknownAccept, await accept(invitation, { email: demo.veloria.email, password: 'some password' }));
    expect(unknownAccept.status).toBe(401);

    // Registering: a new address, a verified one, an unverified one.
    const fresh = await accept(invitation, { email: 'brand.new@accord.example', password: 'a fine passphrase', displayName: 'New' });
    same(fresh, await accept(invitation, { email: demo.icrc.email, password: 'a fine passphrase', displayName: 'Impostor' }));
    same(fresh, await accept(invitation, { email: 'pending@accord.example', password: 'a fine passphrase', displayName: 'Impostor' }));
    expect(fresh.status).toBe(202);
    // An address-bound link refuses another address the same way whether that address has an account.
    const bound = await openInvitation(chair, dialogueId, { role: 'observer', email: 'bound@accord.example' });
    same(
      await accept(bound, { email: demo.icrc.email, password: 'a fine passphrase', displayName: 'X' }),
      await accept(bound, { email: 'nobody.at.all@accord.example', password: 'a fine passphrase', displayName: 'X' }),
    );

    // Reset requests: always 202, the same body.
    const unknownReset = await t.client().post('/api/auth/password-reset', { email: 'nobody.at.all@accord.example' });
    same(unknownReset, await t.client().post('/api/auth/password-reset', { email: demo.secretariat.email }));
    expect(unknownReset.status).toBe(202);

    // The owners are told by mail instead; unknown addresses get nothing.
    await smtp.next(demo.icrc.email, /tried to create an Accord account/);
    await smtp.next(demo.secretariat.email, /Set a new Accord password/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.to('nobody.at.all@accord.example')).toEqual([]);
    // The impostor's attempts changed nothing: the owner still signs in with their own password.
    expect((await signIn(demo.icrc.email, DEMO_PASSWORD)).status).toBe(200);
  });

  it('a password reset ends every session of the account and their open sockets', async () => {
    const email = demo.veloria.email;
    const one = await t.login(email);
    const two = await t.login(email);
    const socket = await editing(one.token!, documentId);
    expect((await t.client().post('/api/auth/password-reset', { email })).status).toBe(202);
    const token = linkToken(await smtp.next(email, /Set a new Accord password/), '/reset-password');
    // Not spent by a bad attempt.
    expect((await t.client().post('/api/auth/password-reset/confirm', { token, password: 'short' })).status).toBe(400);

    const reset = await t.client().post('/api/auth/password-reset/confirm', { token, password: 'veloria’s new passphrase' });
    expect(reset.status).toBe(200);
    await expectRevoked(socket);
    expect((await one.get('/api/me')).status).toBe(401);
    expect((await two.get('/api/me')).status).toBe(401);
    expect((await t.client(reset.body.token).get('/api/me')).status).toBe(200);
    expect((await signIn(email, DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn(email, 'veloria’s new passphrase')).status).toBe(200);
    expect((await t.client().post('/api/auth/password-reset/confirm', { token, password: 'once more, please' })).body.error.code).toBe('LINK_INVALID');
  });

  it('changing the password needs the current one, and ends every other session and its sockets', async () => {
    const email = demo.arandia.email;
    const here = await t.login(email);
    const elsewhere = await t.login(email);
    const hereSocket = await editing(here.token!, documentId);
    const elsewhereSocket = await editing(elsewhere.token!, documentId);

    const wrong = await here.post('/api/auth/password', { currentPassword: 'not it', newPassword: 'arandia’s new passphrase' });
    expect([wrong.status, wrong.body.error.fields]).toEqual([400, [{ field: 'currentPassword', message: 'is not your current password' }]]);
    expect((await elsewhere.get('/api/me')).status).toBe(200);
    expect((await t.client().post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'arandia’s new passphrase' })).status).toBe(401);

    const changed = await here.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'arandia’s new passphrase' });
    expect(changed.status).toBe(204);
    await expectRevoked(elsewhereSocket);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    // This session and its socket stay.
    expect((await here.get('/api/me')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hereSocket.client.connected).toBe(true);
    expect(hereSocket.handle.status).not.toBe('error');
    expect((await signIn(email, 'arandia’s new passphrase')).status).toBe(200);
    await smtp.next(email, /password was changed/);
    const audit = await t.db.query.auditEvents.findMany();
    expect(audit.some((e) => e.action === 'auth.password_changed' && e.detail.sessionsEnded === 1)).toBe(true);
  });
});

describe('mail-sending endpoints are rate-limited', () => {
  let smtp: TestSmtpServer;
  let t: TestServer;
  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_MAX_PER_ADDRESS: '2', MAIL_MAX_PER_CLIENT: '4' } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('per recipient silently (the answer stays 202), per client address with 429', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await t.client().post('/api/auth/password-reset', { email: demo.chair.email })).status).toBe(202);
    }
    await smtp.next(demo.chair.email, /Set a new Accord password/, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(demo.chair.email)).toHaveLength(2);
    const limited = await t.client().post('/api/auth/password-reset', { email: 'someone.else@accord.example' });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('mail configuration', () => {
  it('is validated at boot, naming the variable', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ PASSWORD_RESET_TTL: 'soon' })).toThrow(/PASSWORD_RESET_TTL/);
    const config = loadConfig({ SMTP_URL: 'smtps://user:secret@mail.example:465', PUBLIC_URL: 'https://accord.example.org' });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtps://user:secret@mail.example:465', from: 'Accord <no-reply@accord.example.org>', outbox: false });
    expect(loadConfig({}).mail.outbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).mail.outbox).toBe(false);
  });
});

describe('the development outbox', () => {
  it('keeps mail without SMTP_URL, with clickable links, and the start-up banner names it', async () => {
    const t = await startTestServer();
    try {
      expect((await t.client().post('/api/auth/password-reset', { email: demo.chair.email })).status).toBe(202);
      // Mail is posted after the answer (MailService), so it lands in the outbox a moment later.
      await eventually(async () => {
        const json = await t.client().get('/api/dev/outbox');
        expect(json.status).toBe(200);
        expect(json.body.mails[0]).toMatchObject({ to: demo.chair.email, subject: 'Set a new Accord password' });
      });
      const html = await t.client().get('/dev/outbox', { accept: 'text/html' });
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/text\/html/);
      expect(html.body).toMatch(/<a href="http:\/\/localhost:3000\/reset-password#token=[a-z2-7]{24}\.[a-z2-7]{32}">/);
      expect(describeStart(t.server, loadConfig({ NODE_ENV: 'test', PORT: '0' }), 'pglite')).toContain('/dev/outbox');
    } finally {
      await t.close();
    }
  });

  it('is absent in production, answering as an unknown route', async () => {
    const t = await startTestServer({ seedDemo: false, env: { NODE_ENV: 'production' } });
    try {
      const unknown = await t.client().get('/api/no-such-route');
      for (const path of ['/api/dev/outbox', '/dev/outbox']) {
        const res = await t.client().get(path);
        expect([path, res.status, res.body]).toEqual([path, 404, unknown.body]);
      }
    } finally {
      await t.close();
    }
  });

  it('answers only requests from the machine itself', async () => {
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(local), local).toBe(true);
    for (const remote of ['192.0.2.7', '::ffff:10.0.0.5', 'fe80::1', undefined]) expect(isLoopback(remote), remote).toBe(false);
    // Over a real network interface, when the machine has one: a server on 0.0.0.0, asked from its LAN address.
    const lan = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!lan) return;
    const t = await startTestServer({ seedDemo: false, env: { HOST: '0.0.0.0' } });
    try {
      const port = new URL(t.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/dev/outbox`)).status).toBe(200);
      expect((await fetch(`http://${lan}:${port}/api/dev/outbox`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('does not answer a request a reverse proxy on the same machine forwarded', async () => {
    const t = await startTestServer({ seedDemo: false });
    try {
      const port = new URL(t.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/api/dev/outbox`)).status).toBe(200);
      const viaProxy: Array<Record<string, string>> = [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }];
      for (const headers of viaProxy) {
        expect((await fetch(`http://127.0.0.1:${port}/api/dev/outbox`, { headers })).status, JSON.stringify(headers)).toBe(404);
      }
    } finally {
      await t.close();
    }
  });

  it('is absent when mail goes over SMTP', async () => {
    const t = await startTestServer({ seedDemo: false, env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    try {
      expect((await t.client().get('/api/dev/outbox')).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

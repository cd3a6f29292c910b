import { invitations } from '@accord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAsNewAccount } from './support/accounts.js';
import { ManualClock } from './support/manual-clock.js';
import { snapshot } from './support/snapshot.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

describe('invitations', () => {
  const clock = new ManualClock();
  let t: TestServer;
  let chair: ApiClient;
  let secretariat: ApiClient;
  let dialogueId: string;

  const invite = (by: ApiClient, body: object) => by.post(`/api/dialogues/${dialogueId}/invitations`, body);
  const accept = (token: string, body?: object, as?: ApiClient) => (as ?? t.client()).post(`/api/invitations/${token}/accept`, body);

  beforeAll(async () => {
    // Mail goes to the development outbox (no SMTP_URL); addresses.test.ts covers real SMTP.
    t = await startTestServer({ clock, env: { INVITATION_TTL: '2d', MAIL_MAX_PER_CLIENT: '1000' } });
    chair = await t.login(demo.chair.email);
    secretariat = await t.login(demo.secretariat.email);
    dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
  });
  afterAll(() => t?.close());

  it('creates a link whose secret is shown once and stored only as a hash', async () => {
    const res = await invite(chair, { role: 'delegate', affiliation: { name: 'Federal Republic of Ostmark', kind: 'government' } });
    expect(res.status).toBe(201);
    expect(res.body.url).toBe(`http://localhost:3000/invite/${res.body.token}`);
    expect(res.body.affiliation).toMatchObject({ name: 'Federal Republic of Ostmark', kind: 'government' });
    const rows = await t.db.select().from(invitations);
    expect(JSON.stringify(rows)).not.toContain(res.body.token);
  });

  it('previews the invitation for the visitor; a new account proves its address by mail, then joins', async () => {
    const created = await invite(chair, { role: 'delegate', affiliation: { name: 'Republic of Sundara', kind: 'government' } });
    const preview = await t.client().get(`/api/invitations/${created.body.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ role: 'delegate', dialogue: { id: dialogueId }, affiliation: { name: 'Republic of Sundara' } });

    const joined = await joinAsNewAccount(t, created.body.token, { email: 'Lena.Park@Sundara.example', password: 'a long passphrase', displayName: 'Lena Park' });
    const lena = t.client(joined.token);
    expect((await lena.get('/api/me')).body.user.email).toBe('lena.park@sundara.example');
    const me = await lena.get('/api/me');
    expect(me.body.memberships).toEqual([
      { dialogueId, role: 'delegate', affiliation: expect.objectContaining({ name: 'Republic of Sundara', kind: 'government' }) },
    ]);
  });

  it('is single-use: a second acceptance is refused and changes nothing', async () => {
    const created = await invite(chair, { role: 'observer' });
    await joinAsNewAccount(t, created.body.token, { email: 'first@accord.example', password: 'first password', displayName: 'First' });
    const icrc = await t.login(demo.icrc.email);
    const before = await snapshot(t.db);
    const second = await accept(created.body.token, undefined, icrc);
    expect(second.status).toBe(410);
    expect(second.body.error.code).toBe('INVITATION_INVALID');
    expect((await t.client().get(`/api/invitations/${created.body.token}`)).status).toBe(410);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('two people racing with one link produce exactly one membership', async () => {
    const created = await invite(chair, { role: 'observer' });
    // Three verified accounts, members elsewhere, race for the one link.
    const room = (await chair.post('/api/dialogues', { title: 'Waiting room' })).body.id;
    const racers = await Promise.all(
      [1, 2, 3].map(async (n) => joinAsNewAccount(t, (await chair.post(`/api/dialogues/${room}/invitations`, { role: 'observer' })).body.token, {
        email: `racer${n}@accord.example`,
        password: 'racing password',
        displayName: `Racer ${n}`,
      })),
    );
    const results = await Promise.all(racers.map((r) => accept(created.body.token, undefined, t.client(r.token))));
    expect(results.map((r) => r.status).toSorted()).toEqual([200, 410, 410]);
  });

  it('joins an existing account that proves its password', async () => {
    const other = await t.login(demo.veloria.email);
    const own = await other.post('/api/dialogues', { title: 'Veloria bilateral' });
    const created = await other.post(`/api/dialogues/${own.body.id}/invitations`, { role: 'observer' });
    const wrong = await accept(created.body.token, { email: demo.ngo.email, password: 'not it at all' });
    expect(wrong.status).toBe(401);
    const res = await accept(created.body.token, { email: demo.ngo.email, password: 'accord-demo' });
    expect(res.status).toBe(200);
    expect(res.body.signedIn.user.email).toBe(demo.ngo.email);
  });

  it('lets a signed-in user accept with no body, without a new session', async () => {
    const other = await t.login(demo.arandia.email);
    const own = await other.post('/api/dialogues', { title: 'Arandia consultations' });
    const created = await other.post(`/api/dialogues/${own.body.id}/invitations`, { role: 'observer' });
    const icrc = await t.login(demo.icrc.email);
    const res = await accept(created.body.token, undefined, icrc);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dialogueId: own.body.id });
  });

  it('refuses an address other than the one invited', async () => {
    const created = await invite(chair, { role: 'observer', email: 'invited@accord.example' });
    const res = await accept(created.body.token, { email: 'someone.else@accord.example', password: 'some password', displayName: 'Else' });
    expect([res.status, res.body.error.code]).toEqual([403, 'INVITATION_EMAIL_MISMATCH']);
    const signedInElse = await accept(created.body.token, undefined, await t.login(demo.icrc.email));
    expect([signedInElse.status, signedInElse.body.error.code]).toEqual([403, 'INVITATION_EMAIL_MISMATCH']);
    await joinAsNewAccount(t, created.body.token, { email: 'invited@accord.example', password: 'some password', displayName: 'Invited' });
  });

  it('an address-bound link is taken up only by an account whose address is proven', async () => {
    const created = await invite(chair, { role: 'observer', email: 'unproven@accord.example' });
    const registered = await accept(created.body.token, { email: 'unproven@accord.example', password: 'unproven password', displayName: 'Unproven' });
    expect([registered.status, registered.body]).toEqual([202, { status: 'check_your_mail' }]);
    // The password is right, but the address is not proven: nothing joins.
    const signedIn = await accept(created.body.token, { email: 'unproven@accord.example', password: 'unproven password' });
    expect([signedIn.status, signedIn.body.error.code]).toEqual([403, 'EMAIL_UNVERIFIED']);
    expect((await t.client().get(`/api/invitations/${created.body.token}`)).status).toBe(200);
  });

  it('refuses an already-member, and does not spend the link', async () => {
    const created = await invite(chair, { role: 'observer' });
    const res = await accept(created.body.token, undefined, await t.login(demo.arandia.email));
    expect([res.status, res.body.error.code]).toEqual([409, 'ALREADY_MEMBER']);
    expect((await t.client().get(`/api/invitations/${created.body.token}`)).status).toBe(200);
  });

  it('can be revoked by a steward, after which it is dead', async () => {
    const created = await invite(secretariat, { role: 'observer' });
    const pending = await chair.get(`/api/dialogues/${dialogueId}/invitations`);
    expect(pending.body.invitations.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect((await chair.delete(`/api/dialogues/${dialogueId}/invitations/${created.body.id}`)).status).toBe(204);
    expect((await chair.delete(`/api/dialogues/${dialogueId}/invitations/${created.body.id}`)).status).toBe(404);
    expect((await accept(created.body.token, { email: 'gone@accord.example', password: 'gone password', displayName: 'Gone' })).status).toBe(410);
  });

  it('asks a new account for a strong enough password, naming the field; without a display name it is a sign-in', async () => {
    const created = await invite(chair, { role: 'observer' });
    const short = await accept(created.body.token, { email: 'new@accord.example', password: 'short', displayName: 'New' });
    expect([short.status, short.body.error.fields[0].field]).toEqual([400, 'password']);
    const blank = await accept(created.body.token, { email: 'new@accord.example', password: 'long enough now', displayName: '  ' });
    expect([blank.status, blank.body.error.fields[0].field]).toEqual([400, 'displayName']);
    // No display name: signing in to an account, which this address does not have (the same 401 as a wrong password).
    const nameless = await accept(created.body.token, { email: 'new@accord.example', password: 'long enough now' });
    expect([nameless.status, nameless.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const anonymous = await accept(created.body.token, {});
    expect([anonymous.status, anonymous.body.error.fields[0].field]).toEqual([400, 'email']);
  });

  it('requires an affiliation that fits the role', async () => {
    const before = await snapshot(t.db);
    const delegate = await invite(chair, { role: 'delegate', affiliation: { name: 'Some NGO', kind: 'civil_society' } });
    expect([delegate.status, delegate.body.error.code, delegate.body.error.fields[0].field]).toEqual([422, 'AFFILIATION_MISMATCH', 'affiliation']);
    const bare = await invite(chair, { role: 'civil_society' });
    expect(bare.status).toBe(422);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('only a chair may invite a chair', async () => {
    const before = await snapshot(t.db);
    const res = await invite(secretariat, { role: 'chair' });
    expect([res.status, res.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(await snapshot(t.db)).toBe(before);
    expect((await invite(chair, { role: 'chair' })).status).toBe(201);
  });

  // Last: moving the clock two days on also ends the stewards' sessions.
  it('expires after its lifetime', async () => {
    const created = await invite(chair, { role: 'observer' });
    clock.advance(2 * 24 * 3_600_000 + 1);
    const res = await accept(created.body.token, { email: 'late@accord.example', password: 'late password', displayName: 'Late' });
    expect([res.status, res.body.error.code]).toEqual([410, 'INVITATION_INVALID']);
  });
});

/**
 * Issue 14: the chair's controls for pending invitations. Resending issues a fresh link (the old one
 * dies, the lifetime starts again) and mails it when the invitation is bound to an address; making
 * one bound to an address mails it too. Mail leaves the room: under the Chatham House Rule it names
 * neither the inviter nor any affiliation. Mail goes over real SMTP to a server started here.
 */
import { auditEvents } from '@accord/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AffiliationsRepository } from '../src/dialogues/affiliations.repository.js';
import { demoInvitations, seedDemoInvitations } from '../src/seed/demo-invitations.js';
import { ManualClock } from './support/manual-clock.js';
import { TestSmtpServer } from './support/smtp.js';
import { snapshot } from './support/snapshot.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const DAY = 24 * 3_600_000;

const me = (api: ApiClient) => api.get('/api/me').then((r) => r.body.user);
const INVITATION_TTL = 3 * DAY;
/** Mails to one address per window (the account mails' own limit is separate). */
const MAX_PER_ADDRESS = 4;

describe('resending an invitation', () => {
  const clock = new ManualClock();
  let smtp: TestSmtpServer;
  let t: TestServer;
  let chair: ApiClient;
  let secretariat: ApiClient;
  let dialogueId: string;
  let dialogueTitle: string;

  const invite = (by: ApiClient, body: object, inDialogue = dialogueId) => by.post(`/api/dialogues/${inDialogue}/invitations`, body);
  const resend = (by: ApiClient, id: string, inDialogue = dialogueId) => by.post(`/api/dialogues/${inDialogue}/invitations/${id}/resend`);
  const preview = (token: string) => t.client().get(`/api/invitations/${token}`);

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await startTestServer({
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Accord <accord@accord.example>',
        INVITATION_TTL: '3d',
        MAIL_MAX_PER_ADDRESS: String(MAX_PER_ADDRESS),
        MAIL_MAX_PER_CLIENT: '1000',
      },
    });
    chair = await t.login(demo.chair.email);
    secretariat = await t.login(demo.secretariat.email);
    const dialogue = (await chair.get('/api/dialogues')).body.dialogues[0];
    dialogueId = dialogue.id;
    dialogueTitle = dialogue.title;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('making an invitation bound to an address mails its link; one without an address mails nothing', async () => {
    const to = 'k.weber@ostmark.example';
    const created = await invite(chair, { role: 'delegate', email: to, affiliation: { name: 'Federal Republic of Ostmark', kind: 'government' } });
    expect([created.status, created.body.mailed]).toEqual([201, true]);
    const mail = await smtp.next(to, /Invitation/);
    expect(mail.from).toBe('accord@accord.example');
    expect(mail.subject).toContain(dialogueTitle);
    expect(mail.text).toContain(created.body.url);
    expect(mail.html).toContain(created.body.url);

    const open = await invite(chair, { role: 'observer' });
    expect([open.status, open.body.mailed]).toEqual([201, false]);
  });

  it('gives a fresh link: the old one dies, the new one works, the lifetime starts again, and the mail carries the new link', async () => {
    const to = 'r.haddad@sundara.example';
    const created = await invite(chair, { role: 'delegate', email: to, affiliation: { name: 'Republic of Sundara', kind: 'government' } });
    await smtp.next(to, /Invitation/, 1);
    clock.advance(6 * 3_600_000);

    const res = await resend(chair, created.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: created.body.id,
      role: 'delegate',
      email: to,
      affiliation: { id: created.body.affiliation.id, name: 'Republic of Sundara', kind: 'government' },
      expiresAt: new Date(clock.now().getTime() + INVITATION_TTL).toISOString(),
      token: expect.stringMatching(/^[a-z2-7]{32}$/),
      url: `http://localhost:3000/invite/${res.body.token}`,
      mailed: true,
    });
    expect(res.body.token).not.toBe(created.body.token);
    expect([(await preview(created.body.token)).status, (await preview(created.body.token)).body.error.code]).toEqual([410, 'INVITATION_INVALID']);
    expect((await preview(res.body.token)).body).toMatchObject({ role: 'delegate', email: to, expiresAt: res.body.expiresAt });

    const mail = await smtp.next(to, /Invitation/, 2);
    expect(mail.text).toContain(res.body.url);
    expect(mail.text).not.toContain(created.body.token);

    // Still one pending invitation, with the renewed lifetime.
    const listed = (await chair.get(`/api/dialogues/${dialogueId}/invitations`)).body.invitations.filter((i: { id: string }) => i.id === created.body.id);
    expect(listed).toEqual([
      {
        id: created.body.id,
        role: 'delegate',
        email: to,
        affiliation: { id: created.body.affiliation.id, name: 'Republic of Sundara', kind: 'government' },
        createdAt: expect.any(String),
        expiresAt: res.body.expiresAt,
      },
    ]);
    const audit = await t.db.query.auditEvents.findMany({ where: (e, { eq }) => eq(e.targetId, created.body.id) });
    expect(audit.map((e) => e.action).toSorted()).toEqual(['invitation.created', 'invitation.resent']);
    const resent = audit.find((e) => e.action === 'invitation.resent')!;
    expect([resent.actorId, resent.dialogueId]).toEqual([(await chair.get('/api/me')).body.user.id, dialogueId]);
    expect(JSON.stringify(resent.detail)).not.toContain(res.body.token);
  });

  it('Chatham House: the mail names neither the inviter nor any affiliation, only the dialogue and the role', async () => {
    const to = 'observer@institute.example';
    const created = await invite(secretariat, { role: 'observer', email: to, affiliation: { name: 'Institute for Strategic Futures', kind: 'academia' } });
    const res = await resend(chair, created.body.id);
    const mails = [await smtp.next(to, /Invitation/, 1), await smtp.next(to, /Invitation/, 2)];
    const names = [(await me(chair)).displayName, (await me(secretariat)).displayName, demo.chair.email, demo.secretariat.email];
    const affiliations = ['Institute for Strategic Futures', demo.chair.affiliation.name];
    for (const mail of mails) {
      const whole = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const word of [...names, ...affiliations]) expect(whole).not.toContain(word);
      expect(whole).toContain(dialogueTitle);
      expect(mail.text).toContain('as an observer');
    }
    expect(mails[1]!.text).toContain(res.body.url);
  });

  it('the resent link is taken up as any invitation is; the first link stays dead', async () => {
    // The ICRC's member is not in this new dialogue yet.
    const room = (await chair.post('/api/dialogues', { title: 'Side consultations on legal reviews' })).body.id as string;
    const created = await invite(chair, { role: 'civil_society', email: demo.icrc.email, affiliation: demo.icrc.affiliation }, room);
    const res = await resend(chair, created.body.id, room);
    const icrc = await t.login(demo.icrc.email);
    const old = await icrc.post(`/api/invitations/${created.body.token}/accept`);
    expect([old.status, old.body.error.code]).toEqual([410, 'INVITATION_INVALID']);
    const joined = await icrc.post(`/api/invitations/${res.body.token}/accept`);
    expect([joined.status, joined.body]).toEqual([200, { dialogueId: room }]);
    // Taken up: nothing left to resend.
    expect((await resend(chair, created.body.id, room)).body.error.code).toBe('NOT_FOUND');
  });

  it('a link for anyone holding it is renewed but mailed to no one', async () => {
    const created = await invite(chair, { role: 'observer' });
    const res = await resend(secretariat, created.body.id);
    expect([res.status, res.body.mailed, res.body.email]).toEqual([200, false, null]);
    expect((await preview(res.body.token)).status).toBe(200);
    // Mail is delivered in the background: earlier tests' mails may still arrive; none carries these links.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((m) => m.text.includes(res.body.token) || m.text.includes(created.body.token))).toEqual([]);
  });

  it('past the per-address mail limit the link is still renewed, the mail is not sent, and the inviter is told', async () => {
    const to = 'limit@accord.example';
    const created = await invite(chair, { role: 'observer', email: to });
    let last = created;
    for (let i = 1; i < MAX_PER_ADDRESS; i++) {
      last = await resend(chair, created.body.id);
      expect(last.body.mailed).toBe(true);
    }
    await smtp.next(to, /Invitation/, MAX_PER_ADDRESS);
    const over = await resend(chair, created.body.id);
    expect([over.status, over.body.mailed]).toEqual([200, false]);
    expect((await preview(last.body.token)).status).toBe(410);
    expect((await preview(over.body.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to(to)).toHaveLength(MAX_PER_ADDRESS);
  });

  it('only a chair resends a chair’s invitation; the secretariat resends the others', async () => {
    const chairs = await invite(chair, { role: 'chair', email: 'co-chair@accord.example' });
    const before = await snapshot(t.db);
    const refused = await resend(secretariat, chairs.body.id);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(await snapshot(t.db)).toBe(before);
    expect((await preview(chairs.body.token)).status).toBe(200);
    expect((await resend(chair, chairs.body.id)).status).toBe(200);

    const delegates = await invite(chair, { role: 'delegate', affiliation: { name: 'Republic of Arandia', kind: 'government' } });
    expect((await resend(secretariat, delegates.body.id)).status).toBe(200);
  });

  it('a delegate, civil society, an observer and a stranger may not resend; nothing changes', async () => {
    const created = await invite(chair, { role: 'observer', email: 'not-resent@accord.example' });
    await smtp.next('not-resent@accord.example', /Invitation/);
    const stranger = await t.login(demo.arandia.email);
    const other = (await stranger.post('/api/dialogues', { title: 'Arandia only' })).body.id as string;
    const before = await snapshot(t.db);
    for (const who of [demo.arandia, demo.ngo, demo.observer]) {
      const res = await resend(await t.login(who.email), created.body.id);
      expect([who.role, res.status, res.body.error.code]).toEqual([who.role, 403, 'ROLE_FORBIDDEN']);
    }
    // The stranger chairs another dialogue: the invitation is not found there.
    expect((await resend(stranger, created.body.id, other)).body.error.code).toBe('NOT_FOUND');
    expect((await t.client().post(`/api/dialogues/${dialogueId}/invitations/${created.body.id}/resend`)).status).toBe(401);
    // Sign-ins add sessions and audit rows; compare what resending would change.
    const [afterInvitations, beforeInvitations] = [JSON.parse(await snapshot(t.db)).invitations, JSON.parse(before).invitations];
    expect(afterInvitations).toEqual(beforeInvitations);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.to('not-resent@accord.example')).toHaveLength(1);
    const resent = await t.db.select().from(auditEvents);
    expect(resent.filter((e) => e.action === 'invitation.resent' && e.targetId === created.body.id)).toEqual([]);
  });

  it("only a chair revokes a chair's invitation: the secretariat is refused and the link stays good", async () => {
    const created = await invite(chair, { role: 'chair', email: 'second-chair@accord.example' });
    const before = JSON.parse(await snapshot(t.db)).invitations;
    const refused = await secretariat.delete(`/api/dialogues/${dialogueId}/invitations/${created.body.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    expect(JSON.parse(await snapshot(t.db)).invitations).toEqual(before);
    expect((await preview(created.body.token)).status).toBe(200);
    expect((await chair.delete(`/api/dialogues/${dialogueId}/invitations/${created.body.id}`)).status).toBe(204);
    expect((await preview(created.body.token)).status).toBe(410);
  });

  it('a revoked, expired or unknown invitation is not found, and nothing changes', async () => {
    const revoked = await invite(chair, { role: 'observer' });
    expect((await chair.delete(`/api/dialogues/${dialogueId}/invitations/${revoked.body.id}`)).status).toBe(204);
    const before = await snapshot(t.db);
    for (const id of [revoked.body.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await resend(chair, id);
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(await snapshot(t.db)).toBe(before);
    expect((await preview(revoked.body.token)).status).toBe(410);
  });

  it('bad input is a 400 naming the parameter, and nothing changes', async () => {
    const created = await invite(chair, { role: 'observer' });
    const before = await snapshot(t.db);
    const badInvitation = await resend(chair, 'not-a-uuid');
    expect([badInvitation.status, badInvitation.body.error.code, badInvitation.body.error.fields.map((f: { field: string }) => f.field)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['invitationId'],
    ]);
    const badDialogue = await resend(chair, created.body.id, 'nope');
    expect([badDialogue.status, badDialogue.body.error.fields.map((f: { field: string }) => f.field)]).toEqual([400, ['dialogueId']]);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('the demo’s pending invitations list, and resending the bound one mails a working link', async () => {
    const chairId = (await chair.get('/api/me')).body.user.id as string;
    const room = (await chair.post('/api/dialogues', { title: 'Demo invitations' })).body.id as string;
    await seedDemoInvitations(t.db, new AffiliationsRepository(t.db), { dialogueId: room, chairId, now: clock.now() });
    const listed = (await chair.get(`/api/dialogues/${room}/invitations`)).body.invitations as Array<{ id: string; email: string | null; role: string }>;
    expect(listed.map((i) => [i.role, i.email]).toSorted()).toEqual(demoInvitations.map((i) => [i.role, i.email ?? null]).toSorted());
    const bound = listed.find((i) => i.email)!;
    const res = await resend(chair, bound.id, room);
    expect([res.status, res.body.mailed]).toEqual([200, true]);
    expect((await smtp.next(bound.email!, /Invitation/)).text).toContain(res.body.url);
    expect((await preview(res.body.token)).status).toBe(200);
  });

  // Last: it moves the clock past every link's lifetime.
  it('an expired invitation is not resent', async () => {
    const created = await invite(chair, { role: 'observer' });
    clock.advance(INVITATION_TTL + 1);
    const fresh = await t.login(demo.chair.email);
    const before = await snapshot(t.db);
    const res = await resend(fresh, created.body.id);
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await snapshot(t.db)).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from './support/snapshot.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

describe('members: roles, chairs and removals', () => {
  let t: TestServer;
  let chair: ApiClient;
  let secretariat: ApiClient;
  let dialogueId: string;
  const ids: Record<string, string> = {};

  const path = (userId = '') => `/api/dialogues/${dialogueId}/members${userId ? `/${userId}` : ''}`;

  beforeAll(async () => {
    t = await startTestServer();
    chair = await t.login(demo.chair.email);
    secretariat = await t.login(demo.secretariat.email);
    dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    for (const m of (await chair.get(path())).body.members) ids[m.email.split('@')[0]] = m.userId;
  });
  afterAll(() => t?.close());

  it('shows every member with role and affiliation; e-mail addresses only to stewards', async () => {
    const forChair = (await chair.get(path())).body.members;
    expect(forChair).toHaveLength(7);
    expect(forChair.find((m: { userId: string }) => m.userId === ids.icrc)).toMatchObject({
      displayName: demo.icrc.displayName,
      role: 'civil_society',
      email: demo.icrc.email,
      affiliation: { name: 'International Committee of the Red Cross', kind: 'international_org' },
    });
    const forDelegate = (await (await t.login(demo.arandia.email)).get(path())).body.members;
    expect(forDelegate).toHaveLength(7);
    for (const m of forDelegate) expect(m).not.toHaveProperty('email');
  });

  it('lets a steward change a role and affiliation, and records it', async () => {
    const res = await secretariat.patch(path(ids.observer), { role: 'civil_society', affiliation: { name: 'Nordic Peace Research Forum', kind: 'academia' } });
    expect(res.status).toBe(204);
    const member = (await chair.get(path())).body.members.find((m: { userId: string }) => m.userId === ids.observer);
    expect(member.role).toBe('civil_society');
    const audit = (await chair.get(`/api/dialogues/${dialogueId}/audit`)).body.events;
    expect(audit[0]).toMatchObject({ action: 'member.role_changed', targetId: ids.observer, detail: { from: 'observer', to: 'civil_society' } });
  });

  it('keeps the affiliation when none is given, and checks it fits the new role', async () => {
    const before = await snapshot(t.db);
    // The ICRC is not a government: it cannot become a delegate with its current affiliation.
    const res = await chair.patch(path(ids.icrc), { role: 'delegate' });
    expect([res.status, res.body.error.code]).toEqual([422, 'AFFILIATION_MISMATCH']);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses the secretariat any act on a chair, or making one', async () => {
    const before = await snapshot(t.db);
    for (const res of [
      await secretariat.patch(path(ids.chair), { role: 'observer' }),
      await secretariat.delete(path(ids.chair)),
      await secretariat.patch(path(ids.veloria), { role: 'chair' }),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('never leaves a dialogue without a chair', async () => {
    const before = await snapshot(t.db);
    const demote = await chair.patch(path(ids.chair), { role: 'secretariat' });
    expect([demote.status, demote.body.error.code]).toEqual([409, 'LAST_CHAIR']);
    const leave = await chair.delete(path(ids.chair));
    expect([leave.status, leave.body.error.code]).toEqual([409, 'LAST_CHAIR']);
    expect(await snapshot(t.db)).toBe(before);

    // With a second chair appointed, the first may step down.
    expect((await chair.patch(path(ids.secretariat), { role: 'chair' })).status).toBe(204);
    expect((await chair.patch(path(ids.chair), { role: 'secretariat' })).status).toBe(204);
  });

  it('lets any member leave, and a removed member loses access at once', async () => {
    const veloria = await t.login(demo.veloria.email);
    expect((await veloria.delete(path(ids.veloria))).status).toBe(204);
    const after = await veloria.get(`/api/dialogues/${dialogueId}`);
    expect([after.status, after.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);

    const arandia = await t.login(demo.arandia.email);
    expect((await secretariat.delete(path(ids.arandia))).status).toBe(204);
    expect((await arandia.get(`/api/dialogues/${dialogueId}/documents`)).status).toBe(403);
    expect((await secretariat.delete(path(ids.arandia))).status).toBe(404);
  });

  it('a membership in one dialogue opens nothing in another', async () => {
    const ngo = await t.login(demo.ngo.email);
    const own = await ngo.post('/api/dialogues', { title: 'NGO coordination', attributionMode: 'attributed' });
    expect(own.status).toBe(201);
    expect(own.body.myRole).toBe('chair');
    for (const res of [
      await chair.get(`/api/dialogues/${own.body.id}`),
      await chair.get(`/api/dialogues/${own.body.id}/members`),
      await chair.post(`/api/dialogues/${own.body.id}/documents`, { title: 'x', symbol: 'X/1' }),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    }
  });
});

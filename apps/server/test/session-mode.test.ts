/**
 * Session mode against a real server, real sockets (the SDK's AccordClient) and a real database:
 * the chair or the secretariat marks the paragraph under negotiation and gives the floor; everyone
 * with the document open hears it within a second; a latecomer or a reconnecting client reads it;
 * it survives a restart and a second server over the same database reads it. Every refusal (role,
 * membership, bad input) changes nothing. Concurrent stewards never lose a change nor share a version.
 * What it never leaves behind (history, audit, exports, logs) is session-mode-chatham-house.test.ts's.
 */
import { AccordClient } from '@accord/client';
import type { SessionMode } from '@accord/contract';
import { sessionModes } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { fromJSON } from '@accord/text';
import { listBlocks } from '@accord/text/amendments';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../src/seed/demo-data.js';
import { joinAsNewAccount } from './support/accounts.js';
import { paragraphsOf } from './support/comments.js';
import { eventually } from './support/eventually.js';
import { type ApiClient, type ApiResponse, demo, startTestServer, type TestServer } from './support/test-server.js';

type DemoName = keyof typeof demo;

let database: TestDatabase;
let t: TestServer;
let dialogueId: string;
let documentId: string;
/** Another document of the same dialogue, never steered. */
let otherDocumentId: string;
const api = {} as Record<DemoName | 'outsider', ApiClient>;
/** Affiliation ids of the demo members, by demo name. */
const affiliationOf = {} as Record<DemoName, string>;
/** An affiliation that exists, but that no member of the demo dialogue speaks for. */
let strangerAffiliationId: string;
/** Paragraph ids of the demo text, by citation ("Box III(2bis)"). */
const paragraph = {} as Record<string, string>;
let subparagraphId: string;
let footnoteId: string;
let boxId: string;
const clients: AccordClient[] = [];

const path = (doc = documentId, dialogue = dialogueId) => `/api/dialogues/${dialogue}/documents/${doc}/session-mode`;
const put = (who: keyof typeof api, body: unknown, doc?: string) => api[who].request<SessionMode>('PUT', path(doc), body);
const read = async (doc?: string): Promise<SessionMode> => {
  const res = await api.chair.get<SessionMode>(path(doc));
  expect(res.status).toBe(200);
  return res.body;
};
/** The stored row itself, so "nothing changed" covers what an answer might not show. */
const storedRow = async () => JSON.stringify(await t.db.select().from(sessionModes));

function expectOk(res: ApiResponse<SessionMode>): SessionMode {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A client of `name`'s with the document open, recording every session_mode.changed it hears and when. */
async function follower(name: DemoName, doc = documentId) {
  const token = api[name].token!;
  const client = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
  clients.push(client);
  const heard: Array<{ at: number; data: { documentId: string; sessionMode: SessionMode } }> = [];
  client.onEvent('session_mode.changed', (data) => heard.push({ at: performance.now(), data }));
  await client.open(doc).synced;
  return { client, heard };
}

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  for (const name of Object.keys(demo) as DemoName[]) api[name] = await t.login(demo[name].email);
  dialogueId = (await api.chair.get('/api/dialogues')).body.dialogues[0].id;
  const documents = (await api.chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
  documentId = documents.find((d) => d.symbol === demoDocument.symbol)!.id;
  const other = await api.chair.post(`/api/dialogues/${dialogueId}/documents`, { title: 'Chair’s summary', symbol: 'T15/AWS/2026/SUMMARY' });
  otherDocumentId = other.body.id;

  const members = (await api.chair.get(`/api/dialogues/${dialogueId}/members`)).body.members as Array<{ email?: string; displayName: string; affiliation: { id: string } | null }>;
  for (const name of Object.keys(demo) as DemoName[]) {
    const member = members.find((m) => m.displayName === demo[name].displayName)!;
    affiliationOf[name] = member.affiliation!.id;
  }

  const content = (await api.chair.get(`/api/dialogues/${dialogueId}/documents/${documentId}/text`)).body.content;
  for (const block of listBlocks(fromJSON(content))) if (block.kind === 'paragraph') paragraph[block.citation] = block.id;
  const blocks = paragraphsOf(content);
  subparagraphId = blocks.find((b) => b.kind === 'subparagraph')!.id;
  footnoteId = blocks.find((b) => b.kind === 'footnote')!.id;
  boxId = content.content[0].attrs.id;

  // The outsider chairs a dialogue of their own, speaking for a delegation absent from the demo's.
  const invite = await api.observer.post('/api/dialogues', { title: 'Elsewhere' });
  const inviteLink = await api.observer.post(`/api/dialogues/${invite.body.id}/invitations`, { role: 'delegate', affiliation: { name: 'Republic of Outland', kind: 'government' } });
  const outsider = await joinAsNewAccount(t, inviteLink.body.token, { email: 'outsider@accord.example', password: 'outsider password', displayName: 'Olu Outsider' });
  api.outsider = t.client(outsider.token);
  const theirs = (await api.observer.get(`/api/dialogues/${invite.body.id}/members`)).body.members as Array<{ affiliation: { id: string; name: string } | null }>;
  strangerAffiliationId = theirs.find((m) => m.affiliation?.name === 'Republic of Outland')!.affiliation!.id;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
  await database?.close();
});

describe('reading', () => {
  it('a document never steered answers no paragraph, no floor, version 0, to every member', async () => {
    for (const name of Object.keys(demo) as DemoName[]) {
      const res = await api[name].get<SessionMode>(path(otherDocumentId));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ documentId: otherDocumentId, current: null, floor: null, version: 0 });
    }
  });
});

describe('steering, live', () => {
  it('the chair marks a paragraph and gives the floor: everyone with the document open hears it within a second', async () => {
    const listeners = await Promise.all((['arandia', 'veloria', 'ngo', 'icrc', 'observer', 'secretariat'] as const).map((name) => follower(name)));
    const elsewhere = await follower('veloria', otherDocumentId);
    const before = (await read()).version;
    const sent = performance.now();
    const answer = expectOk(await put('chair', { paragraphId: paragraph['Box IV(2)'], floorAffiliationId: affiliationOf.arandia }));
    expect(answer).toMatchObject({
      documentId,
      current: { paragraphId: paragraph['Box IV(2)'] },
      floor: { affiliationId: affiliationOf.arandia, name: 'Republic of Arandia', kind: 'government' },
      version: before + 1,
    });
    expect(answer.current!.since).toBe(answer.floor!.since);
    await eventually(() => {
      for (const { heard } of listeners) expect(heard.map((h) => h.data.sessionMode.version)).toContain(answer.version);
    }, 1000);
    for (const { heard } of listeners) {
      const event = heard.find((h) => h.data.sessionMode.version === answer.version)!;
      expect(event.data).toEqual({ documentId, sessionMode: answer });
      expect(event.at - sent).toBeLessThan(1000);
    }
    // Only those with this document open: a socket on another document hears nothing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(elsewhere.heard).toEqual([]);
  });
});

describe('steering: what each change does', () => {
  it('omitted keeps, null clears, the same part again keeps its since; each accepted change is version + 1', async () => {
    const start = expectOk(await put('secretariat', { paragraphId: paragraph['Box I(1)'], floorAffiliationId: affiliationOf.veloria }));
    const moved = expectOk(await put('secretariat', { paragraphId: paragraph['Box I(2)'] }));
    expect(moved.version).toBe(start.version + 1);
    expect(moved.current!.paragraphId).toBe(paragraph['Box I(2)']);
    expect(moved.floor).toEqual(start.floor);

    const again = expectOk(await put('chair', { paragraphId: paragraph['Box I(2)'], floorAffiliationId: affiliationOf.ngo }));
    expect(again.version).toBe(moved.version + 1);
    expect(again.current).toEqual(moved.current);
    expect(again.floor).toMatchObject({ affiliationId: affiliationOf.ngo, name: 'Campaign for Meaningful Human Control', kind: 'civil_society' });

    const noFloor = expectOk(await put('chair', { floorAffiliationId: null }));
    expect(noFloor).toEqual({ ...again, floor: null, version: again.version + 1 });
    const noParagraph = expectOk(await put('chair', { paragraphId: null }));
    expect(noParagraph).toEqual({ documentId, current: null, floor: null, version: again.version + 2 });
    expect(await read()).toEqual(noParagraph);
  });

  it('any affiliation a member speaks for may have the floor: the chair’s institute, an international organization, academia', async () => {
    for (const name of ['chair', 'icrc', 'observer'] as const) {
      const mode = expectOk(await put('chair', { floorAffiliationId: affiliationOf[name] }));
      expect(mode.floor).toMatchObject({ affiliationId: affiliationOf[name], name: demo[name].affiliation.name, kind: demo[name].affiliation.kind });
    }
  });

  it('alternatives and bis paragraphs are paragraphs the room can be on', async () => {
    for (const citation of ['Box I(2bis)', 'Box III(2bis)', 'Box III(3bis)', 'Box II(4, Alt 1)', 'Box II(4, Alt 2)']) {
      expect(paragraph[citation], `${citation} in the demo text: ${Object.keys(paragraph).join(', ')}`).toBeDefined();
      const mode = expectOk(await put('chair', { paragraphId: paragraph[citation] }));
      expect(mode.current!.paragraphId).toBe(paragraph[citation]);
    }
  });

  it('DELETE ends the session: both cleared, version + 1, and the room hears it', async () => {
    const { heard } = await follower('arandia');
    const before = expectOk(await put('chair', { paragraphId: paragraph['Box III(2)'], floorAffiliationId: affiliationOf.veloria }));
    const ended = await api.secretariat.delete<SessionMode>(path());
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ documentId, current: null, floor: null, version: before.version + 1 });
    await eventually(() => expect(heard.at(-1)?.data.sessionMode).toEqual(ended.body), 1000);
    // Ending a document never steered is a change too: from version 0 to 1.
    const fresh = await api.chair.post(`/api/dialogues/${dialogueId}/documents`, { title: 'Empty', symbol: 'T15/AWS/2026/ENDED' });
    expect((await api.chair.delete<SessionMode>(path(fresh.body.id))).body).toEqual({ documentId: fresh.body.id, current: null, floor: null, version: 1 });
  });

  it('the SDK’s sessionMode.get/steer/end speak the same routes', async () => {
    const sdk = await t.api(demo.chair.email);
    const steered = await sdk.sessionMode.steer(dialogueId, documentId, { paragraphId: paragraph['Box IV(1)'] ?? paragraph['Box I(1)'], floorAffiliationId: affiliationOf.icrc });
    expect(await sdk.sessionMode.get(dialogueId, documentId)).toEqual(steered);
    const ended = await sdk.sessionMode.end(dialogueId, documentId);
    expect(ended).toMatchObject({ current: null, floor: null, version: steered.version + 1 });
    await expect(sdk.sessionMode.steer(dialogueId, documentId, { paragraphId: 'no-such-paragraph' })).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'paragraphId' }],
    });
  });
});

describe('joining mid-session, reconnecting, restarting', () => {
  it('a participant who opens the document mid-session reads the current paragraph at once, then hears the next change', async () => {
    const current = expectOk(await put('chair', { paragraphId: paragraph['Box III(2)'], floorAffiliationId: affiliationOf.arandia }));
    const late = await follower('veloria');
    const sdk = await t.api(demo.veloria.email);
    expect(await sdk.sessionMode.get(dialogueId, documentId)).toEqual(current);
    const next = expectOk(await put('chair', { paragraphId: paragraph['Box III(3)'] }));
    await eventually(() => expect(late.heard.map((h) => h.data.sessionMode)).toEqual([next]), 1000);
  });

  it('a client that was offline while the chair moved on reads the newest state when it is back, and hears what follows', async () => {
    const away = await follower('ngo');
    away.client.disconnectForTesting();
    await put('chair', { paragraphId: paragraph['Box I(1)'] });
    const missed = expectOk(await put('chair', { paragraphId: paragraph['Box I(2)'], floorAffiliationId: affiliationOf.veloria }));
    expect(away.heard.map((h) => h.data.sessionMode.version)).not.toContain(missed.version);
    // Back: a new connection (as the SDK's reconnect is), which opens the document and asks.
    const back = await follower('ngo');
    expect(await read()).toEqual(missed);
    expect(expectOk(await api.ngo.get(path()))).toEqual(missed);
    const after = expectOk(await put('secretariat', { floorAffiliationId: affiliationOf.icrc }));
    await eventually(() => expect(back.heard.map((h) => h.data.sessionMode)).toEqual([after]), 1000);
  });

  it('survives a restart, and a second server over the same database reads and steers the same state', async () => {
    const before = expectOk(await put('chair', { paragraphId: paragraph['Box II(1)'] ?? paragraph['Box I(1)'], floorAffiliationId: affiliationOf.arandia }));
    const second = await startTestServer({ database, seedDemo: false });
    try {
      const chairThere = await second.login(demo.chair.email);
      expect((await chairThere.get<SessionMode>(path())).body).toEqual(before);
      const there = await chairThere.request<SessionMode>('PUT', path(), { floorAffiliationId: affiliationOf.veloria });
      expect(there.body).toMatchObject({ current: before.current, floor: { affiliationId: affiliationOf.veloria }, version: before.version + 1 });
      expect(await read()).toEqual(there.body);
    } finally {
      await second.close();
    }
  });
});

describe('refusals change nothing', () => {
  it.each(['arandia', 'veloria', 'ngo', 'icrc', 'observer'] as const)('%s (not the chair nor the secretariat) may read but not steer nor end: 403 ROLE_FORBIDDEN', async (name) => {
    await put('chair', { paragraphId: paragraph['Box III(2)'], floorAffiliationId: affiliationOf.arandia });
    const before = await storedRow();
    const state = await read();
    expect(expectOk(await api[name].get(path()))).toEqual(state);
    for (const res of [
      await put(name, { paragraphId: paragraph['Box I(1)'] }),
      await put(name, { floorAffiliationId: affiliationOf[name] }),
      await put(name, { paragraphId: null, floorAffiliationId: null }),
      await api[name].delete(path()),
    ]) {
      expect([res.status, (res.body as { error?: { code: string } }).error?.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
    expect(await storedRow()).toBe(before);
  });

  it('a non-member is refused (403 NOT_A_MEMBER), a dialogue that does not exist is 404, anonymous is 401', async () => {
    const before = await storedRow();
    for (const res of [await api.outsider.get(path()), await put('outsider', { paragraphId: paragraph['Box I(1)'] }), await api.outsider.delete(path())]) {
      expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([403, 'NOT_A_MEMBER']);
    }
    const nowhere = `/api/dialogues/${randomUUID()}/documents/${documentId}/session-mode`;
    expect((await api.outsider.get(nowhere)).status).toBe(404);
    expect((await api.chair.request('PUT', nowhere, { paragraphId: paragraph['Box I(1)'] })).status).toBe(404);
    for (const res of [await t.client().get(path()), await t.client().request('PUT', path(), { paragraphId: null }), await t.client().delete(path())]) {
      expect(res.status).toBe(401);
    }
    expect(await storedRow()).toBe(before);
  });

  it('a document not in the dialogue is 404, whether it exists elsewhere or not', async () => {
    const before = await storedRow();
    const elsewhere = await api.observer.post('/api/dialogues', { title: 'Observer’s own' });
    const theirDocument = await api.observer.post(`/api/dialogues/${elsewhere.body.id}/documents`, { title: 'Theirs', symbol: 'OWN/1' });
    for (const doc of [theirDocument.body.id as string, randomUUID()]) {
      for (const res of [await api.chair.get(path(doc)), await put('chair', { paragraphId: null }, doc), await api.chair.delete(path(doc))]) {
        expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
      }
    }
    expect(await storedRow()).toBe(before);
  });

  const badInputs: Array<[string, () => unknown, string]> = [
    ['an unknown paragraph id', () => ({ paragraphId: 'no-such-paragraph' }), 'paragraphId'],
    ['a sub-paragraph’s id (not a paragraph)', () => ({ paragraphId: subparagraphId }), 'paragraphId'],
    ['a footnote’s id', () => ({ paragraphId: footnoteId }), 'paragraphId'],
    ['a box’s id', () => ({ paragraphId: boxId }), 'paragraphId'],
    ['a paragraph of another document', () => ({ paragraphId: 'x'.repeat(20) }), 'paragraphId'],
    ['an empty paragraph id', () => ({ paragraphId: '' }), 'paragraphId'],
    ['a paragraph id too long', () => ({ paragraphId: 'p'.repeat(65) }), 'paragraphId'],
    ['a number for the paragraph', () => ({ paragraphId: 5 }), 'paragraphId'],
    ['an object for the paragraph', () => ({ paragraphId: { id: paragraph['Box I(1)'] } }), 'paragraphId'],
    ['the affiliation of no member of this dialogue', () => ({ floorAffiliationId: strangerAffiliationId }), 'floorAffiliationId'],
    ['an affiliation that does not exist', () => ({ floorAffiliationId: randomUUID() }), 'floorAffiliationId'],
    ['an affiliation that is not a uuid', () => ({ floorAffiliationId: 'Republic of Arandia' }), 'floorAffiliationId'],
    ['a boolean for the affiliation', () => ({ floorAffiliationId: true }), 'floorAffiliationId'],
    ['a good paragraph with a bad affiliation', () => ({ paragraphId: paragraph['Box I(1)'], floorAffiliationId: strangerAffiliationId }), 'floorAffiliationId'],
    ['a bad paragraph with a good affiliation', () => ({ paragraphId: 'nowhere', floorAffiliationId: affiliationOf.veloria }), 'paragraphId'],
    ['both fields absent', () => ({}), 'paragraphId'],
    ['an extra field', () => ({ paragraphId: paragraph['Box I(1)'], floor: 'Arandia' }), 'floor'],
    ['an array body', () => [paragraph['Box I(1)']], '(body)'],
  ];
  it.each(badInputs)('%s is 400 VALIDATION_FAILED naming the field, and nothing changes', async (_what, body, field) => {
    await put('chair', { paragraphId: paragraph['Box III(2)'], floorAffiliationId: affiliationOf.arandia });
    const before = await storedRow();
    const res = await put('chair', body());
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const error = (res.body as unknown as { error: { code: string; fields: Array<{ field: string }> } }).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.map((f) => f.field)).toContain(field);
    expect(await storedRow()).toBe(before);
  });

  it('a body that is not a JSON object (cut short, or a bare null) is 400 INVALID_JSON, and nothing changes', async () => {
    const before = await storedRow();
    for (const raw of ['{"paragraphId": ', 'null']) {
      const res = await api.chair.request<{ error: { code: string } }>('PUT', path(), raw, { 'content-type': 'application/json' });
      expect([res.status, res.body.error.code]).toEqual([400, 'INVALID_JSON']);
    }
    expect(await storedRow()).toBe(before);
  });
});

describe('two stewards at once', () => {
  it('concurrent changes from the chair and the secretariat each get their own version, n changes giving versions n higher, none lost', async () => {
    const start = (await read()).version;
    const n = 12;
    const targets = [paragraph['Box I(1)'], paragraph['Box I(2)'], paragraph['Box III(2)'], paragraph['Box III(3)']];
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) => put(i % 2 === 0 ? 'chair' : 'secretariat', i % 3 === 0 ? { floorAffiliationId: affiliationOf[i % 2 ? 'arandia' : 'veloria'] } : { paragraphId: targets[i % targets.length] })),
    );
    const versions = answers.map((res) => expectOk(res).version).toSorted((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: n }, (_, i) => start + i + 1));
    const last = answers.find((res) => res.body.version === start + n)!.body;
    expect(await read()).toEqual(last);
  });
});

describe('documented', () => {
  it('the OpenAPI document lists the three routes', async () => {
    const doc = await t.client().get('/api/docs/openapi.json');
    const route = doc.body.paths['/api/dialogues/{dialogueId}/documents/{documentId}/session-mode'];
    expect(Object.keys(route).toSorted()).toEqual(['delete', 'get', 'put']);
  });
});

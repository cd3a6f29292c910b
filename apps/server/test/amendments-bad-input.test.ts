/**
 * Amendments refused: each bad request is a clear error naming the field or the state, stores
 * nothing (no amendment, support, log row or audit record) and leaves the text as it was. Raw HTTP,
 * as a hostile or careless client would send it (the SDK's types would not let most of these through).
 */
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmendmentsFixture, type DemoName } from './support/amendments.js';
import { type ApiClient, type ApiResponse, demo, startTestServer, type TestServer } from './support/test-server.js';

const SHALL = 'States shall ensure meaningful human control over the use of force in all circumstances.';
const SHOULD = 'States should ensure meaningful human control over the use of force in all circumstances.';
const BOX_I = `1. ${SHALL}\n2. Each State should review new weapons before their deployment.\n3. Agreed language on scope. {agreed}`;

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
let documentId: string;
/** Box I(1) and the id of Box I itself (an id in the document, but not a paragraph's). */
let paragraphId: string;
let boxId: string;
/** An open amendment to Box I(1), one decided (rejected), and one of another document. */
let open: string;
let decided: string;
let elsewhere: { documentId: string; amendmentId: string };
let deletion: string;
const clients = new Map<DemoName, ApiClient>();

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  f = await new AmendmentsFixture(t).useDemo();
  documentId = await f.createDocument(BOX_I);
  paragraphId = (await f.block(documentId, 'Box I(1)')).id;
  boxId = ((await (await f.api('chair')).documents.text(f.dialogueId, documentId)).content as { content: Array<{ attrs: { id: string } }> }).content[0]!.attrs.id;
  open = (await f.propose('ngo', documentId, { paragraphId, kind: 'replace', text: SHOULD })).id;
  decided = (await f.propose('arandia', documentId, { paragraphId, kind: 'insert_after', text: 'States shall keep records.' })).id;
  await (await f.api('chair')).amendments.reject(f.dialogueId, documentId, decided, { reason: 'Not now.' });
  deletion = (await f.propose('veloria', documentId, { paragraphId: (await f.block(documentId, 'Box I(2)')).id, kind: 'delete' })).id;
  const other = await f.createDocument(BOX_I);
  elsewhere = { documentId: other, amendmentId: (await f.propose('ngo', other, { paragraphId: (await f.block(other, 'Box I(1)')).id, kind: 'delete' })).id };
  for (const name of Object.keys(demo) as DemoName[]) clients.set(name, await t.login(demo[name].email));
});

afterAll(async () => {
  f?.close();
  await t?.close();
  await database?.close();
});

const base = (doc = documentId, dialogue = f.dialogueId) => `/api/dialogues/${dialogue}/documents/${doc}`;
const amendmentsPath = (doc?: string) => `${base(doc)}/amendments`;
const valid = () => ({ paragraphId, kind: 'replace', text: 'States must ensure meaningful human control over the use of force in all circumstances.', justification: 'Clearer.' });

interface Case {
  what: string;
  as: DemoName;
  send(c: ApiClient): Promise<ApiResponse>;
  status: number;
  code: string;
  /** The fields a 400 names, exactly. */
  fields?: string[];
  /** Words the message must hold (a state, a field). */
  says?: string;
}

const proposals: Case[] = [
  { what: 'a paragraph id not in the document', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), paragraphId: 'notAParagraphId' }), status: 400, code: 'VALIDATION_FAILED', fields: ['paragraphId'] },
  { what: "a box's id (not a paragraph's)", as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), paragraphId: boxId }), status: 400, code: 'VALIDATION_FAILED', fields: ['paragraphId'] },
  { what: 'a paragraph id that is not an id at all', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), paragraphId: '../../x' }), status: 400, code: 'VALIDATION_FAILED', fields: ['paragraphId'] },
  { what: 'no paragraph id', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), paragraphId: undefined }), status: 400, code: 'VALIDATION_FAILED', fields: ['paragraphId'] },
  { what: 'text with an unclosed bracket', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: 'States [shall ensure meaningful human control.' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'text with an unclosed footnote', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: 'States shall ensure control.^[A note' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'text on two lines (a paragraph is one line)', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: 'States shall ensure control.\n2. Another paragraph.' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'an empty replacement', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: '' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'a replacement of spaces only', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: '   ' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'a replacement without text', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: undefined }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: "a replacement that is the paragraph's wording now", as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: SHALL }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'an empty new paragraph', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), kind: 'insert_after', text: '' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'text for a deletion', as: 'ngo', send: (c) => c.post(amendmentsPath(), { paragraphId, kind: 'delete', text: 'Anything' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'a text with a NUL', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), text: 'States shall\u0000 ensure.' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'an unknown kind', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), kind: 'rewrite' }), status: 400, code: 'VALIDATION_FAILED', fields: ['kind'] },
  { what: 'a justification over 5,000 characters', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), justification: 'x'.repeat(5001) }), status: 400, code: 'VALIDATION_FAILED', fields: ['justification'] },
  { what: 'an unknown field (a status)', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), status: 'accepted' }), status: 400, code: 'VALIDATION_FAILED', fields: ['status'] },
  { what: 'an unknown field (a proposer)', as: 'ngo', send: (c) => c.post(amendmentsPath(), { ...valid(), proposerId: randomUUID() }), status: 400, code: 'VALIDATION_FAILED', fields: ['proposerId'] },
  { what: 'a body that is not JSON', as: 'ngo', send: (c) => c.post(amendmentsPath(), '{"paragraphId": '), status: 400, code: 'INVALID_JSON' },
  { what: 'an observer proposing', as: 'observer', send: (c) => c.post(amendmentsPath(), valid()), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'a malformed document id', as: 'ngo', send: (c) => c.post(`/api/dialogues/${f.dialogueId}/documents/not-a-uuid/amendments`, valid()), status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a document that does not exist', as: 'ngo', send: (c) => c.post(amendmentsPath(randomUUID()), valid()), status: 404, code: 'NOT_FOUND' },
];

const decisions: Case[] = [
  { what: 'a delegate accepting', as: 'arandia', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, {}), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'a delegate accepting in brackets', as: 'veloria', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, { mode: 'bracketed' }), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'civil society accepting', as: 'ngo', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, {}), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'an observer accepting', as: 'observer', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, {}), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'a delegate rejecting', as: 'arandia', send: (c) => c.post(`${amendmentsPath()}/${open}/reject`, { reason: 'No.' }), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'civil society rejecting', as: 'icrc', send: (c) => c.post(`${amendmentsPath()}/${open}/reject`, {}), status: 403, code: 'ROLE_FORBIDDEN' },
  { what: 'accepting a decided amendment', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${decided}/accept`, {}), status: 409, code: 'AMENDMENT_DECIDED', says: 'rejected' },
  { what: 'rejecting a decided amendment', as: 'secretariat', send: (c) => c.post(`${amendmentsPath()}/${decided}/reject`, { reason: 'Again.' }), status: 409, code: 'AMENDMENT_DECIDED', says: 'rejected' },
  { what: 'withdrawing a decided amendment', as: 'arandia', send: (c) => c.post(`${amendmentsPath()}/${decided}/withdraw`), status: 409, code: 'AMENDMENT_DECIDED', says: 'rejected' },
  { what: 'an unknown mode', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, { mode: 'quietly' }), status: 400, code: 'VALIDATION_FAILED', fields: ['mode'] },
  { what: 'an unknown field in an acceptance', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, { mode: 'as_proposed', sponsors: ['Arandia'] }), status: 400, code: 'VALIDATION_FAILED', fields: ['sponsors'] },
  { what: 'edited text that does not parse', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, { text: 'States [should ensure control.' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'edited text for a deletion', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${deletion}/accept`, { text: 'Something else.' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'an empty edited text', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${open}/accept`, { text: ' ' }), status: 400, code: 'VALIDATION_FAILED', fields: ['text'] },
  { what: 'a reason over 2,000 characters', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${open}/reject`, { reason: 'x'.repeat(2001) }), status: 400, code: 'VALIDATION_FAILED', fields: ['reason'] },
  { what: 'an unknown field in a rejection', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${open}/reject`, { reason: 'No.', status: 'withdrawn' }), status: 400, code: 'VALIDATION_FAILED', fields: ['status'] },
  { what: 'an unknown field in a support', as: 'arandia', send: (c) => c.post(`${amendmentsPath()}/${open}/support`, { kind: 'support', affiliation: 'Kingdom of Veloria' }), status: 400, code: 'VALIDATION_FAILED', fields: ['affiliation'] },
  { what: 'an unknown support kind', as: 'arandia', send: (c) => c.post(`${amendmentsPath()}/${open}/support`, { kind: 'endorse' }), status: 400, code: 'VALIDATION_FAILED', fields: ['kind'] },
  { what: 'someone else withdrawing', as: 'veloria', send: (c) => c.post(`${amendmentsPath()}/${open}/withdraw`), status: 403, code: 'ROLE_FORBIDDEN' },
];

const paths: Case[] = [
  { what: 'a malformed amendment id (get)', as: 'arandia', send: (c) => c.get(`${amendmentsPath()}/not-a-uuid`), status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a malformed amendment id (accept)', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/12345/accept`, {}), status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a malformed amendment id (support)', as: 'arandia', send: (c) => c.post(`${amendmentsPath()}/${open}x/support`, {}), status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a malformed dialogue id', as: 'chair', send: (c) => c.post(`/api/dialogues/nope/documents/${documentId}/amendments/${open}/reject`, {}), status: 400, code: 'VALIDATION_FAILED' },
  { what: 'an amendment that does not exist', as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${randomUUID()}/accept`, {}), status: 404, code: 'NOT_FOUND' },
  { what: "another document's amendment, asked for under this one (accept)", as: 'chair', send: (c) => c.post(`${amendmentsPath()}/${elsewhere.amendmentId}/accept`, {}), status: 404, code: 'NOT_FOUND' },
  { what: "another document's amendment, asked for under this one (withdraw, by its proposer)", as: 'ngo', send: (c) => c.post(`${amendmentsPath()}/${elsewhere.amendmentId}/withdraw`), status: 404, code: 'NOT_FOUND' },
  { what: 'a list filtered by an unknown status', as: 'arandia', send: (c) => c.get(`${amendmentsPath()}?status=pending`), status: 400, code: 'VALIDATION_FAILED', fields: ['status'] },
  { what: 'a list with an unknown query parameter', as: 'arandia', send: (c) => c.get(`${amendmentsPath()}?author=ngo`), status: 400, code: 'VALIDATION_FAILED', fields: ['author'] },
  { what: 'the plain compilation of a document that does not exist (a JSON error, not text)', as: 'arandia', send: (c) => c.get(`${base(randomUUID())}/compilation?format=plain`), status: 404, code: 'NOT_FOUND' },
  { what: 'a compilation in an unknown format', as: 'arandia', send: (c) => c.get(`${base()}/compilation?format=docx`), status: 400, code: 'VALIDATION_FAILED', fields: ['format'] },
];

describe.each([
  ['proposals', proposals],
  ['decisions, support and withdrawal', decisions],
  ['ids in the path and queries', paths],
])('bad %s', (_group, cases) => {
  it.each(cases)('refuses $what: $status $code, nothing stored, the text unchanged', async ({ as, send, status, code, fields, says }) => {
    const stored = await f.stored();
    const text = await f.plain(documentId);
    const count = await f.count(documentId);
    const res = await send(clients.get(as)!);
    expect([res.status, res.body?.error?.code], JSON.stringify(res.body)).toEqual([status, code]);
    if (fields) expect(res.body.error.fields.map((issue: { field: string }) => issue.field)).toEqual(fields);
    if (fields) for (const field of fields) expect(res.body.error.message).toContain(field);
    if (says) expect(res.body.error.message).toContain(says);
    expect(await f.count(documentId)).toBe(count);
    expect(await f.plain(documentId)).toBe(text);
    expect(await f.stored()).toBe(stored);
  });
});

describe('after every refusal', () => {
  it('the open amendment is still open and unsupported, the decided one still decided as it was', async () => {
    const chair = (await f.api('chair')).amendments;
    expect(await chair.get(f.dialogueId, documentId, open)).toMatchObject({ status: 'submitted', supporters: { governments: 0, organizations: 0 }, decidedAt: null });
    expect(await chair.get(f.dialogueId, documentId, decided)).toMatchObject({ status: 'rejected', reason: 'Not now.' });
    expect((await f.block(documentId, 'Box I(1)')).text).toBe(SHALL);
  });
});

describe('the hourly limit on proposals', () => {
  it('MAX_AMENDMENTS_PER_HOUR proposals a member may make; the next is 429 RATE_LIMITED and stores nothing; refused proposals do not count', async () => {
    const limited = await startTestServer({ env: { MAX_AMENDMENTS_PER_HOUR: '2' } });
    try {
      const g = await new AmendmentsFixture(limited).useDemo();
      const doc = await g.createDocument(BOX_I);
      const target = (await g.block(doc, 'Box I(1)')).id;
      const ngo = await limited.login(demo.ngo.email);
      const path = `/api/dialogues/${g.dialogueId}/documents/${doc}/amendments`;
      expect((await ngo.post(path, { paragraphId: target, kind: 'replace', text: '[unclosed' })).status).toBe(400);
      for (const word of ['should', 'must']) {
        expect((await ngo.post(path, { paragraphId: target, kind: 'replace', text: SHALL.replace('shall', word) })).status).toBe(201);
      }
      const stored = await g.stored();
      const third = await ngo.post(path, { paragraphId: target, kind: 'replace', text: SHALL.replace('shall', 'will') });
      expect([third.status, third.body.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await g.stored()).toBe(stored);
      // The limit is the member's own: another member still proposes.
      expect((await (await limited.login(demo.icrc.email)).post(path, { paragraphId: target, kind: 'delete' })).status).toBe(201);
      g.close();
    } finally {
      await limited.close();
    }
  });
});

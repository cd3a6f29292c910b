/**
 * Exports refused: each bad request is a 400 naming the field (format, revision, compare,
 * compilation, or the unknown key), a 404 for a document the dialogue does not have, and never a
 * file, a crash or anything stored (an export only reads). Raw HTTP, as a hostile or careless client
 * would send it. The server still answers properly afterwards.
 */
import type { TestDatabase } from '@accord/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmendmentsFixture, closeDemoServer, openDemoServer } from './support/amendments.js';
import { download } from './support/exports.js';
import { snapshot } from './support/snapshot.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
let token: string;
let rev1: string;
/** A revision of another document of the same dialogue. */
let elsewhere: string;
/** The log's length. */
let end: number;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ HISTORY_REPLAY_MS_PER_SECOND: '100000' }));
  token = (await t.login(demo.chair.email)).token!;
  const chair = await f.api('chair');
  rev1 = (await chair.history.revisions(f.dialogueId, f.demoDocumentId)).find((r) => r.label === 'Rev.1')!.id;
  const other = await f.createDocument('1. Another text.');
  elsewhere = (await chair.history.nameRevision(f.dialogueId, other, { label: 'Rev.1' })).revision.id;
  end = await f.log.countUpdates(f.demoDocumentId);
  if (end < 4) throw new Error(`the demo log has ${end} updates; this test exports at seq:2 and seq:3`);
});

afterAll(() => closeDemoServer({ database, t, f }));

const path = (query: string, documentId = f.demoDocumentId) => `/api/dialogues/${f.dialogueId}/documents/${documentId}/export?${query}`;

interface Case {
  what: string;
  query: () => string;
  /** The fields the 400 names, exactly. */
  fields: string[];
}

const cases: Case[] = [
  { what: 'no format', query: () => 'revision=current', fields: ['format'] },
  { what: 'an unknown format', query: () => 'format=odt', fields: ['format'] },
  { what: 'a format in capitals', query: () => 'format=DOCX', fields: ['format'] },
  { what: 'two formats', query: () => 'format=docx&format=pdf', fields: ['format'] },
  { what: 'revision "yesterday"', query: () => 'format=docx&revision=yesterday', fields: ['revision'] },
  { what: 'revision seq:0', query: () => 'format=docx&revision=seq:0', fields: ['revision'] },
  { what: 'revision seq:-1', query: () => 'format=docx&revision=seq:-1', fields: ['revision'] },
  { what: 'revision past the end of the log', query: () => `format=docx&revision=seq:${end + 1}`, fields: ['revision'] },
  { what: 'revision far past the end of the log', query: () => 'format=pdf&revision=seq:999999999999999', fields: ['revision'] },
  { what: 'a revision id nobody has', query: () => `format=docx&revision=${randomUUID()}`, fields: ['revision'] },
  { what: "another document's revision", query: () => `format=docx&revision=${elsewhere}`, fields: ['revision'] },
  { what: 'an empty revision', query: () => 'format=docx&revision=', fields: ['revision'] },
  { what: 'compare "yesterday"', query: () => 'format=docx&compare=yesterday', fields: ['compare'] },
  { what: 'compare past the end of the log', query: () => `format=docx&compare=seq:${end + 5}`, fields: ['compare'] },
  { what: "compare with another document's revision", query: () => `format=html&compare=${elsewhere}`, fields: ['compare'] },
  { what: 'compare with a revision id nobody has', query: () => `format=pdf&compare=${randomUUID()}`, fields: ['compare'] },
  { what: 'an empty compare', query: () => 'format=docx&compare=', fields: ['compare'] },
  { what: 'a redline as Akoma Ntoso', query: () => `format=akn&compare=${rev1}`, fields: ['compare'] },
  { what: 'a redline as plain text', query: () => `format=plain&compare=${rev1}`, fields: ['compare'] },
  { what: 'a redline as Markdown', query: () => `format=markdown&compare=${rev1}`, fields: ['compare'] },
  { what: 'a compilation of a revision', query: () => `format=docx&compilation=true&revision=${rev1}`, fields: ['revision'] },
  { what: 'a compilation at a log position', query: () => 'format=html&compilation=true&revision=seq:2', fields: ['revision'] },
  { what: 'a compilation that is also a redline', query: () => `format=docx&compilation=true&compare=${rev1}`, fields: ['compilation'] },
  { what: 'compilation "yes"', query: () => 'format=docx&compilation=yes', fields: ['compilation'] },
  { what: 'an unknown query key', query: () => 'format=docx&colour=red', fields: ['colour'] },
  { what: 'an unknown key beside good ones', query: () => `format=pdf&revision=${rev1}&download=1`, fields: ['download'] },
  { what: "a key in another case ('Format')", query: () => 'Format=docx', fields: ['Format', 'format'] },
];

describe('bad export requests', () => {
  it.each(cases)('refuses $what: 400 naming $fields, no file, nothing stored', async ({ query, fields }) => {
    const before = await snapshot(t.db);
    const file = await download(t.url, token, path(query()));
    expect(file.status, file.text.slice(0, 300)).toBe(400);
    expect(file.json?.error?.code).toBe('VALIDATION_FAILED');
    expect((file.json.error.fields as Array<{ field: string }>).map((x) => x.field).toSorted()).toEqual(fields.toSorted());
    expect(file.headers.get('content-disposition')).toBeNull();
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses a document the dialogue does not have (404), and a document id that is no id (400 naming documentId)', async () => {
    const unknown = await download(t.url, token, path('format=docx', randomUUID()));
    expect([unknown.status, unknown.json?.error?.code]).toEqual([404, 'NOT_FOUND']);
    const notAnId = await download(t.url, token, path('format=docx', 'T15-AWS-2026-1'));
    expect([notAnId.status, notAnId.json?.error?.fields?.map((x: { field: string }) => x.field)]).toEqual([400, ['documentId']]);
  });

  it("refuses another dialogue's document under this dialogue's path (404), though the member may export it under its own", async () => {
    const chair = t.client(token);
    const dialogue = await chair.post('/api/dialogues', { title: 'Another dialogue of the chair' });
    const document = await chair.post(`/api/dialogues/${dialogue.body.id}/documents`, { title: 'Elsewhere', symbol: 'ELSEWHERE/1' });
    expect(document.status).toBe(201);
    const crossed = await download(t.url, token, path('format=docx', document.body.id));
    expect([crossed.status, crossed.json?.error?.code]).toEqual([404, 'NOT_FOUND']);
    const own = await download(t.url, token, `/api/dialogues/${dialogue.body.id}/documents/${document.body.id}/export?format=docx`);
    expect(own.status).toBe(200);
  });

  it('still exports properly after all of that', async () => {
    const file = await download(t.url, token, path(`format=docx&revision=${rev1}`));
    expect(file.status).toBe(200);
    const health = await t.client().get('/health');
    expect(health.status).toBe(200);
  });
});

describe('a server without Chromium', () => {
  let bare: TestServer;

  beforeAll(async () => {
    bare = await startTestServer({ env: { CHROMIUM_PATH: 'none' } });
  });

  afterAll(() => bare?.close());

  it('says PDF is unavailable and why, refuses a PDF with 503 EXPORT_UNAVAILABLE, and still makes every other format', async () => {
    const chair = await bare.login(demo.chair.email);
    const formats = await chair.get('/api/export-formats');
    const pdf = formats.body.formats.find((x: { format: string }) => x.format === 'pdf');
    expect(pdf).toMatchObject({ available: false, reason: expect.stringMatching(/Chromium/) });
    expect(formats.body.formats.filter((x: { available: boolean }) => !x.available)).toHaveLength(1);
    const dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id as string;
    const documentId = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents[0].id as string;
    const exportPath = (query: string) => `/api/dialogues/${dialogueId}/documents/${documentId}/export?${query}`;
    for (const query of ['format=pdf', 'format=pdf&compilation=true', 'format=pdf&compare=seq:1']) {
      const file = await download(bare.url, chair.token, exportPath(query));
      expect([file.status, file.json?.error?.code], query).toEqual([503, 'EXPORT_UNAVAILABLE']);
      expect(file.headers.get('content-disposition')).toBeNull();
    }
    expect((await download(bare.url, chair.token, exportPath('format=html'))).status).toBe(200);
  });
});

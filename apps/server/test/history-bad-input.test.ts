/**
 * The history refused: each bad request is a 400 naming the field, a 403 for a member who may not
 * name, renumber or restore, or a 404 for a revision the document does not have, and stores nothing
 * (no revision, log row, checkpoint or audit record) and leaves the text as it was. A non-member
 * gets from every history route the answer the document's text route gives them. Raw HTTP, as a
 * hostile or careless client would send it.
 */
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { fromJSON } from '@accord/text';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmendmentsFixture, type DemoName } from './support/amendments.js';
import { editIn, idAt, storedHistory, withParagraphAfter, withWords } from './support/history.js';
import { type ApiClient, type ApiResponse, demo, startTestServer, type TestServer } from './support/test-server.js';

const ONE = 'States shall ensure meaningful human control over the use of force.';
const BOX_I = `1. ${ONE}\n2. Each State should review new weapons.\n2bis. Reviews should be shared.`;

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
let documentId: string;
/** The log's length once the scene is set. */
let end: number;
/** Rev.1 of the document, and a revision of another document. */
let rev1: string;
let elsewhere: string;
/** A paragraph added after Rev.1: not in it. */
let added: string;
/** A document of a dialogue only the observer belongs to (they chair it), with a revision. */
let foreign: { dialogueId: string; documentId: string; revisionId: string };
const clients = new Map<DemoName, ApiClient>();
let arandiaId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  f = await new AmendmentsFixture(t).useDemo();
  documentId = await f.createDocument(BOX_I);
  const chair = await f.api('chair');
  rev1 = (await chair.history.nameRevision(f.dialogueId, documentId, { label: 'Rev.1' })).revision.id;
  const editor = await f.open('chair', documentId);
  const one = idAt(fromJSON((await chair.documents.text(f.dialogueId, documentId)).content), 'Box I(1)');
  await editIn(editor.handle, (d) => withWords(d, one, `${ONE} Always.`));
  let inserted = '';
  await editIn(editor.handle, (d) => {
    const next = withParagraphAfter(d, one, 'A paragraph after Rev.1.');
    inserted = next.id;
    return next.doc;
  });
  added = inserted;
  end = await f.log.countUpdates(documentId);
  const other = await f.createDocument(BOX_I);
  elsewhere = (await chair.history.nameRevision(f.dialogueId, other, { label: 'Rev.1' })).revision.id;
  const observer = await f.api('observer');
  const dialogueId = (await (await t.login(demo.observer.email)).post('/api/dialogues', { title: 'A dialogue of my own' })).body.id as string;
  const own = (await observer.documents.create(dialogueId, { title: 'Draft', symbol: 'OWN/1' })).id;
  foreign = { dialogueId, documentId: own, revisionId: (await observer.history.nameRevision(dialogueId, own, { label: 'Rev.1' })).revision.id };
  for (const name of Object.keys(demo) as DemoName[]) clients.set(name, await t.login(demo[name].email));
  arandiaId = await f.userId('arandia');
});

afterAll(async () => {
  f?.close();
  await t?.close();
  await database?.close();
});

const base = (doc = documentId, dialogue = f.dialogueId) => `/api/dialogues/${dialogue}/documents/${doc}`;
const revisionsPath = (doc?: string) => `${base(doc)}/revisions`;
const textAt = (at: string) => `${base()}/text?at=${encodeURIComponent(at)}`;
const compare = (from: string, to: string) => `${base()}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

interface Case {
  what: string;
  as: DemoName;
  send(c: ApiClient): Promise<ApiResponse>;
  status: number;
  code: string;
  /** The fields a 400 names, exactly. */
  fields?: string[];
}

const bad = (what: string, as: DemoName, send: Case['send'], fields: string[]): Case => ({ what, as, send, status: 400, code: 'VALIDATION_FAILED', fields });

const positions: Case[] = [
  bad('`at` past the end of the log', 'arandia', (c) => c.get(textAt(`seq:${end + 1}`)), ['at']),
  bad('`from` past the end of the log', 'arandia', (c) => c.get(compare(`seq:${end + 1}`, 'current')), ['from']),
  bad('`to` past the end of the log', 'observer', (c) => c.get(compare(rev1, `seq:${end + 100}`)), ['to']),
  bad("`at`: another document's revision", 'arandia', (c) => c.get(textAt(elsewhere)), ['at']),
  bad("`from`: another document's revision", 'ngo', (c) => c.get(compare(elsewhere, 'current')), ['from']),
  bad("`to`: another document's revision", 'chair', (c) => c.get(compare(rev1, elsewhere)), ['to']),
  bad('`at`: a revision id nobody has', 'arandia', (c) => c.get(textAt(randomUUID())), ['at']),
  bad('`at`: seq:0', 'arandia', (c) => c.get(textAt('seq:0')), ['at']),
  bad('`at`: seq:-1', 'arandia', (c) => c.get(textAt('seq:-1')), ['at']),
  bad('`at`: "yesterday"', 'arandia', (c) => c.get(textAt('yesterday')), ['at']),
  bad('`from`: seq:0', 'arandia', (c) => c.get(compare('seq:0', 'current')), ['from']),
  bad('`to`: "yesterday"', 'arandia', (c) => c.get(compare('current', 'yesterday')), ['to']),
  bad('`from` missing', 'arandia', (c) => c.get(`${base()}/compare?to=current`), ['from']),
  bad('an unknown query field', 'arandia', (c) => c.get(`${textAt('current')}&colour=red`), ['colour']),
  bad('`memberId` under the Chatham House Rule', 'chair', (c) => c.get(`${base()}/history?memberId=${arandiaId}`), ['memberId']),
  bad('`cursor` that is no position', 'arandia', (c) => c.get(`${base()}/history?cursor=yesterday`), ['cursor']),
  bad('`category` that is none', 'arandia', (c) => c.get(`${base()}/history?category=Delegate`), ['category']),
];

const namings: Case[] = [
  bad('`label` already used, in another case ("rev.1" for "Rev.1")', 'chair', (c) => c.post(revisionsPath(), { label: 'rev.1' }), ['label']),
  bad('`label` already used, with spaces around it', 'secretariat', (c) => c.post(revisionsPath(), { label: '  REV.1 ' }), ['label']),
  bad('`label` already used, renumbering', 'chair', (c) => c.post(revisionsPath(), { label: 'Rev.1', renumber: true }), ['label']),
  bad('`label` empty', 'chair', (c) => c.post(revisionsPath(), { label: '' }), ['label']),
  bad('`label` only spaces', 'chair', (c) => c.post(revisionsPath(), { label: '   ' }), ['label']),
  bad('`label` missing', 'chair', (c) => c.post(revisionsPath(), { symbol: 'CCW/1' }), ['label']),
  bad('`symbol` an empty string', 'chair', (c) => c.post(revisionsPath(), { label: 'Rev.2', symbol: '' }), ['symbol']),
  bad('`statusDate` not a date', 'chair', (c) => c.post(revisionsPath(), { label: 'Rev.2', statusDate: 'yesterday' }), ['statusDate']),
  bad('`statusDate` no day of the calendar', 'chair', (c) => c.post(revisionsPath(), { label: 'Rev.2', statusDate: '2026-02-30' }), ['statusDate']),
  bad('an unknown body field', 'chair', (c) => c.post(revisionsPath(), { label: 'Rev.2', colour: 'red' }), ['colour']),
  bad('`renumber` not a boolean', 'chair', (c) => c.post(revisionsPath(), { label: 'Rev.2', renumber: 'yes' }), ['renumber']),
  bad('`paragraphId` in a restore not in the revision', 'chair', (c) => c.post(`${revisionsPath()}/${rev1}/restore`, { paragraphId: added }), ['paragraphId']),
  bad('`paragraphId` in a restore that is no id', 'chair', (c) => c.post(`${revisionsPath()}/${rev1}/restore`, { paragraphId: 'Box I(1)' }), ['paragraphId']),
  bad('an unknown field in a restore', 'chair', (c) => c.post(`${revisionsPath()}/${rev1}/restore`, { paragraph: added }), ['paragraph']),
];

const forbidden = (what: string, as: DemoName, send: Case['send']): Case => ({ what, as, send, status: 403, code: 'ROLE_FORBIDDEN' });
const notFound = (what: string, send: Case['send']): Case => ({ what, as: 'chair', send, status: 404, code: 'NOT_FOUND' });

const permissions: Case[] = (['arandia', 'ngo', 'observer'] as const).flatMap((as) => [
  forbidden(`${as} naming a revision`, as, (c) => c.post(revisionsPath(), { label: 'Rev.2' })),
  forbidden(`${as} renumbering`, as, (c) => c.post(revisionsPath(), { label: 'Rev.2', renumber: true })),
  forbidden(`${as} restoring a revision`, as, (c) => c.post(`${revisionsPath()}/${rev1}/restore`, {})),
  forbidden(`${as} restoring one paragraph`, as, (c) => c.post(`${revisionsPath()}/${rev1}/restore`, { paragraphId: added })),
]);

const unknown: Case[] = [
  notFound('an unknown revision', (c) => c.get(`${revisionsPath()}/${randomUUID()}`)),
  notFound("an unknown revision's text", (c) => c.get(`${revisionsPath()}/${randomUUID()}/text`)),
  notFound("an unknown revision's concordance", (c) => c.get(`${revisionsPath()}/${randomUUID()}/concordance`)),
  notFound('restoring an unknown revision', (c) => c.post(`${revisionsPath()}/${randomUUID()}/restore`, {})),
  notFound("another document's revision in the path", (c) => c.get(`${revisionsPath()}/${elsewhere}`)),
  notFound("restoring another document's revision", (c) => c.post(`${revisionsPath()}/${elsewhere}/restore`, {})),
  { what: 'a revision id that is not a UUID', as: 'chair', send: (c) => c.get(`${revisionsPath()}/rev-1`), status: 400, code: 'VALIDATION_FAILED', fields: ['revisionId'] },
];

describe.each([
  ['positions and filters', positions],
  ['revisions and restores', namings],
  ['roles', permissions],
  ['revision ids in the path', unknown],
])('bad %s', (_group, cases) => {
  it.each(cases)('refuses $what: $status $code, nothing stored, the text unchanged', async ({ as, send, status, code, fields }) => {
    const stored = await storedHistory(t.db);
    const text = await f.plain(documentId);
    const res = await send(clients.get(as)!);
    expect([res.status, res.body?.error?.code], JSON.stringify(res.body)).toEqual([status, code]);
    if (fields) expect(res.body.error.fields.map((issue: { field: string }) => issue.field)).toEqual(fields);
    if (fields) for (const field of fields) expect(res.body.error.message).toContain(field);
    expect(await f.plain(documentId)).toBe(text);
    expect(await storedHistory(t.db)).toBe(stored);
  });
});

describe('a non-member', () => {
  it('gets from every history route the answer the text route gives: 403 NOT_A_MEMBER in a dialogue they are not in, 404 for a document through another dialogue', async () => {
    // The chair of the demo dialogue: a steward there, nobody in the observer's own dialogue.
    const chair = clients.get('chair')!;
    const { dialogueId, documentId: own, revisionId } = foreign;
    const routes = (doc: string, dialogue: string): Array<[string, (c: ApiClient) => Promise<ApiResponse>]> => [
      ['history', (c) => c.get(`${base(doc, dialogue)}/history`)],
      ['text at a position', (c) => c.get(`${base(doc, dialogue)}/text?at=seq:1`)],
      ['revisions', (c) => c.get(`${base(doc, dialogue)}/revisions`)],
      ['a revision', (c) => c.get(`${base(doc, dialogue)}/revisions/${revisionId}`)],
      ["a revision's text", (c) => c.get(`${base(doc, dialogue)}/revisions/${revisionId}/text`)],
      ["a revision's concordance", (c) => c.get(`${base(doc, dialogue)}/revisions/${revisionId}/concordance`)],
      ['compare', (c) => c.get(`${base(doc, dialogue)}/compare?from=seq:1&to=current`)],
      ['progress', (c) => c.get(`${base(doc, dialogue)}/progress`)],
      ['naming a revision', (c) => c.post(`${base(doc, dialogue)}/revisions`, { label: 'Rev.9' })],
      ['renumbering', (c) => c.post(`${base(doc, dialogue)}/revisions`, { label: 'Rev.9', renumber: true })],
      ['restoring', (c) => c.post(`${base(doc, dialogue)}/revisions/${revisionId}/restore`, {})],
    ];
    for (const [doc, dialogue, expected] of [
      [own, dialogueId, [403, 'NOT_A_MEMBER']],
      // The foreign document through the demo dialogue, which the chair chairs.
      [own, f.dialogueId, [404, 'NOT_FOUND']],
    ] as const) {
      const text = await chair.get(`${base(doc, dialogue)}/text`);
      expect([text.status, text.body.error?.code]).toEqual(expected);
      for (const [what, send] of routes(doc, dialogue)) {
        const stored = await storedHistory(t.db);
        const res = await send(chair);
        expect([res.status, res.body.error?.code], `${what} (${expected.join(' ')})`).toEqual(expected);
        expect(JSON.stringify(res.body)).not.toContain('Rev.1');
        expect(await storedHistory(t.db)).toBe(stored);
      }
    }
  });
});

describe('after every refusal', () => {
  it('the document has its one revision and its log as the scene left them', async () => {
    const revisions = await (await f.api('observer')).history.revisions(f.dialogueId, documentId);
    expect(revisions.map((r) => [r.id, r.label])).toEqual([[rev1, 'Rev.1']]);
    expect(await f.log.countUpdates(documentId)).toBe(end);
  });
});

/**
 * Import over real HTTP (multipart, as a browser's form sends it) into a real server on a fresh
 * database with the demo seeded: the plain-text demo and a Markdown file (a dry run reports and
 * creates nothing; an import creates the document, its text is the preview, the audit says
 * `document.imported`); DOCX round trips through the server's own export (an attributed dialogue
 * keeps the sponsors, the Chatham House one drops them); a DOCX with tracked changes or comments
 * waits for the chair's choice; hostile files each get a clear refusal and nothing is created; only
 * the chair and the secretariat may import; title and symbol are required and the symbol is unique.
 */
import type { ImportReport } from '@accord/contract';
import type { TestDatabase } from '@accord/db/testing';
import { demoRollingText } from '@accord/text/demo';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmendmentsFixture, closeDemoServer, type DemoName, openDemoServer } from './support/amendments.js';
import { download, fieldsOf, minimalDocxEntries, unzip, upload, type UploadFile, withoutSponsors, writeText, zip } from './support/exports.js';
import { snapshot } from './support/snapshot.js';
import type { ApiResponse } from './support/test-server.js';
import { demo, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
const tokens = new Map<DemoName, string>();
/** An attributed dialogue whose document holds the demo text, and a Rev.1 before two changes. */
let attributed: { dialogueId: string; documentId: string; rev1: string };

const BIS_LINE = /^2bis\. \[Nothing in paragraph 2.*\n/m;
const NOW = 'within a responsible chain of human command and control';
const THEN = 'within a chain of command';
/** Rev.1 of the attributed document: without Box III(2bis), and Box V(3) in its older words. */
const REV1_TEXT = demoRollingText.replace(BIS_LINE, '').replace(NOW, THEN);

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ HISTORY_REPLAY_MS_PER_SECOND: '100000', MAX_DOCUMENTS_PER_HOUR: '1000' }));
  for (const name of Object.keys(demo) as DemoName[]) tokens.set(name, (await t.login(demo[name].email)).token!);
  const chair = t.client(tokens.get('chair'));
  const dialogue = await chair.post('/api/dialogues', { title: 'Attributed consultations', attributionMode: 'attributed' });
  const document = await chair.post(`/api/dialogues/${dialogue.body.id}/documents`, { title: 'Attributed rolling text', symbol: 'ATT/2026/1' });
  if (!BIS_LINE.test(demoRollingText) || !demoRollingText.includes(NOW)) throw new Error('the demo text no longer has Box III(2bis) or Box V(3) as this test knows them');
  await writeText(t, tokens.get('chair')!, document.body.id, REV1_TEXT);
  const named = await chair.post(`/api/dialogues/${dialogue.body.id}/documents/${document.body.id}/revisions`, { label: 'Rev.1' });
  if (named.status !== 201) throw new Error(`naming Rev.1: ${named.status} ${JSON.stringify(named.body)}`);
  await writeText(t, tokens.get('chair')!, document.body.id, demoRollingText);
  attributed = { dialogueId: dialogue.body.id, documentId: document.body.id, rev1: named.body.revision.id };
});

afterAll(() => closeDemoServer({ database, t, f }));

const importAs = (as: DemoName, file: UploadFile | null, fields: Record<string, string> = {}, dialogueId = f.dialogueId) => upload(t, tokens.get(as), dialogueId, file, fields);
const chairImports = (file: UploadFile | null, fields: Record<string, string> = {}, dialogueId = f.dialogueId) => importAs('chair', file, fields, dialogueId);

async function documentsOf(dialogueId = f.dialogueId): Promise<Array<{ id: string; symbol: string; title: string }>> {
  return (await t.client(tokens.get('chair')).get(`/api/dialogues/${dialogueId}/documents`)).body.documents;
}

async function plainText(documentId: string, dialogueId = f.dialogueId, at?: string): Promise<string> {
  const res = await t.client(tokens.get('chair')).get(`/api/dialogues/${dialogueId}/documents/${documentId}/text?format=plain${at ? `&at=${at}` : ''}`);
  expect(res.status).toBe(200);
  return res.body as string;
}

async function exportFile(dialogueId: string, documentId: string, query: Record<string, string>): Promise<Uint8Array> {
  const file = await download(t.url, tokens.get('chair'), `/api/dialogues/${dialogueId}/documents/${documentId}/export?${new URLSearchParams(query)}`);
  expect(file.status, file.text.slice(0, 300)).toBe(200);
  return file.bytes;
}

/** A dry run that must succeed: its report. */
async function dryRun(file: UploadFile, fields: Record<string, string> = {}, dialogueId = f.dialogueId): Promise<ImportReport> {
  const before = await snapshot(t.db);
  const res = await chairImports(file, { dryRun: 'true', ...fields }, dialogueId);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.document).toBeNull();
  expect(await snapshot(t.db)).toBe(before);
  return res.body.report as ImportReport;
}

/** An import that must succeed: the new document, its report, and its text as the server reads it. */
async function imported(file: UploadFile, fields: Record<string, string>, dialogueId = f.dialogueId): Promise<{ id: string; report: ImportReport; text: string }> {
  const res = await chairImports(file, fields, dialogueId);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.document).toMatchObject({ dialogueId, title: fields.title, symbol: fields.symbol });
  return { id: res.body.document.id, report: res.body.report, text: await plainText(res.body.document.id, dialogueId) };
}

/** A refusal that must create nothing. */
async function refused(res: Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await snapshot(t.db);
  const answer = await res;
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(await snapshot(t.db)).toBe(before);
  return answer;
}

/** A refused file: the answer's status, code, fields and message (and nothing created). */
async function refusedFile(file: UploadFile | null, fields: Record<string, string> = { dryRun: 'true' }): Promise<{ status: number; code: string; fields: string[]; message: string }> {
  const res = await refused(chairImports(file, fields));
  return { status: res.status, code: res.body.error?.code, fields: fieldsOf(res), message: res.body.error?.message ?? '' };
}

const demoTxt: UploadFile = { name: 'rolling-text.txt', bytes: demoRollingText, type: 'text/plain' };

describe('the plain-text format', () => {
  it('a dry run reports what it recognized, with examples, and the preview, and creates nothing', async () => {
    const documentsBefore = await documentsOf();
    const report = await dryRun(demoTxt);
    expect(report.source).toBe('plain');
    expect(report.fileName).toBe('rolling-text.txt');
    expect(report.recognized.boxes.count).toBe(5);
    expect(report.recognized.footnotes.count).toBe(2);
    for (const kind of ['paragraphs', 'subparagraphs', 'alternatives', 'brackets', 'sponsors', 'statuses'] as const) {
      expect(report.recognized[kind].count, kind).toBeGreaterThan(0);
      expect(report.recognized[kind].examples.length, kind).toBeGreaterThan(0);
      expect(report.recognized[kind].examples.length, kind).toBeLessThanOrEqual(report.recognized[kind].count);
    }
    expect(report.unrecognized).toEqual([]);
    expect(report.trackedChanges).toMatchObject({ insertions: 0, deletions: 0, moves: 0, applied: null });
    expect(report.comments.count).toBe(0);
    expect(report.needs.toSorted()).toEqual(['symbol', 'title']);
    expect(report.preview).toBe(demoRollingText);
    expect(await documentsOf()).toEqual(documentsBefore);
  });

  it('an import creates the document: its text is the preview, it is listed, and the audit says document.imported', async () => {
    const { id, report, text } = await imported(demoTxt, { title: 'Imported rolling text', symbol: 'IMP/PLAIN/1' });
    expect(text).toBe(report.preview);
    expect(text).toBe(demoRollingText);
    expect((await documentsOf()).map((d) => d.id)).toContain(id);
    const audit = await t.client(tokens.get('chair')).get(`/api/dialogues/${f.dialogueId}/audit`);
    const event = audit.body.events.find((e: { action: string; target?: { id?: string } }) => e.action === 'document.imported');
    expect(event).toBeDefined();
    expect(JSON.stringify(event)).toContain(id);
    // Like any new document: the text is the log's first update.
    const history = await t.client(tokens.get('observer')).get(`/api/dialogues/${f.dialogueId}/documents/${id}/history`);
    expect(history.body.entries.map((e: { source: string }) => e.source)).toEqual(['initial']);
  });

  it('a text with a byte-order mark, Windows line ends and a line it cannot read: recognized, the line reported and kept', async () => {
    const odd = `\uFEFF${demoRollingText.replace('\n\nBox II.', '\n\n~~~ a decoration line ~~~\n\nBox II.').replace(/\n/g, '\r\n')}`;
    const report = await dryRun({ name: 'windows.txt', bytes: odd });
    expect(report.recognized.boxes.count).toBe(5);
    expect(report.preview.replace(/\r/g, '')).toContain('Box II. Application of international humanitarian law');
    expect(report.unrecognized.map((u) => u.text).join('\n')).toContain('a decoration line');
  });
});

describe('Markdown', () => {
  const markdown = [
    '# Box I. General provisions',
    '',
    '1. States [shall][should] ensure meaningful human control over the use of force.',
    '2. Each State should review new weapons before their deployment. {agreed}',
    '   (a) at the earliest feasible stage of development;',
    '   (b) whenever a system is modified.',
    '',
    '# Box II. Final provisions',
    '',
    '1. This text is *without prejudice* to national positions.',
    '',
  ].join('\n');

  it('a dry run recognizes box headings, paragraphs, sub-paragraphs and brackets; an import creates its preview', async () => {
    const file = { name: 'draft.md', bytes: markdown, type: 'text/markdown' };
    const report = await dryRun(file);
    expect(report.source).toBe('markdown');
    expect(report.recognized.boxes.count).toBe(2);
    expect(report.recognized.paragraphs.count).toBe(3);
    expect(report.recognized.subparagraphs.count).toBe(2);
    expect(report.recognized.brackets.count).toBeGreaterThan(0);
    expect(report.preview).toContain('[shall][should]');
    expect(report.preview).toContain('Box II. Final provisions');
    const { text } = await imported(file, { title: 'A Markdown draft', symbol: 'IMP/MD/1' });
    expect(text).toBe(report.preview);
  });

  it('the server’s own Markdown export of the demo imports back to the same text', async () => {
    const bytes = await exportFile(attributed.dialogueId, attributed.documentId, { format: 'markdown' });
    const { text } = await imported({ name: 'ATT-2026-1.md', bytes }, { title: 'Markdown round trip', symbol: 'ATT/2026/1/MD' }, attributed.dialogueId);
    expect(text).toBe(demoRollingText);
  });
});

describe('DOCX round trips through the server’s own export', () => {
  it('in an attributed dialogue: the same labels, brackets, sponsors, alternatives, statuses and footnotes; the front matter suggests title and symbol', async () => {
    const bytes = await exportFile(attributed.dialogueId, attributed.documentId, { format: 'docx' });
    const file = { name: 'ATT-2026-1.docx', bytes };
    const report = await dryRun(file, {}, attributed.dialogueId);
    expect(report.source).toBe('docx');
    expect(report.suggested).toMatchObject({ title: 'Attributed rolling text', symbol: 'ATT/2026/1' });
    expect(report.trackedChanges).toMatchObject({ insertions: 0, deletions: 0, moves: 0 });
    // The suggested symbol is the exported document's own, already used in this dialogue: the dry run says so.
    expect(report.needs).toEqual(['symbol']);
    expect(report.warnings).toContain('This dialogue already has a document ATT/2026/1: choose another symbol');
    expect(report.recognized.footnotes.count).toBe(2);
    expect(report.preview).toBe(demoRollingText);
    const fresh = await dryRun(file, { symbol: 'ATT/2026/1/COPY' }, attributed.dialogueId);
    expect(fresh.needs).toEqual([]);
    expect(fresh.warnings).toEqual([]);
    const { text } = await imported(file, { title: 'Round trip', symbol: 'ATT/2026/1/COPY' }, attributed.dialogueId);
    expect(text).toBe(demoRollingText);
  });

  it('under the Chatham House Rule: the same text without its sponsors (they were never printed)', async () => {
    const bytes = await exportFile(f.dialogueId, f.demoDocumentId, { format: 'docx' });
    const file = { name: 'T15-AWS-2026-1.docx', bytes };
    const report = await dryRun(file);
    expect(report.preview).toBe(withoutSponsors(demoRollingText));
    expect(report.recognized.sponsors.count).toBe(0);
    const { text } = await imported(file, { title: 'Round trip under the rule', symbol: 'IMP/DOCX/1' });
    expect(text).toBe(withoutSponsors(demoRollingText));
  });
});

describe('a DOCX with tracked changes (the server’s own redline of Rev.1 against now)', () => {
  let redline: UploadFile;

  beforeAll(async () => {
    redline = { name: 'redline.docx', bytes: await exportFile(attributed.dialogueId, attributed.documentId, { format: 'docx', compare: attributed.rev1 }) };
  });

  it('a dry run reports them and needs the chair’s choice', async () => {
    const report = await dryRun(redline, {}, attributed.dialogueId);
    expect(report.trackedChanges.insertions).toBeGreaterThan(0);
    expect(report.trackedChanges.deletions).toBeGreaterThan(0);
    expect(report.trackedChanges.applied).toBeNull();
    expect(report.trackedChanges.examples.length).toBeGreaterThan(0);
    expect(report.needs).toContain('trackedChanges');
  });

  it('an import without a choice: 400 naming trackedChanges, nothing created', async () => {
    const res = await refused(chairImports(redline, { title: 'Undecided', symbol: 'ATT/TC/0' }, attributed.dialogueId));
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(fieldsOf(res)).toEqual(['trackedChanges']);
  });

  it('accepted: the newer text; rejected: the older (Rev.1)', async () => {
    const rev1Text = await plainText(attributed.documentId, attributed.dialogueId, attributed.rev1);
    expect(rev1Text).toBe(REV1_TEXT);
    const accepted = await imported(redline, { title: 'Accepted', symbol: 'ATT/TC/ACCEPT', trackedChanges: 'accept' }, attributed.dialogueId);
    expect(accepted.report.trackedChanges.applied).toBe('accept');
    expect(accepted.text).toBe(demoRollingText);
    const rejected = await imported(redline, { title: 'Rejected', symbol: 'ATT/TC/REJECT', trackedChanges: 'reject' }, attributed.dialogueId);
    expect(rejected.report.trackedChanges.applied).toBe('reject');
    expect(rejected.text).toBe(REV1_TEXT);
  });
});

describe('a DOCX with comments', () => {
  let withComments: UploadFile;

  beforeAll(async () => {
    const entries = new Map<string, Uint8Array | string>(unzip(await exportFile(attributed.dialogueId, attributed.documentId, { format: 'docx' })));
    const text = (name: string) => new TextDecoder().decode(entries.get(name) as Uint8Array);
    entries.set(
      'word/comments.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:comment w:id="0" w:author="Amara Okonkwo" w:initials="AO"><w:p><w:r><w:t>Please hold this bracket until capital replies.</w:t></w:r></w:p></w:comment>' +
        '</w:comments>',
    );
    entries.set(
      '[Content_Types].xml',
      text('[Content_Types].xml').replace('</Types>', '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'),
    );
    entries.set(
      'word/_rels/document.xml.rels',
      text('word/_rels/document.xml.rels').replace(
        '</Relationships>',
        '<Relationship Id="rIdAccordComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
      ),
    );
    // The comment's range around the first run of the body, as Word writes it.
    entries.set('word/document.xml', text('word/document.xml').replace(/<w:body>(.*?)<w:r>/s, '<w:body>$1<w:commentRangeStart w:id="0"/><w:r>').replace(/(<w:commentRangeStart w:id="0"\/><w:r>.*?<\/w:r>)/s, '$1<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'));
    withComments = { name: 'commented.docx', bytes: zip(entries, { deflate: true }) };
  });

  it('a dry run counts them, quotes them, never names their author, and needs comments=drop', async () => {
    const report = await dryRun(withComments, {}, attributed.dialogueId);
    expect(report.comments.count).toBe(1);
    expect(report.comments.examples.join(' ')).toContain('Please hold this bracket');
    expect(JSON.stringify(report)).not.toContain('Okonkwo');
    expect(report.needs).toContain('comments');
    expect(report.preview).toBe(demoRollingText);
  });

  it('an import without comments=drop: 400 naming comments; with it, the text without them', async () => {
    const res = await refused(chairImports(withComments, { title: 'Commented', symbol: 'ATT/CM/0' }, attributed.dialogueId));
    expect([res.status, fieldsOf(res)]).toEqual([400, ['comments']]);
    const { text } = await imported(withComments, { title: 'Commented', symbol: 'ATT/CM/1', comments: 'drop' }, attributed.dialogueId);
    expect(text).toBe(demoRollingText);
  });
});

describe('hostile and wrong files: a clear refusal, nothing created', () => {
  /** A small well-formed DOCX of a few lines of the plain-text format, made by hand: what each hostile file is doctored from. */
  const docxEntries = minimalDocxEntries(demoRollingText.split('\n').slice(0, 8));
  const docxBytes = zip(docxEntries, { deflate: true });

  it('the well-formed DOCX they are made from is read', async () => {
    const report = await dryRun({ name: 'small.docx', bytes: docxBytes });
    expect(report.source).toBe('docx');
    expect(report.recognized.boxes.count).toBe(1);
    expect(report.recognized.paragraphs.count).toBeGreaterThan(2);
  });

  it('random bytes named .docx: 422 FILE_UNREADABLE naming file', async () => {
    expect(await refusedFile({ name: 'report.docx', bytes: randomBytes(4096) })).toMatchObject({ status: 422, code: 'FILE_UNREADABLE', fields: ['file'], message: expect.stringMatching(/.{10}/) });
  });

  it('an encrypted DOCX (an OLE compound file): 422 FILE_ENCRYPTED', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(8192)]);
    expect(await refusedFile({ name: 'protected.docx', bytes: ole })).toMatchObject({ status: 422, code: 'FILE_ENCRYPTED', message: expect.stringMatching(/.{10}/) });
  });

  it('a DOCX with macros (word/vbaProject.bin): 422 FILE_HAS_MACROS', async () => {
    const entries = new Map<string, Uint8Array | string>(docxEntries);
    entries.set('word/vbaProject.bin', new Uint8Array(randomBytes(2048)));
    expect(await refusedFile({ name: 'macros.docm', bytes: zip(entries, { deflate: true }) })).toMatchObject({ status: 422, code: 'FILE_HAS_MACROS', message: expect.stringMatching(/.{10}/) });
  });

  it('a truncated DOCX: 422 FILE_UNREADABLE', async () => {
    expect(await refusedFile({ name: 'cut.docx', bytes: docxBytes.subarray(0, Math.floor(docxBytes.byteLength / 2)) })).toMatchObject({ status: 422, code: 'FILE_UNREADABLE', message: expect.stringMatching(/.{10}/) });
  });

  it('a zip bomb (a document.xml of 64 MB of spaces): refused, not inflated', async () => {
    const entries = new Map<string, Uint8Array | string>(docxEntries);
    entries.set('word/document.xml', new Uint8Array(64 * 1024 * 1024).fill(0x20));
    const bomb = zip(entries, { deflate: true });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect(await refusedFile({ name: 'bomb.docx', bytes: bomb })).toMatchObject({ status: 422, code: 'FILE_TOO_COMPLEX', message: expect.stringMatching(/.{10}/) });
  });

  it('XML entity expansion in document.xml: refused', async () => {
    const entries = new Map<string, Uint8Array | string>(docxEntries);
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    entries.set(
      'word/document.xml',
      `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">${laughs}]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>`,
    );
    const answer = await refusedFile({ name: 'laughs.docx', bytes: zip(entries) });
    expect(answer.status).toBe(422);
    expect(['FILE_TOO_COMPLEX', 'FILE_UNREADABLE']).toContain(answer.code);
  });

  it('a zip that is no DOCX (no word/document.xml): 422 FILE_UNREADABLE', async () => {
    expect(await refusedFile({ name: 'archive.zip', bytes: zip(new Map([['readme.txt', 'hello']])) })).toMatchObject({ status: 422, code: 'FILE_UNREADABLE', message: expect.stringMatching(/.{10}/) });
  });

  it('a picture: 422 FILE_UNREADABLE', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512)]);
    expect(await refusedFile({ name: 'photo.png', bytes: png, type: 'image/png' })).toMatchObject({ status: 422, code: 'FILE_UNREADABLE', message: expect.stringMatching(/.{10}/) });
  });

  it('a .txt that is not UTF-8: 422 FILE_UNREADABLE', async () => {
    expect(await refusedFile({ name: 'latin1.txt', bytes: Buffer.from('1. Les \xc9tats [doivent]', 'latin1') })).toMatchObject({ status: 422, code: 'FILE_UNREADABLE', message: expect.stringMatching(/.{10}/) });
  });

  it('a file over 10 MB: 413 PAYLOAD_TOO_LARGE', async () => {
    expect(await refusedFile({ name: 'huge.txt', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) })).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/.{10}/) });
  });

  it('no file, or an empty one: 400 naming file', async () => {
    expect(await refusedFile(null)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['file'] });
    expect(await refusedFile({ name: 'empty.txt', bytes: '' }, { title: 'Empty', symbol: 'IMP/EMPTY' })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: ['file'] });
  });

  it('two files: refused', async () => {
    const form = new FormData();
    form.append('dryRun', 'true');
    form.append('file', new Blob([demoRollingText]), 'one.txt');
    form.append('file', new Blob([demoRollingText]), 'two.txt');
    const res = await refused(
      fetch(`${t.url}/api/dialogues/${f.dialogueId}/documents/import`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('chair')}` }, body: form }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
        headers: r.headers,
      })),
    );
    expect(res.status).toBe(400);
  });

  it('the server imports properly after all of that', async () => {
    const report = await dryRun(demoTxt);
    expect(report.preview).toBe(demoRollingText);
  });
});

describe('who may import, and the fields', () => {
  it.each(['arandia', 'veloria', 'ngo', 'icrc', 'observer'] as const)('%s may not import: 403 ROLE_FORBIDDEN, not even a dry run', async (as) => {
    for (const fields of <Array<Record<string, string>>>[{ dryRun: 'true' }, { title: 'Mine', symbol: `IMP/${as}` }]) {
      const res = await refused(importAs(as, demoTxt, fields));
      expect([res.status, res.body.error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
    }
  });

  it('the secretariat may', async () => {
    const res = await importAs('secretariat', demoTxt, { title: 'By the secretariat', symbol: 'IMP/SEC/1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('into a dialogue they do not belong to: 403 NOT_A_MEMBER, even for a chair', async () => {
    const own = await t.client(tokens.get('observer')).post('/api/dialogues', { title: 'The observer’s own dialogue' });
    expect(own.status).toBe(201);
    const res = await refused(chairImports(demoTxt, { title: 'Intrusion', symbol: 'IMP/X/1' }, own.body.id));
    expect([res.status, res.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
  });

  it('unauthenticated: 401', async () => {
    const res = await refused(upload(t, undefined, f.dialogueId, demoTxt, { dryRun: 'true' }));
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('a real import without title and symbol: 400 naming both; without one: naming it', async () => {
    const both = await refused(chairImports(demoTxt));
    expect([both.status, fieldsOf(both)]).toEqual([400, ['symbol', 'title']]);
    const title = await refused(chairImports(demoTxt, { symbol: 'IMP/NT/1' }));
    expect([title.status, fieldsOf(title)]).toEqual([400, ['title']]);
    const blank = await refused(chairImports(demoTxt, { title: '   ', symbol: 'IMP/NT/2' }));
    expect([blank.status, fieldsOf(blank)]).toEqual([400, ['title']]);
  });

  it('a symbol already used in the dialogue: 409 SYMBOL_TAKEN naming symbol', async () => {
    const res = await refused(chairImports(demoTxt, { title: 'Again', symbol: 'T15/AWS/2026/1' }));
    expect([res.status, res.body.error.code, fieldsOf(res)]).toEqual([409, 'SYMBOL_TAKEN', ['symbol']]);
  });

  it.each([
    ['a symbol with characters outside the set', { title: 'X', symbol: 'IMP/<script>' }, ['symbol']],
    ['trackedChanges "keep"', { dryRun: 'true', trackedChanges: 'keep' }, ['trackedChanges']],
    ['comments "keep"', { dryRun: 'true', comments: 'keep' }, ['comments']],
    ['dryRun "yes"', { dryRun: 'yes' }, ['dryRun']],
    ['an unknown field', { dryRun: 'true', colour: 'red' }, ['colour']],
  ] as const)('%s: 400 naming it', async (_what, fields, named) => {
    const res = await refused(chairImports(demoTxt, fields));
    expect([res.status, res.body.error.code, fieldsOf(res)]).toEqual([400, 'VALIDATION_FAILED', [...named].toSorted()]);
  });
});

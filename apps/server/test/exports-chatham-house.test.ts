/**
 * Nothing that leaves the room names anyone, under the Chatham House Rule: the demo dialogue's
 * document exported in every format (the text now, Rev.1, a log position, the redline, the
 * compilation), and every byte of each file searched, case-insensitively, for every member's display
 * name, e-mail and affiliation, and for the delegations that sponsor brackets (sponsors are not
 * printed under the rule). A DOCX is unzipped and every entry searched decompressed (document,
 * footnotes, core.xml's creator and lastModifiedBy, app.xml, settings, …); a PDF as raw bytes, its
 * inflated streams, pdftotext's text, pdfinfo's Info dictionary and its XMP; the file name too.
 *
 * So that the search can fail: the same exports of an attributed dialogue's document do print the
 * sponsors, and the search finds them there, in the DOCX's document.xml and in the PDF's text.
 */
import type { ExportFormat } from '@accord/contract';
import { exportFormats } from '@accord/contract';
import type { TestDatabase } from '@accord/db/testing';
import { demoRollingText } from '@accord/text/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmendmentsFixture, closeDemoServer, openDemoServer } from './support/amendments.js';
import { download, type Download, fileNameOf, readPdf, secretsInBytes, secretsInText, unzip, writeText } from './support/exports.js';
import { demo, type TestServer } from './support/test-server.js';
import { demoMembers } from '../src/seed/demo-data.js';

/** The delegations of the demo text's sponsors: invented, and never printed under the rule. */
const DELEGATIONS = ['Arandia', 'Veloria', 'Kestria', 'Solmar'];

/** Everything that would name someone: display names, e-mails, affiliations, delegations. */
const SECRETS = [...new Set([...demoMembers.flatMap((m) => [m.displayName, m.email, m.affiliation.name]), ...DELEGATIONS])];

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
let token: string;
let rev1: string;
/** The attributed dialogue and its document (the demo text, with a Rev.1 without Box III(2bis)). */
let attributed: { dialogueId: string; documentId: string; rev1: string };

const BIS_LINE = /^2bis\. \[Nothing in paragraph 2.*\n/m;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ HISTORY_REPLAY_MS_PER_SECOND: '100000' }));
  const chair = await t.login(demo.chair.email);
  token = chair.token!;
  rev1 = (await chair.get(`/api/dialogues/${f.dialogueId}/documents/${f.demoDocumentId}/revisions`)).body.revisions[0].id as string;

  const dialogue = await chair.post('/api/dialogues', { title: 'Attributed consultations', attributionMode: 'attributed' });
  if (dialogue.status !== 201) throw new Error(`creating the attributed dialogue: ${dialogue.status}`);
  const document = await chair.post(`/api/dialogues/${dialogue.body.id}/documents`, { title: 'Attributed rolling text', symbol: 'ATT/2026/1' });
  if (document.status !== 201) throw new Error(`creating its document: ${document.status}`);
  if (!BIS_LINE.test(demoRollingText)) throw new Error('the demo text no longer has Box III(2bis) as this test knows it');
  await writeText(t, token, document.body.id, demoRollingText.replace(BIS_LINE, ''));
  const named = await chair.post(`/api/dialogues/${dialogue.body.id}/documents/${document.body.id}/revisions`, { label: 'Rev.1' });
  if (named.status !== 201) throw new Error(`naming Rev.1: ${named.status} ${JSON.stringify(named.body)}`);
  await writeText(t, token, document.body.id, demoRollingText);
  attributed = { dialogueId: dialogue.body.id, documentId: document.body.id, rev1: named.body.revision.id };
});

afterAll(() => closeDemoServer({ database, t, f }));

interface Export {
  what: string;
  query: () => Record<string, string>;
}

const everyExport: Export[] = [
  ...exportFormats.flatMap((format): Export[] => [
    { what: `the current text as ${format}`, query: () => ({ format }) },
    { what: `Rev.1 as ${format}`, query: () => ({ format, revision: rev1 }) },
    { what: `seq:3 as ${format}`, query: () => ({ format, revision: 'seq:3' }) },
    { what: `the compilation as ${format}`, query: () => ({ format, compilation: 'true' }) },
  ]),
  ...(['docx', 'html', 'pdf'] as const).flatMap((format): Export[] => [
    { what: `the redline of Rev.1 against now as ${format}`, query: () => ({ format, compare: rev1 }) },
    { what: `the redline of seq:2 against Rev.1 as ${format}`, query: () => ({ format, revision: rev1, compare: 'seq:2' }) },
  ]),
];

async function exported(dialogueId: string, documentId: string, query: Record<string, string>): Promise<Download> {
  const file = await download(t.url, token, `/api/dialogues/${dialogueId}/documents/${documentId}/export?${new URLSearchParams(query)}`);
  expect(file.status, file.text.slice(0, 300)).toBe(200);
  return file;
}

/** Each place a reader could look in the file, and the secrets found there ("word/document.xml: Veloria"). */
function namesIn(format: ExportFormat, file: Download, secrets: readonly string[]): string[] {
  const found: string[] = [];
  const look = (where: string, hits: string[]) => found.push(...hits.map((hit) => `${where}: ${hit}`));
  const disposition = file.headers.get('content-disposition') ?? '';
  look('Content-Disposition', secretsInText(`${disposition} ${fileNameOf(disposition) ?? ''}`, secrets));
  look('the raw bytes', secretsInBytes(file.bytes, secrets));
  if (format === 'docx') {
    const entries = unzip(file.bytes);
    expect(entries.size).toBeGreaterThan(3);
    for (const [name, bytes] of entries) {
      look(`entry name ${name}`, secretsInText(name, secrets));
      look(name, secretsInBytes(bytes, secrets));
    }
  }
  if (format === 'pdf') {
    const pdf = readPdf(file.bytes);
    // The readings are real: words, an Info dictionary, streams that inflated.
    expect(pdf.text).toContain('Box I');
    expect(pdf.info).toMatch(/^Title:/m);
    expect(pdf.streams.length).toBeGreaterThan(1);
    look('pdftotext', secretsInText(pdf.text, secrets));
    look('pdfinfo (Info dictionary)', secretsInText(pdf.info, secrets));
    look('pdfinfo -meta (XMP)', secretsInText(pdf.xmp, secrets));
    pdf.streams.forEach((stream, i) => look(`inflated stream ${i}`, secretsInBytes(stream, secrets)));
  }
  return found;
}

describe('under the Chatham House Rule (the demo dialogue)', () => {
  it.each(everyExport)('$what names no one: no member name, e-mail, affiliation or delegation anywhere in the file or its name', async ({ query }) => {
    const q = query();
    const file = await exported(f.dialogueId, f.demoDocumentId, q);
    expect(namesIn(q.format as ExportFormat, file, SECRETS)).toEqual([]);
  });

  it('a DOCX’s metadata is the application’s, and a redline’s tracked changes are authored by a category', async () => {
    const file = await exported(f.dialogueId, f.demoDocumentId, { format: 'docx', compare: rev1 });
    const entries = unzip(file.bytes);
    const core = new TextDecoder().decode(entries.get('docProps/core.xml'));
    expect(core).toMatch(/<dc:creator>Accord<\/dc:creator>/);
    for (const [, author] of core.matchAll(/<cp:lastModifiedBy>([^<]*)<\/cp:lastModifiedBy>/g)) expect(author).toBe('Accord');
    const authors = new Set<string>();
    for (const [name, bytes] of entries) {
      if (!name.endsWith('.xml')) continue;
      for (const [, author] of new TextDecoder().decode(bytes).matchAll(/w:author="([^"]*)"/g)) authors.add(author!);
    }
    expect(authors.size).toBeGreaterThan(0);
    for (const author of authors) expect(['Chair', 'Secretariat', 'Government', 'Civil society', 'Observer', 'Accord']).toContain(author);
  });

  it('a PDF’s Info dictionary carries the title and no person: no Author, a Creator and Producer that are software', async () => {
    const file = await exported(f.dialogueId, f.demoDocumentId, { format: 'pdf' });
    const { info } = readPdf(file.bytes);
    expect(info).toMatch(/^Title:\s+Rolling text on lethal autonomous weapons systems$/m);
    const author = /^Author:\s+(.*)$/m.exec(info)?.[1]?.trim();
    expect(author === undefined || author === '' || author === 'Accord').toBe(true);
  });
});

describe('in an attributed dialogue, the same search finds the sponsors (so it can fail)', () => {
  it.each([...exportFormats])('the current text as %s prints the sponsoring delegations', async (format) => {
    const file = await exported(attributed.dialogueId, attributed.documentId, { format });
    const found = namesIn(format, file, DELEGATIONS);
    expect(found.length).toBeGreaterThan(0);
    if (format === 'docx') expect(found).toEqual(expect.arrayContaining(['word/document.xml: Arandia', 'word/document.xml: Veloria']));
    if (format === 'pdf') expect(found).toEqual(expect.arrayContaining(['pdftotext: Arandia', 'pdftotext: Veloria']));
    if (format !== 'docx' && format !== 'pdf') expect(found).toEqual(expect.arrayContaining(['the raw bytes: Arandia', 'the raw bytes: Veloria']));
  });

  it.each(['docx', 'html', 'pdf'] as const)('the redline of Rev.1 against now as %s prints the sponsor of the inserted paragraph', async (format) => {
    const file = await exported(attributed.dialogueId, attributed.documentId, { format, compare: attributed.rev1 });
    expect(namesIn(format, file, ['Veloria']).length).toBeGreaterThan(0);
  });
});

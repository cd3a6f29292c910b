/**
 * Exports over real HTTP from a real server on a fresh database with the demo seeded: the demo
 * document in every format, now, at its Rev.1 (a revision with a symbol of its own) and at a log
 * position; the redline of Rev.1 against now (real Word tracked changes, <ins>/<del> in HTML and
 * PDF); the compilation of amendments; what the server says it can export; and who may export
 * (every member reads; others get what the text route gives them). Each file is opened as its
 * recipient would: the DOCX unzipped, the PDF through poppler, the XML through a real parser.
 * Bad requests are exports-bad-input.test.ts's; names under the Chatham House Rule
 * exports-chatham-house.test.ts's. PDF needs Chromium (/usr/bin/chromium, as CI installs it).
 */
import { type ExportFormat, exportFormatInfo, exportFormats } from '@accord/contract';
import type { TestDatabase } from '@accord/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDemoServer, type DemoName, openDemoServer, type AmendmentsFixture } from './support/amendments.js';
import { joinAsNewAccount } from './support/accounts.js';
import { AKN_NAMESPACE, download, type Download, fileNameOf, flat, parseXml, readDocxFile, readPdf, unzip, wordText, xmlDecode } from './support/exports.js';
import { demo, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
const tokens = new Map<DemoName, string>();
let rev1: string;

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ HISTORY_REPLAY_MS_PER_SECOND: '100000' }));
  for (const name of Object.keys(demo) as DemoName[]) tokens.set(name, (await t.login(demo[name].email)).token!);
  const revisions = await t.client(tokens.get('chair')).get(`${base()}/revisions`);
  rev1 = revisions.body.revisions.find((r: { label: string }) => r.label === 'Rev.1').id as string;
});

afterAll(() => closeDemoServer({ database, t, f }));

const base = () => `/api/dialogues/${f.dialogueId}/documents/${f.demoDocumentId}`;
const exportPath = (query: Record<string, string>) => `${base()}/export?${new URLSearchParams(query)}`;
const get = (query: Record<string, string>, as: DemoName = 'chair') => download(t.url, tokens.get(as), exportPath(query));

/**
 * Wording that tells the demo's points apart (seed/demo-history.ts): Rev.1 is the log's first
 * update; seq:2 inserts Box III(2bis), seq:5 changes Box V(3)'s words.
 */
const BIS = 'intercept munitions, aircraft or vehicles';
const NOW = 'within a responsible chain of human command and control';
const THEN = 'within a chain of command';
const points = [
  { name: 'the current text', revision: () => 'current', file: 'T15-AWS-2026-1', has: [BIS, NOW], lacks: [THEN] },
  { name: 'Rev.1 (a revision id)', revision: () => rev1, file: 'ACCORD-LAWS-2026-WP.1-Rev.1', has: [THEN], lacks: [BIS, NOW] },
  { name: 'seq:3', revision: () => 'seq:3', file: 'T15-AWS-2026-1-seq-3', has: [BIS, THEN], lacks: [NOW] },
];

/** The words of a file as its reader sees them, one space between words. */
function wordsOf(format: ExportFormat, file: Download): string {
  switch (format) {
    case 'docx':
      return flat(readDocxFile(file.bytes).text);
    case 'pdf':
      return flat(readPdf(file.bytes).text);
    case 'html':
    case 'akn':
      return flat(xmlDecode(file.text.replace(/<[^>]+>/g, '')));
    default:
      return flat(file.text);
  }
}

/** The file is of its kind, opened as its recipient opens it. */
function expectKind(format: ExportFormat, file: Download): void {
  expect(file.bytes.byteLength).toBeGreaterThan(200);
  switch (format) {
    case 'docx': {
      const entries = unzip(file.bytes);
      expect([...entries.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
      expect(new TextDecoder().decode(entries.get('word/document.xml'))).toContain('<w:body>');
      return;
    }
    case 'pdf':
      expect(Buffer.from(file.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(readPdf(file.bytes).info).toMatch(/Pages:\s+[1-9]/);
      return;
    case 'akn': {
      const xml = parseXml(file.text);
      expect(xml.root).toBe(`{${AKN_NAMESPACE}}akomaNtoso`);
      expect(xml.elements).toEqual(expect.arrayContaining(['meta', 'FRBRWork', 'FRBRExpression', 'FRBRManifestation', 'num']));
      return;
    }
    case 'html':
      expect(file.text).toMatch(/^\s*(<!doctype html>\s*)?<html[\s>]/i);
      expect(file.text).toMatch(/<\/html>\s*$/i);
      return;
    case 'plain':
    case 'markdown':
      expect(file.text).toContain('Box I');
      expect(file.text).not.toMatch(/<html/i);
      return;
  }
}

describe.each(points)('$name', (point) => {
  it.each([...exportFormats])('as %s: 200, its content type, an attachment named from the symbol, a file of its kind holding the text at that point', async (format) => {
    const file = await get({ format, revision: point.revision() });
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(file.headers.get('content-type')).toBe(exportFormatInfo[format].contentType);
    const disposition = file.headers.get('content-disposition');
    expect(disposition).toMatch(/^attachment;/);
    expect(fileNameOf(disposition)).toBe(`${point.file}.${exportFormatInfo[format].extension}`);
    expect(file.headers.get('cache-control')).toContain('no-store');
    expectKind(format, file);
    const words = wordsOf(format, file);
    for (const phrase of point.has) expect(words, `${phrase} in the ${format}`).toContain(phrase);
    for (const phrase of point.lacks) expect(words, `${phrase} not in the ${format}`).not.toContain(phrase);
    expect(words).toContain('Characterisation of lethal autonomous weapons systems');
  });
});

/** A redline's text with its tracked changes accepted (deletions dropped) and rejected (insertions dropped), as Word's Accept All and Reject All give it. */
function acceptAndReject(documentXml: string): { accepted: string; rejected: string } {
  return {
    accepted: flat(wordText(documentXml.replace(/<w:del\s[^>]*>.*?<\/w:del>/gs, ''))),
    rejected: flat(wordText(documentXml.replace(/<w:ins\s[^>]*>.*?<\/w:ins>/gs, ''), { deleted: true })),
  };
}

const redline = (format: ExportFormat) => get({ format, revision: 'current', compare: rev1 });

describe('the redline of Rev.1 against the current text', () => {
  it('as DOCX: real tracked changes; Box III(2bis) inserted whole with its paragraph mark, Box V(3)’s words inserted; without the insertions it is Rev.1', async () => {
    const file = await redline('docx');
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(fileNameOf(file.headers.get('content-disposition'))).toBe('T15-AWS-2026-1-redline-Rev.1.docx');
    const { documentXml } = readDocxFile(file.bytes);
    expect(documentXml).toMatch(/<w:ins\s[^>]*w:author="[^"]+"/);
    // A whole inserted paragraph marks its paragraph mark inserted too (w:pPr/w:rPr/w:ins).
    expect(documentXml).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr>(?:(?!<\/w:rPr>).)*<w:ins\s/s);
    const { accepted, rejected } = acceptAndReject(documentXml);
    expect(accepted).toContain(BIS);
    expect(accepted).toContain(NOW);
    expect(rejected).not.toContain(BIS);
    expect(rejected).toContain(THEN);
  });

  it('the other way round (now compared with Rev.1, as DOCX): the same changes as deletions, the paragraph mark deleted too; accepting gives Rev.1, rejecting gives now', async () => {
    const file = await get({ format: 'docx', revision: rev1, compare: 'current' });
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(fileNameOf(file.headers.get('content-disposition'))).toBe('ACCORD-LAWS-2026-WP.1-Rev.1-redline-current.docx');
    const { documentXml } = readDocxFile(file.bytes);
    expect(documentXml).toMatch(/<w:del\s[^>]*w:author="[^"]+"/);
    expect(documentXml).toContain('<w:delText');
    expect(documentXml).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr>(?:(?!<\/w:rPr>).)*<w:del\s/s);
    const { accepted, rejected } = acceptAndReject(documentXml);
    expect(accepted).not.toContain(BIS);
    expect(accepted).toContain(THEN);
    expect(rejected).toContain(BIS);
    expect(rejected).toContain(NOW);
  });

  it('as HTML: <ins> and <del>, the inserted paragraph in an <ins>', async () => {
    const file = await redline('html');
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(fileNameOf(file.headers.get('content-disposition'))).toBe('T15-AWS-2026-1-redline-Rev.1.html');
    expectKind('html', file);
    expect(file.text).toMatch(/<ins[\s>]/);
    expect(file.text).toMatch(/<del[\s>]/);
    const inserted = [...file.text.matchAll(/<ins[^>]*>(.*?)<\/ins>/gs)].map((m) => flat(m[1]!.replace(/<[^>]+>/g, ''))).join(' | ');
    expect(inserted).toContain('intercept munitions');
    expect(inserted).toContain('responsible');
  });

  it('as PDF: a PDF whose text holds both sides’ words', async () => {
    const file = await redline('pdf');
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(fileNameOf(file.headers.get('content-disposition'))).toBe('T15-AWS-2026-1-redline-Rev.1.pdf');
    expectKind('pdf', file);
    const text = flat(readPdf(file.bytes).text);
    expect(text).toContain('intercept munitions');
    expect(text).toContain('responsible');
  });

  it('against a log position: the older side named by its position in the file name', async () => {
    const file = await get({ format: 'docx', revision: 'current', compare: 'seq:3' });
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(fileNameOf(file.headers.get('content-disposition'))).toBe('T15-AWS-2026-1-redline-seq-3.docx');
    expect(readDocxFile(file.bytes).documentXml).toMatch(/<w:ins\s/);
  });
});

describe('the compilation of amendments', () => {
  /** From the demo's amendments (seed/demo-amendments.ts): an open replacement's justification (its wording is printed as a diff), and the words of one inserted after Box III(2)(c). */
  const JUSTIFIED = 'Joins the two bracketed options';
  const INSERTED = 'are designed or used to apply force against persons on the basis of sensor data profiles';

  it.each(['docx', 'html', 'plain', 'akn', 'pdf', 'markdown'] as const)('as %s: the text with the proposals under their paragraphs', async (format) => {
    const file = await get({ format, compilation: 'true' });
    expect(file.status, file.text.slice(0, 500)).toBe(200);
    expect(file.headers.get('content-type')).toBe(exportFormatInfo[format].contentType);
    expect(fileNameOf(file.headers.get('content-disposition'))).toBe(`T15-AWS-2026-1-compilation.${exportFormatInfo[format].extension}`);
    expectKind(format, file);
    const words = wordsOf(format, file);
    expect(words).toContain(JUSTIFIED);
    expect(words).toContain(INSERTED);
    if (format === 'akn') {
      const xml = parseXml(file.text);
      expect(xml.elements).toContain('amendmentList');
      expect(xml.elements).toContain('amendment');
    }
  });
});

describe('what the server can export', () => {
  it('lists every format, PDF available with Chromium here, redlines in DOCX, PDF and HTML only', async () => {
    const res = await t.client(tokens.get('observer')).get('/api/export-formats');
    expect(res.status).toBe(200);
    expect(res.body.formats.map((entry: { format: string }) => entry.format).toSorted()).toEqual([...exportFormats].toSorted());
    for (const entry of res.body.formats) {
      expect(entry).toMatchObject({ label: exportFormatInfo[entry.format as ExportFormat].label, available: true, reason: null });
      expect(entry.redline).toBe(['docx', 'pdf', 'html'].includes(entry.format));
    }
  });

  it('is for signed-in users: 401 without a session', async () => {
    const res = await t.client().get('/api/export-formats');
    expect([res.status, res.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('who may export', () => {
  it.each(['secretariat', 'arandia', 'ngo', 'icrc', 'observer'] as const)('%s, a member, exports the text, a revision, a redline and the compilation', async (as) => {
    for (const query of <Array<Record<string, string>>>[{ format: 'docx' }, { format: 'plain', revision: rev1 }, { format: 'html', compare: rev1 }, { format: 'plain', compilation: 'true' }]) {
      const file = await get(query, as);
      expect(file.status, `${JSON.stringify(query)}: ${file.text.slice(0, 300)}`).toBe(200);
    }
  });

  it('a non-member gets what the text route gives them, and no file', async () => {
    const outsider = await t.login(demo.observer.email);
    const own = await outsider.post('/api/dialogues', { title: 'A dialogue of my own' });
    expect(own.status).toBe(201);
    // Every demo member belongs to the demo dialogue: the stranger joins only the observer's own.
    const invite = await outsider.post(`/api/dialogues/${own.body.id}/invitations`, { role: 'observer' });
    const stranger = await joinAsNewAccount(t, invite.body.token, { email: 'stranger@accord.example', password: 'stranger password', displayName: 'Sam Stranger' });
    const text = await t.client(stranger.token).get(`${base()}/text`);
    const file = await download(t.url, stranger.token, exportPath({ format: 'docx' }));
    expect(text.status).toBeGreaterThanOrEqual(403);
    expect([file.status, file.json?.error?.code]).toEqual([text.status, text.body.error.code]);
    expect(file.headers.get('content-disposition')).toBeNull();
    const other = await download(t.url, stranger.token, `/api/dialogues/${f.dialogueId}/documents/${randomUUID()}/export?format=docx`);
    expect(other.status).toBe(text.status);
  });

  it('unauthenticated: 401, no file', async () => {
    const file = await download(t.url, undefined, exportPath({ format: 'docx' }));
    expect([file.status, file.json?.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(file.headers.get('content-disposition')).toBeNull();
  });
});

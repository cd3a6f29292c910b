/**
 * Documents in and out through the SDK, against a real server over real HTTP: what it can export, a
 * download with a bearer token, and an import's dry run, creation and refusals. How the SDK encodes
 * the same calls is in accord-api-exports-wire.test.ts.
 */
import { exportFormatInfo, exportFormats } from '@accord/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccordApi, AccordApiError } from '../src/index.js';
import { demo, startTestServer, type TestServer } from '../../../apps/server/test/support/test-server.js';

let t: TestServer;
let chair: AccordApi;
let dialogueId: string;
let documentId: string;

beforeAll(async () => {
  // PDF off: its refusal is part of what is checked, and no Chromium is started for this file.
  t = await startTestServer({ env: { CHROMIUM_PATH: 'none' } });
  chair = await t.api(demo.chair.email);
  dialogueId = (await chair.dialogues.list())[0]!.id;
  documentId = (await chair.documents.list(dialogueId))[0]!.id;
});

afterAll(async () => {
  await t?.close();
});

async function failure(call: Promise<unknown>): Promise<AccordApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AccordApiError)) throw new Error(`expected an AccordApiError, got ${String(error)}`);
  return error;
}

const ROLLING_TEXT = ['Box I. Characterisation', '', '1. States [shall][should] ensure human control.', '(a) first item;', '(b) second item.', ''].join('\n');
const textFile = (text: string) => new Blob([new TextEncoder().encode(text)], { type: 'text/plain' });

describe('exports', () => {
  it('lists every format once, with its label, and says why PDF is off', async () => {
    const { formats } = await chair.exports.formats();
    expect(formats.map((f) => f.format).toSorted()).toEqual([...exportFormats].toSorted());
    for (const f of formats) expect(f.label).toBe(exportFormatInfo[f.format].label);
    expect(formats.filter((f) => f.redline).map((f) => f.format).toSorted()).toEqual(['docx', 'html', 'pdf']);
    const pdf = formats.find((f) => f.format === 'pdf')!;
    expect(pdf.available).toBe(false);
    expect(pdf.reason).toMatch(/Chromium/);
  });

  it('downloads the current text with a bearer token, named from the symbol', async () => {
    const [document] = await chair.documents.list(dialogueId);
    const file = await chair.exports.download({ dialogueId, documentId, format: 'html' });
    expect(file.contentType).toBe(exportFormatInfo.html.contentType);
    expect(file.fileName).toBe(`${document!.symbol.replaceAll('/', '-')}.html`);
    expect(new TextDecoder().decode(file.bytes)).toMatch(/^<!DOCTYPE html>/i);
  });

  it('the link the page uses is the same route: fetched with the session, it answers the same file', async () => {
    const url = chair.exports.url({ dialogueId, documentId, format: 'html' });
    expect(url.startsWith(`${t.url}/api/`)).toBe(true);
    const response = await fetch(url, { headers: { authorization: `Bearer ${chair.token!}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('a PDF on a server without Chromium is 503 EXPORT_UNAVAILABLE', async () => {
    const error = await failure(chair.exports.download({ dialogueId, documentId, format: 'pdf' }));
    expect([error.status, error.code]).toEqual([503, 'EXPORT_UNAVAILABLE']);
  });
});

describe('import', () => {
  it('a dry run reports what it recognized and creates nothing', async () => {
    const before = await chair.documents.list(dialogueId);
    const { document, report } = await chair.documents.import({ dialogueId, file: textFile(ROLLING_TEXT), fileName: 'rolling.txt', dryRun: true });
    expect(document).toBeNull();
    expect(report.source).toBe('plain');
    expect(report.fileName).toBe('rolling.txt');
    expect(report.recognized.boxes.count).toBe(1);
    expect(report.recognized.paragraphs.count).toBe(1);
    expect(report.recognized.subparagraphs).toMatchObject({ count: 2 });
    expect(report.preview).toContain('(b) second item.');
    expect(report.needs).toEqual(expect.arrayContaining(['title', 'symbol']));
    expect(await chair.documents.list(dialogueId)).toHaveLength(before.length);
  });

  it('creates the document from the file, with its text as the first update', async () => {
    const { document, report } = await chair.documents.import({ dialogueId, file: textFile(ROLLING_TEXT), fileName: 'rolling.txt', title: 'Imported text', symbol: 'T15/AWS/2026/IMP.1' });
    expect(document).toMatchObject({ dialogueId, title: 'Imported text', symbol: 'T15/AWS/2026/IMP.1' });
    expect(report.needs).toEqual([]);
    const text = await chair.documents.text(dialogueId, document!.id);
    expect(text.text).toContain('States [shall][should] ensure human control.');
    expect(text.text).toContain('(a) first item;');
  });

  it('without a title the document is not created: 400 VALIDATION_FAILED naming title', async () => {
    const error = await failure(chair.documents.import({ dialogueId, file: textFile(ROLLING_TEXT), fileName: 'rolling.txt', symbol: 'T15/AWS/2026/IMP.2' }));
    expect([error.status, error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(error.fieldMessage('title')).toBeDefined();
  });

  it('a .docx that is not one is 422 FILE_UNREADABLE', async () => {
    const error = await failure(chair.documents.import({ dialogueId, file: textFile('not a zip at all'), fileName: 'fake.docx', dryRun: true }));
    expect([error.status, error.code]).toEqual([422, 'FILE_UNREADABLE']);
  });

  it('only the chair and the secretariat may import: a delegate is 403 ROLE_FORBIDDEN', async () => {
    const delegate = await t.api(demo.arandia.email);
    const error = await failure(delegate.documents.import({ dialogueId, file: textFile(ROLLING_TEXT), fileName: 'rolling.txt', dryRun: true }));
    expect([error.status, error.code]).toEqual([403, 'ROLE_FORBIDDEN']);
  });
});

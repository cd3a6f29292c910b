/// <reference lib="dom" />
import type { AccordApi } from '@accord/client';
import { demoRollingText } from '@accord/text/demo';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readDocxFile, readPdf, withoutSponsors } from '../../apps/server/test/support/exports.js';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium } from './support/browser.js';
import { paragraphCited } from './support/comment-pages.js';
import { revisionCard, showHistory } from './support/history-pages.js';

/**
 * Issue 13 end to end, in Chromium, on the demo dialogue (Chatham House Rule): the chair exports the
 * demo text from the Export menus (the document's header, a revision in the History panel, the compare
 * page) and the browser saves each file under the server's name; each file is opened as its reader
 * opens it (the DOCX unzipped, the PDF through poppler). The chair imports the DOCX just exported
 * and gets the same text back (without sponsors, which the rule kept out of the file), then imports a
 * redline, rejecting its tracked changes, and gets the older text. A delegate exports but is not
 * offered the import; a file of random bytes is refused beside the file field and nothing is created.
 *
 * A person looks at what this leaves in OUT: a PNG of the first page of each PDF, and screenshots of
 * an open menu and of the import dialog with its report.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the documents in and out end-to-end test: ${availability.reason}\n`);

const OUT = process.env.ACCORD_E2E_13_OUT ?? join(tmpdir(), 'accord-e2e-13', `documents-in-out-${new Date().toISOString().replaceAll(/[:.]/g, '-')}`);
/** The demo document's symbol, and the Rev.2 this test names at the demo text (the demo has only Rev.1). */
const SYMBOL = 'T15/AWS/2026/1';
const REV2_SYMBOL = `${SYMBOL}/Rev.2`;
/** Words that came after Rev.1 (demo-history.ts): Box III(2bis), and Box V(3)'s newer ending. */
const BIS_AFTER_REV1 = 'Nothing in paragraph 2 affects systems designed solely to intercept munitions';
const V3_NOW = 'within a responsible chain of human command and control';
const V3_REV1 = 'within a chain of command';
/** A proposal in the demo's compilation (demo-amendments.ts). */
const PROPOSAL = 'are designed or used to apply force against persons on the basis of sensor data profiles';
const LIVE = { timeout: 20_000 };

interface Saved {
  name: string;
  path: string;
  bytes: Uint8Array;
}

/** A paragraph as the editor draws it: where it is cited, its status, how many brackets it holds. */
interface DrawnParagraph {
  citation: string;
  status: string;
  brackets: number;
}

function drawnParagraphs(page: Page): Promise<DrawnParagraph[]> {
  return page.locator('[data-paragraph]').evaluateAll((nodes) =>
    nodes.map((node) => ({
      citation: node.getAttribute('data-citation') ?? '',
      status: node.getAttribute('data-status') ?? '',
      brackets: new Set([...node.querySelectorAll('[data-bracket]')].map((b) => b.getAttribute('data-id'))).size,
    })),
  );
}

/** The words of every `<w:ins>` of a WordprocessingML part. */
function insertedWords(documentXml: string): string {
  return [...documentXml.matchAll(/<w:ins\b[^>]*>([\s\S]*?)<\/w:ins>/g)].map((m) => [...m[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join(' ');
}

/** The first page of a PDF as a PNG (what a person looks at), beside the PDF. */
function firstPagePng(pdf: string): string {
  const prefix = pdf.replace(/\.pdf$/, '-page1');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}

const flat = (text: string): string => text.replaceAll(/\s+/g, ' ');

/** An import's report, as the SDK types the route's answer. */
type ImportReport = Awaited<ReturnType<AccordApi['documents']['import']>>['report'];

const shoot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

/** The counts the import report's table shows, per kind as it names them. */
function shownCounts(dialog: Locator): Promise<Record<string, number>> {
  return dialog.locator('.import-recognized tbody tr').evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.querySelector('th')?.textContent ?? '', Number(row.querySelector('td')?.textContent)])));
}

/**
 * Opens the Export menu in `scope` with a click, clicks an item of a group as a person does, and
 * saves the browser's download under the name the server gave it.
 */
async function exportFrom(page: Page, scope: Locator, group: string | RegExp, item: string, screenshot?: string): Promise<Saved> {
  await scope.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = scope.getByRole('menu');
  const choice = menu.getByRole('group', { name: group }).getByRole('menuitem', { name: item, exact: true });
  await choice.waitFor(LIVE);
  if (screenshot) await shoot(page, screenshot);
  const downloading = page.waitForEvent('download', LIVE);
  await choice.click();
  const download = await downloading;
  expect(await download.failure(), `${item} downloaded`).toBeNull();
  const name = download.suggestedFilename();
  const path = join(OUT, name);
  await download.saveAs(path);
  // The item is a link: the menu closes and the page stays where it was.
  await menu.waitFor({ state: 'hidden' });
  return { name, path, bytes: new Uint8Array(readFileSync(path)) };
}

describe.runIf(availability.run)('documents in and out in a real browser: the Export menus, and a DOCX imported back', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let chairApi: AccordApi;
  let dialogueId = '';
  let documentId = '';
  let documentUrl = '';
  let rev1Id = '';
  let chair: Page;
  const files: Record<'docx' | 'pdf' | 'redlineDocx' | 'redlinePdf' | 'redlineHtml' | 'compilationPdf', Saved | undefined> = {
    docx: undefined,
    pdf: undefined,
    redlineDocx: undefined,
    redlinePdf: undefined,
    redlineHtml: undefined,
    compilationPdf: undefined,
  };
  const pngs: string[] = [];
  /** The demo document's paragraphs as the chair's editor draws them. */
  let demoParagraphs: DrawnParagraph[] = [];

  const documentCount = async () => (await chairApi.documents.list(dialogueId)).length;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairApi = await server.api('chair@accord.example');
    const [dialogue] = await chairApi.dialogues.list();
    dialogueId = dialogue!.id;
    const demoDocument = (await chairApi.documents.list(dialogueId)).find((d) => d.symbol === SYMBOL);
    if (!demoDocument) throw new Error(`the demo has no document ${SYMBOL}`);
    documentId = demoDocument.id;
    documentUrl = `${server.url}/dialogues/${dialogueId}/documents/${documentId}`;
    const [rev1] = await chairApi.history.revisions(dialogueId, documentId);
    if (rev1?.label !== 'Rev.1') throw new Error('the demo document no longer starts with Rev.1');
    rev1Id = rev1.id;
    // A revision at the demo text, so its History card offers a redline against Rev.1 (Rev.1's has none).
    await chairApi.history.nameRevision(dialogueId, documentId, { label: 'Rev.2', symbol: REV2_SYMBOL, statusDate: '2026-12-01' });
    chair = await signedIn('chair');
    process.stderr.write(`documents in and out: files, PNGs and screenshots in ${OUT}\n`);
  }, 120_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shoot(chair, `failed-${task.name.slice(0, 40).replaceAll(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A browser context of its own, signed in over HTTP (the sign-in form has its own tests), downloads on. */
  async function signedIn(who: 'chair' | 'arandia'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
    const response = await context.request.post(`${server.url}/api/auth/login`, { data: { email: `${who}@accord.example`, password: DEMO_PASSWORD }, headers: { origin: server.url } });
    expect(response.status(), who).toBe(200);
    return page;
  }

  async function openDocument(page: Page, url = documentUrl): Promise<void> {
    await page.goto(url);
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  }


  /**
   * The next answer of the import route: the dry run the dialog sends when a file is chosen (or a
   * choice made), read as the dialog reads it, to check what the dialog shows against it. (Chromium
   * does not hand a multipart body with a file to Playwright, so the request cannot be told apart.)
   */
  const dryRunAnswer = (page: Page): Promise<Response> =>
    page.waitForResponse((r) => r.url().endsWith(`/api/dialogues/${dialogueId}/documents/import`) && r.request().method() === 'POST', LIVE);

  async function openImportDialog(page: Page): Promise<Locator> {
    await page.goto(`${server.url}/dialogues/${dialogueId}`);
    await page.getByRole('button', { name: 'Import a document' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a document' });
    await dialog.waitFor();
    return dialog;
  }

  it('the chair exports the text now as DOCX and PDF from the Export menu in the header', async () => {
    await openDocument(chair);
    demoParagraphs = await drawnParagraphs(chair);
    expect(demoParagraphs.length, 'the demo text is drawn').toBeGreaterThan(20);
    const header = chair.locator('.document-header');

    const docx = (files.docx = await exportFrom(chair, header, 'Current text', 'Word (DOCX)', '01-header-export-menu-open'));
    expect(docx.name).toBe('T15-AWS-2026-1.docx');
    const word = readDocxFile(docx.bytes);
    // Boxes are headings in the style a secretariat restyles, and the text is the demo's, brackets printed.
    expect(word.documentXml).toMatch(/<w:pStyle w:val="BoxHeading"\/>(?:(?!<\/w:p>)[\s\S])*Characterisation of lethal autonomous weapons systems/);
    expect(flat(word.text)).toContain('Box I');
    expect(flat(word.text)).toContain('can [identify,] select and engage [targets][military objectives]');
    expect(word.documentXml).not.toContain('<w:ins ');

    const pdf = (files.pdf = await exportFrom(chair, header, 'Current text', 'PDF'));
    expect(pdf.name).toBe('T15-AWS-2026-1.pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = flat(readPdf(pdf.bytes).text);
    expect(text).toContain('Box I.');
    expect(text).toMatch(/\[identify,\] select and engage \[targets\] ?\[military objectives\]/);
    expect(text).toContain(SYMBOL);
    pngs.push(firstPagePng(pdf.path));

    const compilation = (files.compilationPdf = await exportFrom(chair, header, 'Compilation of amendments', 'PDF'));
    expect(compilation.name).toBe('T15-AWS-2026-1-compilation.pdf');
    const compiled = flat(readPdf(compilation.bytes).text);
    expect(compiled).toContain('Compilation of amendments');
    expect(compiled).toContain(PROPOSAL);
    pngs.push(firstPagePng(compilation.path));
  });

  it('from the History panel, the redline of Rev.2 against Rev.1 as DOCX (real tracked changes) and PDF; from the compare page, as HTML', async () => {
    await showHistory(chair, 'Revisions');
    const rev2 = revisionCard(chair, 'Rev.2');
    await rev2.waitFor(LIVE);

    const redline = (files.redlineDocx = await exportFrom(chair, rev2, 'Redline against Rev.1', 'Word (DOCX)', '02-revision-export-menu-open'));
    expect(redline.name).toBe('T15-AWS-2026-1-Rev.2-redline-Rev.1.docx');
    const word = readDocxFile(redline.bytes);
    const inserted = flat(insertedWords(word.documentXml));
    // What the room changed after Rev.1 is inserted; the words of Rev.1 that stayed are not.
    expect(inserted).toContain(BIS_AFTER_REV1);
    expect(inserted).toContain('responsible');
    expect(inserted).not.toContain('Decisions on the use of force remain human decisions');
    // Authored by the category that named Rev.2, never a person (Chatham House).
    expect(new Set([...word.documentXml.matchAll(/w:author="([^"]*)"/g)].map((m) => m[1]))).toEqual(new Set(['Chair']));

    const redlinePdf = (files.redlinePdf = await exportFrom(chair, rev2, 'Redline against Rev.1', 'PDF'));
    expect(redlinePdf.name).toBe('T15-AWS-2026-1-Rev.2-redline-Rev.1.pdf');
    expect(flat(readPdf(redlinePdf.bytes).text)).toContain(BIS_AFTER_REV1);
    pngs.push(firstPagePng(redlinePdf.path));

    // Rev.1's card offers its own text (no redline: there is nothing before it).
    const rev1 = revisionCard(chair, 'Rev.1');
    await rev1.getByRole('button', { name: 'Export', exact: true }).click();
    const groups = await rev1.getByRole('menu').getByRole('group').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
    expect(groups).toEqual(['Text of Rev.1']);
    await chair.keyboard.press('Escape');

    // The compare page of Rev.1 with now, reached from Rev.1's card.
    await rev1.getByRole('link', { name: 'Compare with now' }).click();
    await chair.getByRole('heading', { level: 1, name: /^Redline/ }).waitFor(LIVE);
    const actions = chair.locator('.compilation-actions');
    const html = (files.redlineHtml = await exportFrom(chair, actions, /^Redline from Rev\.1\b.* to now$/, 'HTML', '03-compare-export-menu-open'));
    expect(html.name).toBe('T15-AWS-2026-1-redline-Rev.1.html');
    const page = new TextDecoder().decode(html.bytes);
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    const insertedHtml = [...page.matchAll(/<ins\b[^>]*>([\s\S]*?)<\/ins>/g)].map((m) => m[1]!.replaceAll(/<[^>]+>/g, '')).join(' ');
    expect(flat(insertedHtml)).toContain(BIS_AFTER_REV1);
    expect(flat(insertedHtml)).toContain('responsible');
    expect(await chair.evaluate(() => location.pathname)).toMatch(/\/compare$/);

    // The compilation page has the same menu.
    await chair.goto(`${documentUrl}/compilation`);
    const compilationActions = chair.locator('.compilation-actions');
    const compiled = await exportFrom(chair, compilationActions, 'Compilation of amendments', 'Word (DOCX)', '03b-compilation-export-menu-open');
    expect(compiled.name).toBe('T15-AWS-2026-1-compilation.docx');
    expect(flat(readDocxFile(compiled.bytes).text)).toContain(PROPOSAL);
  });

  it('the chair imports the DOCX just exported: the report, the title and symbol from the file, and the same text back', async () => {
    const before = await documentCount();
    const dialog = await openImportDialog(chair);
    const answered = dryRunAnswer(chair);
    await dialog.getByLabel('File').setInputFiles(files.docx!.path);
    const report = ((await (await answered).json()) as { report: ImportReport }).report;
    await dialog.getByRole('heading', { name: `What Accord found in ${files.docx!.name}` }).waitFor(LIVE);

    // The counts the server found, as the table shows them; the demo's five boxes and two footnotes.
    expect(report.recognized.boxes.count).toBe(5);
    expect(report.recognized.footnotes.count).toBe(2);
    expect(report.recognized.sponsors.count, 'Chatham House: no sponsors were printed').toBe(0);
    expect(report.recognized.brackets.count).toBeGreaterThan(30);
    const counts = await shownCounts(dialog);
    expect(Object.values(counts)).toEqual(Object.values(report.recognized).map((kind) => kind.count));
    // The one line not read as text is the note the rule printed under the title: left out, and said so.
    expect(report.unrecognized.map((line) => [line.text, line.keptAs])).toEqual([['Sponsors are not shown: this dialogue is held under the Chatham House Rule.', 'dropped']]);
    const unrecognized = await dialog.locator('.import-unrecognized li').allTextContents();
    expect(unrecognized).toHaveLength(1);
    expect(unrecognized[0]).toMatch(/^Line \d+ Left out Sponsors are not shown: this dialogue is held under the Chatham House Rule\./);
    // The preview is the text that will be created: the demo text, without what the rule kept out.
    const preview = dialog.getByRole('region', { name: 'Preview' });
    expect(await preview.locator('pre').textContent()).toBe(withoutSponsors(demoRollingText));
    // No tracked changes, no comments: nothing to choose.
    expect(await dialog.getByRole('radio').count()).toBe(0);

    const title = dialog.getByLabel('Title');
    const symbol = dialog.getByLabel('Symbol');
    expect(await title.inputValue()).toBe('Rolling text on lethal autonomous weapons systems');
    expect(await symbol.inputValue()).toBe(SYMBOL);
    await shoot(chair, '04-import-report');
    await dialog.screenshot({ path: join(OUT, '04b-import-dialog.png') });
    await dialog.locator('.import-report').screenshot({ path: join(OUT, '04c-import-report-table.png') });
    await symbol.scrollIntoViewIfNeeded();
    await dialog.screenshot({ path: join(OUT, '04d-import-preview-title-symbol.png') });
    await symbol.fill('T15/AWS/2026/1/IMPORTED');
    await dialog.getByRole('button', { name: 'Create document' }).click();

    await chair.waitForURL(/\/documents\/[^/]+$/, LIVE);
    await chair.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    const created = new URL(chair.url()).pathname.split('/').at(-1)!;
    expect(created).not.toBe(documentId);
    expect(await documentCount()).toBe(before + 1);
    expect(await chair.locator('.document-header').textContent()).toContain('T15/AWS/2026/1/IMPORTED');

    // The same boxes, paragraphs, labels, statuses and brackets as the demo text drawn earlier.
    expect(await drawnParagraphs(chair)).toEqual(demoParagraphs);
    expect(await paragraphCited(chair, 'Box I(2bis)').textContent()).toContain('The following functions do not, by themselves');
    expect(await paragraphCited(chair, 'Box I(1)').getAttribute('data-status')).toBe('agreed');
    expect(await paragraphCited(chair, 'Box I(2)').locator('[data-bracket]').first().textContent()).toBe('identify,');
    expect(await chair.locator('[data-footnote]').count()).toBe(2);
    expect((await chairApi.documents.text(dialogueId, created)).text).toBe(withoutSponsors(demoRollingText));
    await shoot(chair, '05-imported-document');
  });

  it('the chair imports the redline: the tracked changes must be accepted or rejected; rejected, the text is Rev.1', async () => {
    const before = await documentCount();
    const dialog = await openImportDialog(chair);
    const answered = dryRunAnswer(chair);
    await dialog.getByLabel('File').setInputFiles(files.redlineDocx!.path);
    const report = ((await (await answered).json()) as { report: ImportReport }).report;
    expect(report.trackedChanges.insertions).toBeGreaterThan(0);
    expect(report.needs).toContain('trackedChanges');
    const choice = dialog.getByRole('group', { name: 'Tracked changes' });
    await choice.waitFor(LIVE);
    expect(await choice.textContent()).toMatch(/The file holds \d+ insertions?/);
    await choice.screenshot({ path: join(OUT, '06a-import-redline-tracked-changes.png') });

    // Not chosen: nothing is sent, the choice says why.
    await dialog.getByLabel('Symbol').fill('T15/AWS/2026/1/REJECTED');
    const sent: string[] = [];
    chair.on('request', (r) => {
      if (r.url().endsWith('/documents/import')) sent.push(r.method());
    });
    await dialog.getByRole('button', { name: 'Create document' }).click();
    await choice.locator('.field-error').waitFor(LIVE);
    await shoot(chair, '06-import-redline-needs-choice');
    expect(sent).toEqual([]);

    const rejected = dryRunAnswer(chair);
    await choice.getByRole('radio', { name: /^Reject all changes/ }).check();
    const rejectedReport = ((await (await rejected).json()) as { report: ImportReport }).report;
    expect(rejectedReport.trackedChanges.applied).toBe('reject');
    await dialog.getByRole('heading', { name: 'Preview (changes rejected)' }).waitFor(LIVE);
    const rev1Text = withoutSponsors(await chairApi.history.revisionPlainText(dialogueId, documentId, rev1Id));
    expect(rev1Text).not.toContain(BIS_AFTER_REV1);
    expect(await dialog.getByRole('region', { name: /^Preview/ }).locator('pre').textContent()).toBe(rev1Text);
    await dialog.screenshot({ path: join(OUT, '07-import-redline-rejected.png') });
    await dialog.getByRole('button', { name: 'Create document' }).click();

    await chair.waitForURL(/\/documents\/[^/]+$/, LIVE);
    await chair.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    const created = new URL(chair.url()).pathname.split('/').at(-1)!;
    expect(await documentCount()).toBe(before + 1);
    // Rev.1: no Box III(2bis), Box V(3) in its older words, Box I(3) still under negotiation.
    expect(await paragraphCited(chair, 'Box III(2bis)').count()).toBe(0);
    expect(await paragraphCited(chair, 'Box III(3)').textContent()).toContain('For all other lethal autonomous weapons systems');
    expect(flat((await paragraphCited(chair, 'Box V(3)').textContent()) ?? '')).toContain(V3_REV1);
    expect(flat((await paragraphCited(chair, 'Box V(3)').textContent()) ?? '')).not.toContain(V3_NOW);
    expect(await paragraphCited(chair, 'Box I(3)').getAttribute('data-status')).toBe('under_negotiation');
    expect(await paragraphCited(chair, 'Box I(3)').getAttribute('data-status')).not.toBe(demoParagraphs.find((p) => p.citation === 'Box I(3)')?.status);
    expect((await chairApi.documents.text(dialogueId, created)).text).toBe(rev1Text);
    await shoot(chair, '08-imported-redline-rejected');
  });

  it('a delegate exports from the same menu, and is not offered the import', async () => {
    const delegate = await signedIn('arandia');
    try {
      await openDocument(delegate);
      const docx = await exportFrom(delegate, delegate.locator('.document-header'), 'Current text', 'Word (DOCX)');
      expect(docx.name).toBe('T15-AWS-2026-1.docx');
      expect(readDocxFile(docx.bytes).documentXml).toContain('Characterisation of lethal autonomous weapons systems');
      await delegate.goto(`${server.url}/dialogues/${dialogueId}`);
      await delegate.getByRole('heading', { name: 'Documents', level: 2 }).waitFor(LIVE);
      await delegate.getByRole('link', { name: /Rolling text on lethal autonomous weapons systems/ }).first().waitFor(LIVE);
      expect(await delegate.getByRole('button', { name: 'Import a document' }).count()).toBe(0);
      expect(await delegate.getByText('Existing text').count()).toBe(0);
    } finally {
      await delegate.context().close();
    }
  });

  it('a file of random bytes named .docx is refused beside the file field, and nothing is created', async () => {
    const before = await documentCount();
    const hostile = join(OUT, 'random-bytes.docx');
    writeFileSync(hostile, randomBytes(8192));
    const dialog = await openImportDialog(chair);
    const answered = dryRunAnswer(chair);
    await dialog.getByLabel('File').setInputFiles(hostile);
    const refusal = await answered;
    expect(refusal.status()).toBe(422);
    expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe('FILE_UNREADABLE');

    const file = dialog.getByLabel('File');
    await dialog.locator('.field-invalid input[type="file"]').waitFor(LIVE);
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    // The message is the file field's own, read out with it.
    const described = await file.evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain('Accord cannot read this file: it is damaged, or not the kind of file its name says.');
    expect(await dialog.locator('.import-report').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create document' }).click();
    await shoot(chair, '09-import-random-bytes');
    await dialog.screenshot({ path: join(OUT, '09b-import-random-bytes-dialog.png') });
    expect(await dialog.isVisible()).toBe(true);
    expect(await documentCount()).toBe(before);
    process.stderr.write(`documents in and out: first pages of the PDFs: ${pngs.join(', ')}\n`);
  });
});

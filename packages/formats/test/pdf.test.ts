/**
 * The PDF export in real headless Chromium: the HTML page printed to A4, its text (pdftotext) the
 * printed text, its metadata rewritten (Title, Creator and Producer "Accord", no Author, no XMP), and
 * a PNG of each first page left in /tmp/accord-pdf for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from '../src/html/to-html.js';
import { cleanPdfMetadata } from '../src/pdf/clean-metadata.js';
import { renderPdf, type PdfBrowser } from '../src/pdf/render.js';
import { printedLines, printRedline, printText, runsText, type PrintedDocument } from '../src/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, IN_CI, missingPdfTools } from './support/chromium.js';
import { demoDoc, demoPair, DEMO_SPONSORS } from './support/demo-texts.js';
import { FRONT } from './support/front.js';

const OUT = '/tmp/accord-pdf';
const missing = missingPdfTools();
if (missing && !IN_CI) process.stderr.write(`Skipping the PDF tests: ${missing}\n`);

/** Whitespace out: the PDF wraps lines where the text has none ("][", "]{"), and pads labels with spaces. */
const squash = (s: string): string => s.replace(/\s+/g, '');

/** Every line, in order, in the PDF's text; footnote references print as their numbers. */
function expectLinesInOrder(text: string, lines: string[]): void {
  const flat = squash(text);
  let from = 0;
  for (const line of lines) {
    const at = flat.indexOf(squash(line), from);
    expect(at, `${line}\n--- not found after offset ${from} in the PDF text`).toBeGreaterThanOrEqual(0);
    from = at;
  }
}

describe.runIf(IN_CI)('PDF tools in CI', () => {
  it('has Chromium and poppler-utils', () => {
    expect(missing).toBeNull();
  });
});

describe.skipIf(missing !== null)('renderPdf + cleanPdfMetadata in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Print, clean, write `<name>.pdf` and the first page as `<name>-1.png`; return the bytes and text. */
  async function exportPdf(name: string, printed: PrintedDocument): Promise<{ bytes: Uint8Array; text: string; info: string }> {
    const target: PdfBrowser = browser; // the server's playwright Browser is a PdfBrowser as it is
    const raw = await renderPdf(toHtml(printed), target);
    const bytes = await cleanPdfMetadata(raw, { title: printed.front.title });
    const file = `${OUT}/${name}.pdf`;
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, `${OUT}/${name}-1`]);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
    return { bytes, text, info };
  }

  it('prints the demo text: pdftotext reads the printed text, metadata is Accord and the title only', async () => {
    const printed = printText(demoDoc(), FRONT, { sponsors: true });
    const { bytes, text, info } = await exportPdf('text', printed);
    let n = 0;
    expectLinesInOrder(text, [FRONT.symbol, 'Status: 1 September 2026', FRONT.title, ...printedLines(printed, { footnote: () => String(++n) })]);
    expect(squash(text)).toContain(squash('1. The Chair understands "peaceful uses" to include dual-use research'));
    expect(info).toMatch(/^Title: +Rolling text on lethal autonomous weapons systems$/m);
    expect(info).toMatch(/^Creator: +Accord$/m);
    expect(info).toMatch(/^Producer: +Accord$/m);
    expect(info).not.toMatch(/^Author:/m);
    expect(info).toMatch(/^Page size: +59[45]\.\d+ x 841\.\d+ pts \(A4\)$/m);
    expect(info).toMatch(/^Metadata Stream: +no$/m);
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).not.toMatch(/Chromium|Skia|HeadlessChrome|x:xmpmeta|\/Author/);
    expect(execFileSync('pdfinfo', ['-meta', `${OUT}/text.pdf`], { encoding: 'utf8' }).trim()).toBe('');
  });

  it('rewrites Chromium\'s Info in place, any title (non-ASCII, or too long to fit, which takes the slower path)', async () => {
    const raw = await renderPdf(toHtml(printText(demoDoc(), FRONT, { sponsors: true })), browser);
    expect(Buffer.from(raw).toString('latin1')).toMatch(/HeadlessChrome|Skia/); // what there is to remove
    for (const title of ['Texte évolutif — « Rev.1 » (projet)', `A long title ${'x'.repeat(400)}`]) {
      const bytes = await cleanPdfMetadata(raw, { title });
      const file = `${OUT}/retitled.pdf`;
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
      expect(info).toContain(`Title:           ${title}\n`);
      expect(info).toMatch(/^Creator: +Accord$/m);
      expect(info).toMatch(/^Producer: +Accord$/m);
      expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/HeadlessChrome|Skia|Mozilla/);
      if (title.length < 100) expect(bytes.length).toBe(raw.length); // in place: no offset moved
      expect(squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))).toContain(squash(FRONT.title));
    }
  });

  it('removes an Author and every XMP stream from any other PDF', async () => {
    const other = await PDFDocument.create();
    other.addPage();
    other.setAuthor('Ana Example');
    other.setSubject('Notes by Ana Example');
    const xmp = other.context.stream('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Ana Example</dc:creator></x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' });
    other.catalog.set(PDFName.of('Metadata'), other.context.register(xmp));
    const bytes = await cleanPdfMetadata(await other.save(), { title: 'Rolling text' });
    writeFileSync(`${OUT}/other.pdf`, bytes);
    const info = execFileSync('pdfinfo', [`${OUT}/other.pdf`], { encoding: 'utf8' });
    expect(info).toMatch(/^Title: +Rolling text$/m);
    expect(info).not.toMatch(/^(Author|Subject):/m);
    expect(info).toMatch(/^Metadata Stream: +no$/m);
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('Ana Example');
  });

  it('without sponsors, no delegation is named anywhere in the PDF', async () => {
    const { bytes, text } = await exportPdf('text-no-sponsors', printText(demoDoc(), FRONT, { sponsors: false }));
    const raw = Buffer.from(bytes).toString('latin1');
    for (const name of DEMO_SPONSORS) {
      expect(text).not.toContain(name);
      expect(raw).not.toContain(name);
    }
  });

  it('prints a redline: both texts, each change where it stands, moves noted', async () => {
    const { older, newer } = demoPair();
    const printed = printRedline(older, newer, { ...FRONT, subtitle: 'Redline: Rev.2 (newer) compared with Rev.1 (older)' }, { sponsors: true }, { author: 'Chair', date: '2026-12-06T12:00:00Z' });
    const { text } = await exportPdf('redline', printed);
    expect(text).toContain('Moved to Box III');
    expect(text).toContain('A new paragraph inserted in this session.');
    // Every piece of both texts is on the page in the order of the printed redline.
    let n = 0;
    expectLinesInOrder(text, printedLines(printed, { footnote: () => String(++n) }));
  });

  it('prints a compilation with the proposals under their paragraph', async () => {
    const printed = printText(demoDoc(), { ...FRONT, subtitle: 'Compilation of amendments' }, { sponsors: true });
    const target = printed.boxes[2]!.blocks[1]!;
    target.proposals = [
      { heading: 'Amendment 1: replace. Proposed by Government. Submitted.', runs: [{ kind: 'text', role: 'words', text: 'shall', inBracket: false, change: 'delete' }, { kind: 'text', role: 'words', text: 'should', inBracket: false, change: 'insert' }], notes: ['Justification: consistency with Box II.'] },
    ];
    const { text } = await exportPdf('compilation', printed);
    const paragraph = runsText(target.runs, undefined, () => '');
    expect(squash(text)).toContain(squash(`${paragraph} Amendment 1: replace. Proposed by Government. Submitted. shallshould Justification: consistency with Box II.`));
  });

  it('leaves a PNG of each first page for a person to look at', () => {
    expect.hasAssertions();
    for (const name of ['text', 'redline', 'compilation']) {
      const png = readFileSync(`${OUT}/${name}-1.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5000);
    }
  });
});

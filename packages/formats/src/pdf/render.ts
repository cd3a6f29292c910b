/**
 * The PDF export: the HTML page printed by headless Chromium, then its metadata rewritten. The
 * browser is the server's (playwright-core); this module only needs the few calls below, so it does
 * not depend on playwright and a test can hand it any browser that has them.
 */
import { PDFDocument, PDFName, PDFRawStream, PDFDict, PDFStream } from 'pdf-lib';

export interface PdfPage {
  setContent(html: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' }): Promise<void>;
  pdf(options?: { format?: string; printBackground?: boolean; preferCSSPageSize?: boolean; tagged?: boolean; outline?: boolean }): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** What a playwright-core Browser offers and the PDF export uses. */
export interface PdfBrowser {
  newPage(): Promise<PdfPage>;
}

/**
 * Print the page as the stylesheet's `@page` says (A4, margins, page numbers), backgrounds on, tagged
 * for screen readers, with an outline from the headings. The bytes still carry Chromium's metadata:
 * pass them through cleanPdfMetadata before they leave the server.
 */
export async function renderPdf(html: string, browser: PdfBrowser): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const bytes = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await page.close();
  }
}

/** What the Info dictionary keeps: anything else (Author, Subject, Keywords, a private key) goes. */
const KEPT_INFO = new Set(['Title', 'Creator', 'Producer', 'CreationDate', 'ModDate']);

/**
 * The PDF's metadata made ours: Title the document's title, Creator and Producer "Accord", no Author,
 * no subject or keywords, and no XMP stream at all (Chromium's names the software and could carry
 * whatever a later version adds; under the Chatham House Rule nothing in the file may name anyone).
 * Objects are written uncompressed so that a byte search of the file sees the metadata as it is.
 */
export async function cleanPdfMetadata(bytes: Uint8Array, meta: { title: string }): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setCreator('Accord');
  pdf.setProducer('Accord');
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  for (const key of info.keys()) if (!KEPT_INFO.has(key.decodeText())) info.delete(key);

  // Every XMP stream goes, referenced from the catalog or from anywhere else, and the object with it:
  // pdf-lib writes every object it holds, referenced or not.
  pdf.catalog.delete(PDFName.of('Metadata'));
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict) object.delete(PDFName.of('Metadata'));
    const dict = object instanceof PDFStream || object instanceof PDFRawStream ? object.dict : null;
    if (dict?.get(PDFName.of('Type')) === PDFName.of('Metadata')) pdf.context.delete(ref);
  }
  return pdf.save({ useObjectStreams: false });
}

/**
 * The PDF export: the HTML page printed by headless Chromium, then its metadata rewritten. The
 * browser is the server's (playwright-core); this module only needs the few calls below, so it does
 * not depend on playwright and a test can hand it any browser that has them.
 */
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

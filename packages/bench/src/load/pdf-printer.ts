/**
 * HTML printed to PDF by headless Chromium the way the server's export does
 * (apps/server/src/exports/pdf-renderer.ts): one browser started once and kept, a fresh context per
 * render (no JavaScript, offline, every request refused), `setContent` until loaded, then
 * `page.pdf` with the page size the CSS asks for. D1 times the export's HTML and a blank page
 * through the same printer, so the difference is what the export adds to Chromium's own cost.
 */
import type { Browser } from 'playwright-core';
import { findChromium } from './editor-key-to-paint.js';

/** The server's launch arguments, less --disable-dev-shm-usage, which the brief for D1 leaves out too. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const BLANK_PAGE = '<html><body></body></html>';

export class PdfPrinter {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<PdfPrinter> {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('no Chromium found (install it, or set CHROMIUM_PATH)');
    const { chromium } = await import('playwright-core');
    return new PdfPrinter(await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }));
  }

  async print(html: string): Promise<Uint8Array> {
    const context = await this.browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}

/** Pages in a PDF, counted from its page objects (Chromium writes them uncompressed). */
export function pdfPages(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

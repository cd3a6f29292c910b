/**
 * PDF export: the same HTML as the HTML export, printed by headless Chromium, so there is no second
 * layout to keep in step. One browser per server, started on the first PDF and kept; a few pages at
 * a time. The page may load nothing: the HTML is self-contained, and every request it would make is
 * refused, so an export can never reach the network whatever a text holds.
 */
import { cleanPdfMetadata } from '@accord/formats';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Browser } from 'playwright-core';
import { AppError } from '../common/app-error.js';
import { CONFIG, LOGGER } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * A render that takes longer than this is abandoned (a 503), not waited on forever: its page is
 * closed, which stops Chromium printing it. Setting the content and printing share the one deadline
 * (a 20,000-paragraph text took over two minutes to print and 3 GB in Chromium).
 */
const RENDER_TIMEOUT_MS = 60_000;
/** PDFs waiting for a free page beyond the ones rendering: past this the server is busy (a 503). */
const MAX_WAITING = 8;

@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Members with a PDF rendering or waiting: one at a time each, so no one member fills the queue. */
  private readonly members = new Set<string>();

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Why PDF cannot be made here, or null when it can. */
  unavailableReason(): string | null {
    return this.config.pdf.chromiumPath ? null : 'PDF export needs Chromium on the server (install it, or set CHROMIUM_PATH)';
  }

  /** The PDF of a page of HTML, for `member` (one at a time each). */
  async render(html: string, title: string, member: string): Promise<Uint8Array> {
    const reason = this.unavailableReason();
    if (reason) throw new AppError('EXPORT_UNAVAILABLE', reason);
    if (this.members.has(member)) throw new AppError('RATE_LIMITED', 'A PDF you asked for is still being made: wait for it, then ask again', { retryAfterSeconds: 5 });
    if (this.running >= this.config.pdf.rendersAtOnce && this.waiting.length >= MAX_WAITING) {
      throw new AppError('EXPORT_UNAVAILABLE', 'The server is making many PDFs just now: try again in a minute, or export DOCX');
    }
    this.members.add(member);
    try {
      await this.slot();
      try {
        return await this.print(html, title);
      } finally {
        this.release();
      }
    } finally {
      this.members.delete(member);
    }
  }

  private async print(html: string, title: string): Promise<Uint8Array> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const browser = await this.launch();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new AppError('EXPORT_UNAVAILABLE', 'The PDF took too long to make (the text is very long): export DOCX instead'));
          // Closing the page stops Chromium's work on it; the print below then fails, unheard.
          void context.close().catch(() => undefined);
        }, RENDER_TIMEOUT_MS);
      });
      const printing = (async () => {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
        return page.pdf({ preferCSSPageSize: true, printBackground: true });
      })();
      printing.catch(() => undefined);
      try {
        const pdf = await Promise.race([printing, deadline]);
        return await cleanPdfMetadata(pdf, { title });
      } finally {
        await context.close().catch(() => undefined);
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.logger.error({ err: error }, 'PDF rendering failed');
      throw new AppError('EXPORT_UNAVAILABLE', 'The PDF could not be rendered; try again, or export DOCX');
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      // Playwright is loaded with the first PDF, not at boot: it is 40 MB of a server at rest.
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath: this.config.pdf.chromiumPath!, args: CHROMIUM_ARGS, headless: true }),
      );
      this.browser = launching;
      launching.then(
        // A browser that crashes or is killed is started afresh by the next render.
        (browser) => browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        }),
        () => {
          if (this.browser === launching) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  private slot(): Promise<void> {
    if (this.running < this.config.pdf.rendersAtOnce) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}

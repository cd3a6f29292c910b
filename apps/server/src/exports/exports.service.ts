/**
 * Exports: a document's text now, at a revision or a log position, a redline between two points, or
 * the compilation of amendments, in each format (docs/documents-in-and-out.md). Every format is
 * rendered from one print layout built from the model (`@accord/formats`). Under the Chatham House
 * Rule nothing that leaves the room names anyone: sponsors are not printed, tracked changes are
 * authored by a category, and the file metadata and name carry only the symbol and the title.
 */
import { categoryOf, type ExportFormat, exportFormatInfo, type ExportQuery, type MemberRole } from '@accord/contract';
import {
  type AknAuthorRole,
  type AknInput,
  type FrontMatter,
  printCompilation,
  printRedline,
  printText,
  type PrintedDocument,
  type PrintOptions,
  toAkn,
  toDocx,
  toHtml,
  toMarkdown,
  toPlain,
} from '@accord/formats';
import { TokenBucket } from '@accord/sync';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Node } from 'prosemirror-model';
import { CompilationService } from '../amendments/compilation.service.js';
import { AppError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import { CLOCK, CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { HistoryContexts } from '../history/history-context.js';
import { type Position, Positions } from '../history/positions.js';
import { TextAtReader } from '../history/text-at.js';
import { exportFileName } from './export-file-name.js';
import { PdfRenderer } from './pdf-renderer.js';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
}

/** One side of an export: the text at a point, and what names it. */
interface Side {
  position: Position;
  text: Node;
}

/**
 * Making a file costs the server's one thread time (a 20,000-paragraph DOCX holds it for six
 * seconds): each member may spend as much of it a second as on rebuilding past texts
 * (HISTORY_REPLAY_MS_PER_SECOND), with a burst of this many seconds' worth. Past it, a 429.
 */
const EXPORT_BURST_SECONDS = 10;

@Injectable()
export class ExportsService {
  private readonly budgets = new LRUCache<string, TokenBucket>({ max: 10_000 });

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly contexts: HistoryContexts,
    private readonly documents: DocumentsRepository,
    private readonly positions: Positions,
    private readonly texts: TextAtReader,
    private readonly compilations: CompilationService,
    private readonly pdf: PdfRenderer,
  ) {}

  capabilities() {
    const pdfReason = this.pdf.unavailableReason();
    return {
      formats: (Object.keys(exportFormatInfo) as ExportFormat[]).map((format) => ({
        format,
        label: exportFormatInfo[format].label,
        available: format !== 'pdf' || pdfReason === null,
        reason: format === 'pdf' ? pdfReason : null,
        redline: format === 'docx' || format === 'pdf' || format === 'html',
      })),
    };
  }

  async export(userId: string, dialogueId: string, documentId: string, query: ExportQuery): Promise<ExportedFile> {
    const context = await this.contexts.require(userId, dialogueId, documentId, query.compilation ? 'amendments.view' : 'documents.view');
    // Fail fast, before any text is read, when the format cannot be made on this server.
    if (query.format === 'pdf' && this.pdf.unavailableReason()) throw new AppError('EXPORT_UNAVAILABLE', this.pdf.unavailableReason()!);
    const document = await this.documents.find(dialogueId, documentId);
    if (!document) throw new AppError('NOT_FOUND', 'No such document in this dialogue');
    const budget = this.budget(userId);
    if (!budget.take(0)) throw new AppError('RATE_LIMITED', 'Too many files exported in a short time; wait a moment', { retryAfterSeconds: budget.retryAfter(0) });
    const started = performance.now();
    const options: PrintOptions = { sponsors: context.mode !== 'chatham_house' };
    const newer = await this.side(documentId, query.revision, 'revision', userId);
    const older = query.compare === undefined ? null : await this.side(documentId, query.compare, 'compare', userId);

    const front: FrontMatter = {
      symbol: newer.position.stored?.symbol ?? document.symbol,
      title: document.title,
      statusDate: newer.position.stored?.statusDate ?? (newer.position.ref === 'current' ? this.clock.now().toISOString().slice(0, 10) : null),
      revisionLabel: newer.position.stored?.label ?? null,
      subtitle: older ? `Redline: ${sideName(newer.position)} compared with ${sideName(older.position)}` : query.compilation ? 'Compilation of amendments' : null,
      notes: options.sponsors ? [] : ['Sponsors are not shown: this dialogue is held under the Chatham House Rule.'],
    };

    let printed: PrintedDocument;
    if (older) {
      const author = newer.position.stored ? categoryOf(newer.position.stored.createdRole as MemberRole) : 'Accord';
      printed = printRedline(older.text, newer.text, front, options, { author, date: this.clock.now().toISOString() });
    } else if (query.compilation) {
      printed = printCompilation(newer.text, await this.compilations.json(userId, dialogueId, documentId), front, options);
    } else {
      printed = printText(newer.text, front, options);
    }

    const info = exportFormatInfo[query.format];
    const fileName = exportFileName({
      symbol: front.symbol,
      qualifier: newer.position.stored ? (newer.position.stored.symbol ? null : newer.position.stored.label) : newer.position.ref === 'current' ? null : `seq-${newer.position.seq}`,
      comparedWith: older ? (older.position.stored?.label ?? (older.position.ref === 'current' ? 'current' : `seq-${older.position.seq}`)) : null,
      compilation: query.compilation === true,
      extension: info.extension,
    });
    const author: AknAuthorRole = newer.position.stored?.createdRole === 'secretariat' ? 'secretariat' : 'chair';
    if (query.format === 'pdf') {
      // The budget pays for this thread's work; Chromium's is bounded by the renderer (one PDF per
      // member at a time, a short queue, a deadline), so a person exporting a few PDFs in a row is
      // never refused for the time Chromium took.
      const html = toHtml(printed);
      budget.charge(performance.now() - started);
      return { fileName, contentType: info.contentType, body: await this.pdf.render(html, printed.front.title, userId) };
    }
    try {
      return { fileName, contentType: info.contentType, body: await this.render(query.format, printed, { doc: newer.text, front, options, author }) };
    } finally {
      budget.charge(performance.now() - started);
    }
  }

  private budget(member: string): TokenBucket {
    let budget = this.budgets.get(member);
    if (!budget) {
      const rate = this.config.historyReplayMsPerSecond;
      budget = new TokenBucket(rate, rate * EXPORT_BURST_SECONDS);
      this.budgets.set(member, budget);
    }
    return budget;
  }

  private async render(format: Exclude<ExportFormat, 'pdf'>, printed: PrintedDocument, akn: Omit<AknInput, 'compilation' | 'generatedOn'>): Promise<Uint8Array | string> {
    switch (format) {
      case 'docx':
        return toDocx(printed);
      case 'html':
        return toHtml(printed);
      case 'akn':
        return toAkn({ ...akn, generatedOn: this.clock.now().toISOString().slice(0, 10), ...(printed.kind === 'compilation' ? { compilation: printed } : {}) });
      case 'plain':
        return toPlain(printed);
      case 'markdown':
        return toMarkdown(printed);
    }
  }

  private async side(documentId: string, ref: string, field: string, userId: string): Promise<Side> {
    const position = await this.positions.resolve(documentId, ref, field);
    const text = position.ref === 'current' ? (await this.texts.current(documentId)).text : await this.texts.at(documentId, position.seq, userId);
    if (!text) throw new AppError('TEXT_UNREADABLE', `${field}: the document has no text at that point`, { fields: [{ field, message: 'has no text at that point' }] });
    return { position, text };
  }
}

function sideName(position: Position): string {
  if (position.stored) return position.stored.label;
  return position.ref === 'current' ? 'the current text' : `the text after change ${position.seq}`;
}

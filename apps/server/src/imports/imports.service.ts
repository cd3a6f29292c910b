/**
 * Documents in: a chair or the secretariat creates a document from a DOCX, Markdown or the plain-text
 * format (docs/documents-in-and-out.md). The file is read into lines, the recognizer finds the
 * structure, and the chair sees a report before anything is created: a dry run creates nothing, and
 * an import of a DOCX with tracked changes or comments waits for the chair's choice about them.
 */
import type { ImportFields, ImportReport, ImportResult, ImportSource } from '@accord/contract';
import { ImportRefusal, MAX_DOCX_PARAGRAPHS, readDocx, readMarkdown } from '@accord/formats';
import { toJSON, toPlainText, validateDocument } from '@accord/text';
import { linesFromPlainText, recognizeText, type SourceLine } from '@accord/text/recognize';
import { Injectable } from '@nestjs/common';
import { AppError, type FieldIssue } from '../common/app-error.js';
import type { RequestInfo } from '../common/request-info.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DocumentsService } from '../documents/documents.service.js';
import { importSourceOf } from './import-source.js';

export interface UploadedFile {
  bytes: Uint8Array;
  fileName: string;
}

interface ReadFile {
  source: ImportSource;
  lines: SourceLine[];
  trackedChanges: ImportReport['trackedChanges'];
  comments: ImportReport['comments'];
  warnings: string[];
}

const NONE_TRACKED = { insertions: 0, deletions: 0, moves: 0, examples: [], applied: null };

@Injectable()
export class ImportsService {
  constructor(
    private readonly access: DialogueAccess,
    private readonly documents: DocumentsService,
    private readonly documentsRepository: DocumentsRepository,
  ) {}

  async import(actorId: string, dialogueId: string, file: UploadedFile | undefined, fields: ImportFields, request: RequestInfo): Promise<ImportResult> {
    await this.access.require(actorId, dialogueId, 'documents.import');
    if (!file || file.bytes.byteLength === 0) {
      throw new AppError('VALIDATION_FAILED', 'file is required: a .docx, .md or .txt file', { fields: [{ field: 'file', message: 'is required: a .docx, .md or .txt file' }] });
    }
    const read = this.read(file, fields);
    refuseTooMuchText(read.lines);
    const { doc, report: recognition } = recognizeText(read.lines);
    const validation = validateDocument(toJSON(doc));
    if (!validation.ok) {
      // The recognizer promises a valid text; if it ever breaks that promise, nothing is created.
      throw refusal('FILE_UNREADABLE', `The file's structure could not be turned into a rolling text (${validation.problems[0]?.message ?? 'invalid'})`);
    }
    const needs: ImportReport['needs'] = [];
    const warnings = [...read.warnings];
    if (!fields.title && !recognition.front.title) needs.push('title');
    const symbol = fields.symbol ?? recognition.front.symbol;
    if (!symbol) needs.push('symbol');
    // Said in the dry run, not only by Create's 409: re-importing an export of this dialogue meets its own symbol.
    else if (await this.documentsRepository.symbolTaken(dialogueId, symbol)) {
      needs.push('symbol');
      warnings.push(`This dialogue already has a document ${symbol}: choose another symbol`);
    }
    if (read.trackedChanges.insertions + read.trackedChanges.deletions + read.trackedChanges.moves > 0 && !fields.trackedChanges) needs.push('trackedChanges');
    if (read.comments.count > 0 && !fields.comments) needs.push('comments');
    const report: ImportReport = {
      source: read.source,
      fileName: file.fileName,
      suggested: { title: recognition.front.title, symbol: recognition.front.symbol, statusDate: recognition.front.statusDate },
      recognized: recognition.recognized,
      unrecognized: recognition.unrecognized,
      trackedChanges: read.trackedChanges,
      comments: read.comments,
      warnings,
      needs,
      preview: toPlainText(doc),
    };
    if (fields.dryRun) return { document: null, report };

    const missing: FieldIssue[] = [];
    if (!fields.title) missing.push({ field: 'title', message: 'is required' });
    if (!fields.symbol) missing.push({ field: 'symbol', message: 'is required' });
    // A taken symbol is left to create's unique index, which answers 409 SYMBOL_TAKEN even in a race.
    if (report.needs.includes('trackedChanges')) {
      const { insertions, deletions, moves } = read.trackedChanges;
      missing.push({ field: 'trackedChanges', message: `the file holds tracked changes (${insertions} insertions, ${deletions} deletions, ${moves} moves): choose accept or reject` });
    }
    if (report.needs.includes('comments')) missing.push({ field: 'comments', message: `the file holds ${read.comments.count} comments, which are not imported: confirm with comments=drop` });
    if (missing.length > 0) throw new AppError('VALIDATION_FAILED', missing.map((m) => `${m.field} ${m.message}`).join('; '), { fields: missing });

    const document = await this.documents.create(actorId, dialogueId, { title: fields.title!, symbol: fields.symbol! }, request, {
      content: doc,
      detail: {
        source: read.source,
        paragraphs: recognition.recognized.paragraphs.count,
        unrecognized: recognition.unrecognized.length,
        trackedChanges: read.trackedChanges.applied,
        commentsDropped: read.comments.count,
      },
    });
    return { document: { id: document.id, dialogueId: document.dialogueId, title: document.title, symbol: document.symbol, createdAt: document.createdAt.toISOString() }, report };
  }

  private read(file: UploadedFile, fields: ImportFields): ReadFile {
    const source = importSourceOf(file.bytes, file.fileName);
    if (!source) throw refusal('FILE_UNREADABLE', 'Accord imports .docx, .md (Markdown) and .txt (the plain-text format) files');
    if (source === 'docx') {
      try {
        const docx = readDocx(file.bytes, { trackedChanges: fields.trackedChanges });
        return {
          source,
          lines: docx.lines,
          trackedChanges: { ...docx.trackedChanges, applied: docx.trackedChanges.insertions + docx.trackedChanges.deletions + docx.trackedChanges.moves > 0 ? (fields.trackedChanges ?? null) : null },
          comments: docx.comments,
          warnings: docx.warnings,
        };
      } catch (error) {
        if (error instanceof ImportRefusal) throw refusal(error.code, error.message);
        throw error;
      }
    }
    const text = utf8(file.bytes);
    const lines = source === 'markdown' ? readMarkdown(text) : linesFromPlainText(text);
    // The bound a DOCX has: the recognizer and the document's first update grow with the lines, and
    // all of it runs on the server's one thread (10 MB of short lines took half a minute).
    const count = lines.filter((line) => line.runs.some((run) => 'footnote' in run || run.text.trim() !== '')).length;
    if (count > MAX_DOCX_PARAGRAPHS) throw refusal('FILE_TOO_COMPLEX', `This file has ${count} lines of text; a text to negotiate is read up to ${MAX_DOCX_PARAGRAPHS}.`);
    return {
      source,
      lines,
      trackedChanges: NONE_TRACKED,
      comments: { count: 0, examples: [] },
      warnings: [],
    };
  }
}

/**
 * What the recognizer, the validation and the document's first update may be given. They run on the
 * server's one thread and take time with the characters and, above all, the brackets: one line of
 * 9 MB ("[a] [a] …") held the server for 112 s, and 20,000 ordinary paragraphs (3 MB, 80,000
 * brackets and footnotes) take about 5 s, the most an import may take. A working paper is far smaller.
 */
export const MAX_IMPORT_TEXT_CHARS = 4_000_000;
export const MAX_IMPORT_BRACKETS = 100_000;

function refuseTooMuchText(lines: readonly SourceLine[]): void {
  let chars = 0;
  let brackets = 0;
  for (const line of lines) {
    for (const run of line.runs) {
      const text = 'footnote' in run ? run.footnote : run.text;
      chars += text.length;
      for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) brackets++;
    }
  }
  if (chars > MAX_IMPORT_TEXT_CHARS) {
    throw refusal('FILE_TOO_COMPLEX', `This file holds ${chars} characters of text; a text to negotiate is read up to ${MAX_IMPORT_TEXT_CHARS}.`);
  }
  if (brackets > MAX_IMPORT_BRACKETS) {
    throw refusal('FILE_TOO_COMPLEX', `This file holds ${brackets} square brackets; a text to negotiate is read up to ${MAX_IMPORT_BRACKETS}.`);
  }
}

function refusal(code: ImportRefusal['code'], message: string): AppError {
  return new AppError(code, message, { fields: [{ field: 'file', message }] });
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refusal('FILE_UNREADABLE', 'The file is not text in UTF-8: save it as UTF-8 text, or import it as a .docx');
  }
}

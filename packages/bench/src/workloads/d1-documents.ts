/**
 * D1: documents in and out (issue 13). The exports and the import are pure functions of
 * @accord/formats and @accord/text, so they are timed here, in the load generator's own process,
 * where nothing but them runs: no socket, no database. Each part has a peer in the same run.
 *
 * 1. DOCX: printText + toDocx of a 500-paragraph text; peer: the same printed lines as plain
 *    paragraphs with the `docx` package alone (no styles, no footnotes). Target 1 s.
 * 2. DOCX redline: printRedline + toDocx of the same text against a version ~50 edits later.
 * 3. PDF: printText + toHtml, printed by headless Chromium as the server prints it (one browser kept,
 *    a fresh context per render), then the metadata cleaned; peer: a blank page printed the same way.
 * 4. Import: readDocx + recognizeText of the DOCX from 1. Target 1 s.
 * 5. When the server under test has the export route: the same text's DOCX downloaded over HTTP.
 */
import { isDeepStrictEqual } from 'node:util';
import { cleanPdfMetadata, printRedline, printText, readDocx, toDocx, toHtml, type FrontMatter, type PrintedDocument, type PrintOptions } from '@accord/formats';
import { toJSON } from '@accord/text';
import { recognizeText } from '@accord/text/recognize';
import type { Node } from 'prosemirror-model';
import { enterDemoDialogue } from '../load/comments-room.js';
import { exportTexts, type ExportTexts } from '../load/export-text.js';
import { BLANK_PAGE, PdfPrinter, pdfPages } from '../load/pdf-printer.js';
import { plainDocx, plainLines } from '../load/plain-docx.js';
import { alternate, inProcessTimes, timeRound } from '../load/round-timer.js';
import { serverTimingMs } from '../load/timed-requests.js';
import { writeDocumentAs } from '../load/write-document.js';
import type { DocumentsResult, DocumentsSpec } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';

const FRONT: FrontMatter = {
  symbol: 'CCW/GGE.1/2026/WP.1/Rev.1',
  title: 'Rolling text on emerging technologies in the area of lethal autonomous weapons systems',
  statusDate: '2026-09-01',
  revisionLabel: 'Rev.1',
  subtitle: null,
  notes: [],
};
const REDLINE_FRONT: FrontMatter = { ...FRONT, symbol: 'CCW/GGE.1/2026/WP.1/Rev.2', revisionLabel: 'Rev.2', subtitle: 'Redline: Rev.2 compared with Rev.1' };
const OPTIONS: PrintOptions = { sponsors: true };
const ATTRIBUTION = { author: 'Chair', date: '2026-09-01T10:00:00.000Z' };

export async function documentsInAndOut(context: WorkloadContext, spec: DocumentsSpec): Promise<DocumentsResult> {
  const { progress } = context;
  const texts = exportTexts(spec.paragraphs, spec.edits);
  const skipped: Record<string, string> = {};
  const { warmup, repetitions } = spec;
  await progress(`${spec.paragraphs} paragraphs, ${texts.counts.subparagraphs} sub-paragraphs, ${texts.counts.footnotes} footnotes; ${warmup} warm-up and ${repetitions} timed rounds each`);

  const phase = await context.startPhase();
  await progress('DOCX: printText + toDocx, and the same lines as plain paragraphs with docx alone');
  const lines = plainLines(printText(texts.older, FRONT, OPTIONS));
  const docxRounds = await alternate<'export' | 'peer', Uint8Array>(
    { export: () => toDocx(printText(texts.older, FRONT, OPTIONS)), peer: () => plainDocx(lines) },
    warmup,
    repetitions,
  );
  const docxBytes = docxRounds.export.at(-1)!.value;

  await progress(`DOCX redline against ${Object.values(texts.edits).reduce((a, b) => a + b, 0)} edits: printRedline + toDocx`);
  const redline = printRedline(texts.older, texts.newer, REDLINE_FRONT, OPTIONS, ATTRIBUTION);
  const redlineRounds = await alternate({ redline: () => toDocx(printRedline(texts.older, texts.newer, REDLINE_FRONT, OPTIONS, ATTRIBUTION)) }, warmup, repetitions);

  await progress('import: readDocx + recognizeText of the DOCX');
  const importRounds = await alternate({ import: () => recognizeText(readDocx(docxBytes).lines) }, warmup, repetitions);
  const usage = await phase.stop();
  const imported = readDocx(docxBytes);
  const { report } = recognizeText(imported.lines);

  const pdf = await timePdf(texts.older, spec, progress, skipped);
  const http = spec.httpRequests > 0 ? await downloadDocx(context, texts, spec, skipped) : null;
  if (spec.httpRequests === 0) skipped.http = 'not asked for';

  return {
    kind: 'd1',
    text: { ...texts.counts, words: wordCount(lines) },
    edits: texts.edits,
    docx: {
      export: inProcessTimes(docxRounds.export),
      peer: inProcessTimes(docxRounds.peer),
      bytes: docxBytes.byteLength,
      peerBytes: docxRounds.peer.at(-1)!.value.byteLength,
    },
    redline: {
      export: inProcessTimes(redlineRounds.redline),
      bytes: redlineRounds.redline.at(-1)!.value.byteLength,
      ...changedRuns(redline),
    },
    pdf,
    import: {
      read: inProcessTimes(importRounds.import),
      recognized: Object.fromEntries(Object.entries(report.recognized).map(([kind, { count }]) => [kind, count])),
      unrecognized: report.unrecognized.length,
      trackedChanges: imported.trackedChanges.insertions + imported.trackedChanges.deletions,
    },
    http,
    skipped,
    // The generator is the process measured here: its CPU is the work, not a saturated load generator.
    phase: { ...usage, generatorSaturated: false },
  };
}

/** The export's HTML and a blank page, alternately, through one browser: each render in a fresh context. */
async function timePdf(text: Node, spec: DocumentsSpec, progress: WorkloadContext['progress'], skipped: Record<string, string>): Promise<DocumentsResult['pdf']> {
  let printer: PdfPrinter;
  try {
    printer = await PdfPrinter.launch();
  } catch (error) {
    skipped.pdf = error instanceof Error ? error.message : String(error);
    return null;
  }
  await progress(`PDF: printText + toHtml printed by Chromium, and a blank page; ${spec.warmup} warm-up and ${spec.pdfRepetitions} timed rounds each`);
  try {
    const exportPdf = async () => {
      const html = await timeRound(() => toHtml(printText(text, FRONT, OPTIONS)));
      const printed = await timeRound(() => printer.print(html.value));
      const cleaned = await timeRound(() => cleanPdfMetadata(printed.value, { title: FRONT.title }));
      return { html, printed, cleaned };
    };
    const blankPdf = () => timeRound(() => printer.print(BLANK_PAGE));
    for (let i = 0; i < spec.warmup; i++) {
      await exportPdf();
      await blankPdf();
    }
    const exports: Array<Awaited<ReturnType<typeof exportPdf>>> = [];
    const blanks: Array<Awaited<ReturnType<typeof blankPdf>>> = [];
    for (let i = 0; i < spec.pdfRepetitions; i++) {
      exports.push(await exportPdf());
      blanks.push(await blankPdf());
    }
    const last = exports.at(-1)!;
    return {
      total: distribution(exports.map((e) => e.html.wallMs + e.printed.wallMs + e.cleaned.wallMs)),
      html: distribution(exports.map((e) => e.html.wallMs)),
      chromium: distribution(exports.map((e) => e.printed.wallMs)),
      metadata: distribution(exports.map((e) => e.cleaned.wallMs)),
      blank: distribution(blanks.map((b) => b.wallMs)),
      bytes: last.cleaned.value.byteLength,
      pages: pdfPages(last.printed.value),
      blankBytes: blanks.at(-1)!.value.byteLength,
      htmlBytes: Buffer.byteLength(last.html.value),
    };
  } finally {
    await printer.close();
  }
}

/** The same text written into a document on the server, and its DOCX export downloaded as the chair. */
async function downloadDocx(context: WorkloadContext, texts: ExportTexts, spec: DocumentsSpec, skipped: Record<string, string>): Promise<DocumentsResult['http']> {
  const room = await enterDemoDialogue(context.url);
  const { id } = await room.apis.chair.documents.create(room.dialogueId, { title: FRONT.title, symbol: `BENCH/D1/${Date.now().toString(36)}` });
  const url = `${room.url}/api/dialogues/${room.dialogueId}/documents/${id}/export?format=docx`;
  const get = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${room.tokens.chair}` } });
    const body = await response.arrayBuffer();
    return { status: response.status, roundTripMs: performance.now() - started, serverMs: serverTimingMs(response.headers.get('server-timing')), bytes: body.byteLength };
  };
  // Before writing 500 paragraphs, ask whether this server exports at all.
  const probe = await get();
  if (probe.status !== 200) {
    skipped.http = `GET …/export?format=docx answered ${probe.status}: the server under test has no DOCX export`;
    return null;
  }
  // The chair's five boxes each cost the rules a whole-text check: on a busy machine the server's
  // budget for them refuses some for a moment (warn lines, RATE_LIMITED) and the client sends them again.
  await context.progress(`HTTP: writing the text into a document on the server (a RATE_LIMITED warning here is the bench's own writing), then ${spec.httpRequests} DOCX downloads`);
  await writeDocumentAs(room.url, room.tokens.chair, id, toJSON(texts.older));
  const text = await fetch(`${room.url}/api/dialogues/${room.dialogueId}/documents/${id}/text?format=json`, { headers: { authorization: `Bearer ${room.tokens.chair}` } });
  const { content } = (await text.json()) as { content: unknown };
  // As JSON carries it: the model's attrs are objects of their own kind, which a deep comparison tells apart.
  const written: unknown = JSON.parse(JSON.stringify(toJSON(texts.older)));
  const textMatches = isDeepStrictEqual(content, written);
  if (!textMatches) {
    await context.progress(`WARNING: the server's text is not the text written (${firstDifference(content, written)}); the HTTP rows export something else`);
  }
  for (let i = 0; i < spec.warmup; i++) await get();
  const answers: Array<Awaited<ReturnType<typeof get>>> = [];
  for (let i = 0; i < spec.httpRequests; i++) answers.push(await get());
  const failed = answers.find((answer) => answer.status !== 200);
  if (failed) throw new Error(`GET …/export?format=docx answered ${failed.status}`);
  const server = answers.map((answer) => answer.serverMs);
  return {
    serverMs: server.every((ms): ms is number => ms !== null) ? distribution(server) : null,
    roundTripMs: distribution(answers.map((answer) => answer.roundTripMs)),
    bytes: answers.at(-1)!.bytes,
    textMatches,
  };
}

function changedRuns(printed: PrintedDocument): { insertions: number; deletions: number } {
  let insertions = 0;
  let deletions = 0;
  for (const box of printed.boxes) {
    for (const block of box.blocks) {
      for (const run of block.runs) {
        if (run.change === 'insert') insertions++;
        if (run.change === 'delete') deletions++;
      }
    }
  }
  return { insertions, deletions };
}

function wordCount(lines: readonly string[]): number {
  return lines.reduce((total, line) => total + line.split(/\s+/).filter(Boolean).length, 0);
}

/** Where two JSON values first differ, as a path, with both values there. */
function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (isDeepStrictEqual(a, b)) return 'none';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${path}.${key}`);
  }
  return `${path}: same keys, different values`;
}

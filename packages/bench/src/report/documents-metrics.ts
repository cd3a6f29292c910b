/**
 * D1's rows. Times are wall-clock p50 / p95 / max over the timed rounds, in the load generator's own
 * process, with its CPU time beside the in-process ones (what a busy machine does not inflate).
 * Hocuspocus exports nothing: each figure's peer is in the same run and named in its row (the same
 * words as plain paragraphs with `docx` alone; a blank page printed by the same Chromium).
 */
import type { Distribution, DocumentsResult, InProcessTimes } from '../protocol.js';
import { atMost, cpuRows, type Cell, type Metric } from './metrics.js';

const ms = (value: number) => value.toFixed(1);
const spread = (d: Distribution) => `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.max)}`;
const wall = (times: InProcessTimes) => spread(times.wallMs);
const cpu = (times: InProcessTimes) => `${ms(times.cpuMs.p50)} / ${ms(times.cpuMs.p95)}`;
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const KB = 1e3;

/** A row of a part that did not run says why, instead of n/a. */
function ranPart<T>(get: (r: DocumentsResult) => T | null, name: string, value: (found: T) => Cell): (r: DocumentsResult) => Cell {
  return (r) => {
    const found = get(r);
    return found === null ? `not run: ${r.skipped[name] ?? 'unknown'}` : value(found);
  };
}

const docx = (value: (d: NonNullable<DocumentsResult['docx']>) => Cell) => ranPart((r) => r.docx, 'docx', value);
const redline = (value: (d: NonNullable<DocumentsResult['redline']>) => Cell) => ranPart((r) => r.redline, 'redline', value);
const pdf = (value: (d: NonNullable<DocumentsResult['pdf']>) => Cell) => ranPart((r) => r.pdf, 'pdf', value);
const imported = (value: (d: NonNullable<DocumentsResult['import']>) => Cell) => ranPart((r) => r.import, 'import', value);
const http = (value: (d: NonNullable<DocumentsResult['http']>) => Cell) => ranPart((r) => r.http, 'http', value);
/** A judged figure is a number or nothing (null: the target is not judged). */
const judged = <T>(get: (r: DocumentsResult) => T | null, value: (found: T) => number) => (r: DocumentsResult) => {
  const found = get(r);
  return found === null ? null : value(found);
};

export function documentsMetrics(): Array<Metric<DocumentsResult>> {
  return [
    {
      label: 'text: paragraphs / sub-paragraphs / brackets / footnotes / alternatives / agreed / ad ref',
      digits: 0,
      value: (r) => [r.text.paragraphs, r.text.subparagraphs, r.text.brackets, r.text.footnotes, r.text.alternatives, r.text.agreed, r.text.agreedAdRef].join(' / '),
    },
    { label: 'text: words printed', digits: 0, value: (r) => r.text.words },
    { label: 'DOCX export (printText + toDocx): p50 / p95 / max (ms)', digits: 1, value: docx((d) => wall(d.export)) },
    { label: 'DOCX export: CPU p50 / p95 (ms)', digits: 1, value: docx((d) => cpu(d.export)) },
    { label: 'DOCX export p95 (ms)', digits: 1, value: judged((r) => r.docx, (d) => d.export.wallMs.p95), target: atMost(1000, 'ms') },
    { label: 'peer: the same lines as plain paragraphs, docx alone: p50 / p95 / max (ms)', digits: 1, value: docx((d) => wall(d.peer)) },
    { label: 'peer: CPU p50 / p95 (ms)', digits: 1, value: docx((d) => cpu(d.peer)) },
    { label: 'DOCX export ÷ plain docx: p50 / CPU p50', digits: 2, value: docx((d) => `${times(d.export.wallMs.p50 / d.peer.wallMs.p50)} / ${times(d.export.cpuMs.p50 / d.peer.cpuMs.p50)}`) },
    { label: 'DOCX size / plain docx size (KB)', digits: 0, value: docx((d) => `${Math.round(d.bytes / KB)} / ${Math.round(d.peerBytes / KB)}`) },
    { label: 'redline edits: words typed / deleted, statuses, sponsors, paragraphs inserted / deleted / moved', digits: 0, value: (r) => editsText(r.edits) },
    { label: 'redline: printed runs inserted / deleted', digits: 0, value: redline((d) => `${d.insertions} / ${d.deletions}`) },
    { label: 'DOCX redline (printRedline + toDocx): p50 / p95 / max (ms)', digits: 1, value: redline((d) => wall(d.export)) },
    { label: 'DOCX redline: CPU p50 / p95 (ms)', digits: 1, value: redline((d) => cpu(d.export)) },
    { label: 'DOCX redline p95 (ms)', digits: 1, value: judged((r) => r.redline, (d) => d.export.wallMs.p95), target: atMost(1000, 'ms') },
    { label: 'DOCX redline size (KB)', digits: 0, value: redline((d) => Math.round(d.bytes / KB)) },
    { label: 'PDF export (HTML + Chromium + metadata): p50 / p95 / max (ms)', digits: 1, value: pdf((d) => spread(d.total)) },
    { label: 'PDF: printText + toHtml / Chromium prints it / metadata cleaned, p50 (ms)', digits: 1, value: pdf((d) => `${ms(d.html.p50)} / ${ms(d.chromium.p50)} / ${d.metadata ? ms(d.metadata.p50) : 'n/a'}`) },
    { label: 'peer: a blank page printed the same way: p50 / p95 / max (ms)', digits: 1, value: pdf((d) => spread(d.blank)) },
    { label: 'PDF export ÷ blank page (p50)', digits: 2, value: pdf((d) => times(d.total.p50 / d.blank.p50)) },
    { label: 'PDF export − blank page (p50, ms)', digits: 1, value: pdf((d) => ms(d.total.p50 - d.blank.p50)) },
    { label: "PDF: Accord's own part (HTML + metadata), p50 (ms)", digits: 1, value: pdf((d) => ms(d.html.p50 + (d.metadata?.p50 ?? 0))) },
    { label: 'PDF pages / size (KB) / HTML (KB); blank page PDF (KB)', digits: 0, value: pdf((d) => `${d.pages} / ${Math.round(d.bytes / KB)} / ${Math.round(d.htmlBytes / KB)}; ${Math.round(d.blankBytes / KB)}`) },
    { label: 'import (readDocx + recognizeText of the DOCX above): p50 / p95 / max (ms)', digits: 1, value: imported((d) => wall(d.read)) },
    { label: 'import: CPU p50 / p95 (ms)', digits: 1, value: imported((d) => cpu(d.read)) },
    { label: 'import p95 (ms)', digits: 1, value: judged((r) => r.import, (d) => d.read.wallMs.p95), target: atMost(1000, 'ms') },
    { label: 'import recognized: boxes / paragraphs / sub-paragraphs / alternatives', digits: 0, value: imported((d) => recognized(d, ['boxes', 'paragraphs', 'subparagraphs', 'alternatives'])) },
    { label: 'import recognized: brackets / sponsors / footnotes / statuses', digits: 0, value: imported((d) => recognized(d, ['brackets', 'sponsors', 'footnotes', 'statuses'])) },
    {
      label: 'import: paragraphs and sub-paragraphs recognized = written',
      digits: 0,
      value: (r) => (r.import === null ? null : r.import.recognized.paragraphs === r.text.paragraphs && r.import.recognized.subparagraphs === r.text.subparagraphs ? 'yes' : 'NO'),
    },
    { label: 'import: lines not recognized / tracked changes found', digits: 0, value: imported((d) => `${d.unrecognized} / ${d.trackedChanges}`) },
    { label: 'HTTP GET …/export?format=docx: server p50 / p95 / max (ms)', digits: 1, value: http((d) => (d.serverMs ? spread(d.serverMs) : 'no Server-Timing')) },
    { label: 'HTTP GET …/export?format=docx: round trip p50 / p95 / max (ms)', digits: 1, value: http((d) => spread(d.roundTripMs)) },
    { label: "HTTP: the server's text = the text written / DOCX size (KB)", digits: 0, value: http((d) => `${d.textMatches ? 'yes' : 'NO'} / ${Math.round(d.bytes / KB)}`) },
    ...cpuRows<DocumentsResult>(),
  ];
}

function editsText(edits: Record<string, number>): string {
  const n = (kind: string) => edits[kind] ?? 0;
  return `${n('word typed')} / ${n('word deleted')}, ${n('status changed')}, ${n('sponsors changed')}, ${n('paragraph inserted')} / ${n('paragraph deleted')} / ${n('paragraph moved')}`;
}

function recognized(read: NonNullable<DocumentsResult['import']>, kinds: readonly string[]): string {
  return kinds.map((kind) => read.recognized[kind] ?? 0).join(' / ');
}

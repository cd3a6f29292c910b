/**
 * E1's rows, Accord only: the key's paint on the long bracketed text while someone else types, set
 * against the same delegate's key on a short plain document in the same browser, and what the long
 * text's page drew (so a figure without brackets on the page cannot pass for one with them).
 */
import type { EditorTypingResult } from '../protocol.js';
import { atMost, cpuRows, type Cell, type Metric } from './metrics.js';

const editor = (r: EditorTypingResult, pick: (e: NonNullable<EditorTypingResult['editor']>) => Cell): Cell =>
  r.editor ? pick(r.editor) : r.skipped ? 'skipped' : null;

export function editorTypingMetrics(): Array<Metric<EditorTypingResult>> {
  return [
    { label: 'text: paragraphs / open brackets written', digits: 0, value: (r) => `${r.paragraphs} / ${r.brackets}` },
    { label: 'page: paragraphs / bracket elements / sponsor marks drawn', digits: 0, value: (r) => editor(r, (e) => `${e.paragraphElements} / ${e.bracketElements} / ${e.sponsorElements}`) },
    { label: 'key-to-paint p50, long text while another types (ms)', digits: 1, value: (r) => editor(r, (e) => e.busyMs.p50) },
    { label: 'key-to-paint p95, long text while another types (ms)', digits: 1, value: (r) => editor(r, (e) => e.busyMs.p95), target: atMost(50, 'ms') },
    { label: 'peer: key-to-paint p50 / p95, short plain text alone (ms)', digits: 1, value: (r) => editor(r, (e) => `${e.quietMs.p50.toFixed(1)} / ${e.quietMs.p95.toFixed(1)}`) },
    {
      label: 'renderer main thread per key, long / short: all tasks (ms)',
      digits: 1,
      value: (r) => editor(r, (e) => `${e.busyTaskMsPerKey.toFixed(1)} / ${e.quietTaskMsPerKey.toFixed(1)}`),
    },
    { label: 'renderer main thread per key, long / short: script (ms)', digits: 1, value: (r) => editor(r, (e) => `${e.busyScriptMsPerKey.toFixed(1)} / ${e.quietScriptMsPerKey.toFixed(1)}`) },
    { label: 'keys timed, long + short; characters the other person typed', digits: 0, value: (r) => (r.editor ? `${r.editor.busyMs.count} + ${r.editor.quietMs.count}; ${r.editor.peerChars}` : (r.skipped ?? null)) },
    ...cpuRows<EditorTypingResult>(),
  ];
}

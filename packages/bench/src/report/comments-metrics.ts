/**
 * C1's rows. Hocuspocus has no comments, so its column holds only the fan-out's peer (a stateless
 * broadcast to as many connections) and A / H is read on the fan-out rows alone. The list is set
 * against peers on the same Accord server, given as rows of their own: the same list on an equal
 * document without threads, and GET of the document's text (the ratio row divides by the latter).
 */
import type { CommentsResult, CommentsSpec, DatabaseKind, Distribution, TimedRequests } from '../protocol.js';
import { atMost, cpuRows, type Cell, type Metric } from './metrics.js';

const KB = 1024;
const EDITOR_WITHIN = 1.1;

const serverTime = (timed: TimedRequests | undefined, pick: (d: Distribution) => number): Cell =>
  timed === undefined ? null : timed.serverMs === null ? 'no Server-Timing' : pick(timed.serverMs);

const ratioOf = (a: number | undefined, b: number | undefined): Cell =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? null : a / b;

/** Where the browser phase did not run, its rows say why instead of a figure. */
const editor = (r: CommentsResult, pick: (e: NonNullable<CommentsResult['editor']>) => Cell): Cell =>
  r.editor ? pick(r.editor) : r.editorSkipped ? 'skipped' : null;

/** CPU per request or message: server process, plus PostgreSQL's backends where they do part of it. */
const cpu = (serverMs: number | undefined, databaseMs: number | null | undefined): Cell =>
  serverMs === undefined ? null : databaseMs === null || databaseMs === undefined ? serverMs : `${serverMs.toFixed(1)} + ${databaseMs.toFixed(1)} db`;

export function commentsMetrics(spec: CommentsSpec, database: DatabaseKind): Array<Metric<CommentsResult>> {
  const viewers = `${spec.viewers} viewers`;
  const cpuUnit = database === 'postgres' ? 'ms, server + PostgreSQL' : 'ms';
  return [
    { label: 'threads stored / listed by the chair', digits: 0, value: (r) => (r.list ? `${fmt(r.list.threadsStored)} / ${fmt(r.list.threadsListed)}` : null) },
    { label: 'comments stored (threads + replies)', digits: 0, value: (r) => r.list?.comments ?? null },
    { label: 'list: server time p50 (ms)', digits: 1, value: (r) => serverTime(r.list?.list, (d) => d.p50) },
    { label: 'list: server time p95 (ms)', digits: 1, value: (r) => serverTime(r.list?.list, (d) => d.p95), target: atMost(100, 'ms') },
    { label: 'list: round trip p95, loopback (ms)', digits: 1, value: (r) => r.list?.list.roundTripMs.p95 ?? null },
    { label: `list: CPU per request (${cpuUnit})`, digits: 1, value: (r) => cpu(r.list?.list.serverCpuMs, r.list?.list.databaseCpuMs) },
    { label: 'list: answer size (kB)', digits: 0, value: (r) => (r.list ? r.list.list.bytes / KB : null) },
    { label: 'peer: list, no threads, server p95 (ms)', digits: 1, value: (r) => serverTime(r.list?.emptyList, (d) => d.p95) },
    { label: 'peer: document text, server p95 (ms)', digits: 1, value: (r) => serverTime(r.list?.documentText, (d) => d.p95) },
    { label: `peer: document text, CPU per request (${cpuUnit})`, digits: 1, value: (r) => cpu(r.list?.documentText.serverCpuMs, r.list?.documentText.databaseCpuMs) },
    {
      label: 'list ÷ document text, server p95 (×)',
      digits: 2,
      value: (r) => ratioOf(r.list?.list.serverMs?.p95, r.list?.documentText.serverMs?.p95),
    },
    { label: `fan-out to ${viewers}: latency p50 (ms)`, digits: 2, ratio: true, value: (r) => r.fanOut.latencyMs.p50 },
    { label: `fan-out to ${viewers}: latency p99 (ms)`, digits: 2, ratio: true, value: (r) => r.fanOut.latencyMs.p99, target: atMost(50, 'ms') },
    { label: 'fan-out: messages × receivers delivered', digits: 0, value: (r) => r.fanOut.latencyMs.count },
    { label: 'fan-out: missing deliveries', digits: 0, value: (r) => r.fanOut.missing },
    { label: 'fan-out: POST round trip p50 (ms)', digits: 2, value: (r) => r.fanOut.requestMs?.p50 ?? null },
    { label: `fan-out: CPU per message (${cpuUnit})`, digits: 2, ratio: true, value: (r) => cpu(r.fanOut.serverCpuMs, r.fanOut.databaseCpuMs) },
    { label: 'fan-out: payload per viewer (bytes)', digits: 0, value: (r) => r.fanOut.payloadBytes },
    { label: 'editor: threads in the panel', digits: 0, value: (r) => editor(r, (e) => e.panelThreads ?? 'no panel') },
    { label: 'editor: key-to-paint p50, threads / none (ms)', digits: 1, value: (r) => editor(r, (e) => `${e.withThreadsMs.p50.toFixed(1)} / ${e.withoutThreadsMs.p50.toFixed(1)}`) },
    { label: 'editor: key-to-paint p95 with threads (ms)', digits: 1, value: (r) => editor(r, (e) => e.withThreadsMs.p95) },
    { label: 'editor: key-to-paint p95 without (ms)', digits: 1, value: (r) => editor(r, (e) => e.withoutThreadsMs.p95) },
    {
      label: 'editor: p95 with ÷ without (×)',
      digits: 2,
      value: (r) => editor(r, (e) => ratioOf(e.withThreadsMs.p95, e.withoutThreadsMs.p95)),
      target: { text: `≤ ${EDITOR_WITHIN.toFixed(2)}×`, met: (accord) => accord <= EDITOR_WITHIN },
    },
    { label: 'editor: browser phase', digits: 0, value: (r) => (r.editor ? `${r.editor.withThreadsMs.count} + ${r.editor.withoutThreadsMs.count} keys` : (r.editorSkipped ?? null)) },
    { label: 'seeding threads over the API (s)', digits: 1, value: (r) => r.seedSeconds },
    ...cpuRows<CommentsResult>(),
  ];
}

const fmt = (n: number) => n.toLocaleString('en-US');

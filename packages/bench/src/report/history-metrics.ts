/**
 * W4's rows. Times are p50 / p95 / max of the server's own (Server-Timing) or of the round trip, and
 * "CPU" the server process's CPU time per request (plus PostgreSQL's backends'), which a busy
 * machine does not inflate. Hocuspocus keeps no history, so the peers are Accord's own in the same run: the current
 * text's GET beside the text at a past position, the document's text GET beside compare. Each
 * request is given as the server's time (Server-Timing) and the round trip on loopback.
 */
import type { DistanceReads, Distribution, HistoryResult, RequestTimes, TimedRequest } from '../protocol.js';
import { atMost, cpuRows, type Cell, type Metric } from './metrics.js';

const MB = 1e6;
const ms = (value: number) => value.toFixed(1);
const spread = (d: Distribution | null | undefined): Cell => (d ? `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.max)}` : 'no Server-Timing');
const cpu = (cpuMs: number | null) => (cpuMs === null ? '' : `; CPU ${ms(cpuMs)}`);
const one = (request: TimedRequest): Cell => `${request.serverMs === null ? 'n/a' : ms(request.serverMs)} / ${ms(request.roundTripMs)}${cpu(request.serverCpuMs)}`;
const server = (times: RequestTimes) => `${spread(times.serverMs)}${cpu(times.serverCpuMs)}`;
const roundTrip = (times: RequestTimes) => spread(times.roundTripMs);

type DistanceKind = DistanceReads['kind'];
const readsAt = (r: HistoryResult, kind: DistanceKind) => r.textAt.byDistance.find((reads) => reads.kind === kind);

export function historyMetrics(): Array<Metric<HistoryResult>> {
  return [
    { label: 'trace', digits: 0, value: (r) => `${r.trace.source}${r.trace.prefixOnly ? ' (prefix)' : ''}, ${r.trace.edits.toLocaleString('en-US')} edits` },
    { label: 'long document: updates in the log', digits: 0, value: (r) => r.stored.updates },
    { label: 'ingest (s)', digits: 1, value: (r) => r.ingestSeconds },
    { label: 'update log (MB)', digits: 1, value: (r) => r.stored.updateBytes / MB },
    { label: 'checkpoints kept', digits: 0, value: (r) => r.stored.checkpoints.length },
    { label: 'checkpoints, all together (MB)', digits: 1, value: (r) => r.stored.checkpoints.reduce((total, c) => total + c.bytes, 0) / MB },
    { label: 'largest checkpoint (KB)', digits: 0, value: (r) => Math.max(0, ...r.stored.checkpoints.map((c) => c.bytes)) / 1e3 },
    { label: 'gap between kept checkpoints p50 / p95 / max (updates)', digits: 0, value: (r) => `${r.stored.checkpointGap.p50} / ${r.stored.checkpointGap.p95} / ${r.stored.checkpointGap.max}` },
    { label: 'text at a position, first after restart: server / round trip (ms)', digits: 1, value: (r) => one(r.textAt.first) },
    { label: 'text at random positions: count', digits: 0, value: (r) => r.textAt.random.roundTripMs.count },
    { label: 'text at random positions: server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.textAt.random) },
    { label: 'text at random positions: round trip p50 / p95 / max (ms)', digits: 1, value: (r) => roundTrip(r.textAt.random) },
    { label: 'text at random positions: round trip p95 (ms)', digits: 1, value: (r) => r.textAt.random.roundTripMs.p95, target: atMost(300, 'ms') },
    ...distanceRows(),
    {
      label: 'text just before the next checkpoint: round trip max (ms)',
      digits: 1,
      value: (r) => readsAt(r, 'last before the next')?.roundTripMs.max ?? null,
      target: atMost(300, 'ms'),
    },
    { label: 'slider, +50 a step: server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.textAt.slider) },
    { label: 'slider, +50 a step: round trip p50 / p95 / max (ms)', digits: 1, value: (r) => roundTrip(r.textAt.slider) },
    { label: 'peer: current text GET: server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.textAt.current) },
    { label: 'largest answer (KB)', digits: 0, value: (r) => r.textAt.bytes / 1e3 },
    { label: 'every text read = the trace at its position', digits: 0, value: (r) => (r.textAt.matchesTrace ? 'yes' : 'NO') },
    { label: 'timeline first page, first ever: server / round trip (ms)', digits: 1, value: (r) => one(r.timeline.cold) },
    { label: 'timeline first page, first ever (sessions grouped from the log): server (ms)', digits: 1, value: (r) => r.timeline.cold.serverMs },
    { label: 'timeline first page, cold, sessions kept: server / round trip (ms)', digits: 1, value: (r) => one(r.timeline.coldKept) },
    { label: 'timeline first page, cold, sessions kept: server (ms)', digits: 1, value: (r) => r.timeline.coldKept.serverMs, target: atMost(100, 'ms') },
    { label: 'timeline first page, warm: server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.timeline.warm) },
    { label: 'timeline first page, warm: server p95 (ms)', digits: 1, value: (r) => r.timeline.warm.serverMs?.p95 ?? null, target: atMost(100, 'ms') },
    { label: 'timeline entries on the first page', digits: 0, value: (r) => r.timeline.firstPageEntries },
    {
      label: '500-paragraph document: timeline first page, first / warm p50 / p95 / max, server (ms)',
      digits: 1,
      value: (r) => `${r.timeline.busy.first.serverMs === null ? 'n/a' : ms(r.timeline.busy.first.serverMs)} / ${server(r.timeline.busy.warm)}`,
    },
    { label: '500-paragraph document: entries on the first page', digits: 0, value: (r) => r.timeline.busy.firstPageEntries },
    { label: 'compare: paragraphs / edits between Rev.1 and Rev.2', digits: 0, value: (r) => `${r.compare.paragraphs} / ${r.compare.edits}` },
    { label: 'compare: what Rev.1 → Rev.2 lists', digits: 0, value: (r) => summaryText(r.compare.summary) },
    { label: 'compare Rev.1 → Rev.2, first after restart: server / round trip (ms)', digits: 1, value: (r) => one(r.compare.first) },
    { label: 'compare Rev.1 → Rev.2, first: server (ms)', digits: 1, value: (r) => r.compare.first.serverMs, target: atMost(200, 'ms') },
    { label: 'compare Rev.1 → Rev.2, again: server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.compare.repeated) },
    { label: 'compare two new points between them (neither text kept): server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.compare.between) },
    { label: 'compare two new points: server p95 (ms)', digits: 1, value: (r) => r.compare.between.serverMs?.p95 ?? null, target: atMost(200, 'ms') },
    { label: 'compare Rev.1 → current (after an edit): server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.compare.toCurrent) },
    { label: 'compare Rev.1 → current: server p95 (ms)', digits: 1, value: (r) => r.compare.toCurrent.serverMs?.p95 ?? null, target: atMost(200, 'ms') },
    { label: 'peer: document text GET (after an edit): server p50 / p95 / max (ms)', digits: 1, value: (r) => server(r.compare.documentText) },
    ...cpuRows<HistoryResult>(),
  ];
}

/** One row per distance from the checkpoint a read starts from: the distances, then the server's time. */
function distanceRows(): Array<Metric<HistoryResult>> {
  const kinds: DistanceKind[] = ['at a checkpoint', '1 after', 'half way to the next', 'last before the next'];
  return kinds.map((kind) => ({
    label: `text ${kind === 'at a checkpoint' ? 'at a checkpoint' : `${kind} checkpoint`}: updates after it / server p50 / max (ms); CPU per read`,
    digits: 1,
    value: (r: HistoryResult) => {
      const reads = readsAt(r, kind);
      if (!reads || reads.distance.count === 0) return null;
      const updates = reads.distance.p50 === reads.distance.max ? `${reads.distance.max}` : `${reads.distance.p50}–${reads.distance.max}`;
      return `${updates} / ${reads.serverMs ? `${ms(reads.serverMs.p50)} / ${ms(reads.serverMs.max)}` : 'n/a'}${cpu(reads.serverCpuMs)}`;
    },
  }));
}

function summaryText(summary: Record<string, number>): string {
  const parts = Object.entries(summary).filter(([, count]) => count > 0);
  return parts.length === 0 ? 'no changes' : parts.map(([kind, count]) => `${count} ${kind}`).join(', ');
}

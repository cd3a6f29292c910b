/** W5's and W6's rows: a crowd joining a large document, and a crowd's cursors in one room. */
import type { JoinResult, PresenceResult } from '../protocol.js';
import { atMost, cpuRows, generatorCpuUs, type Metric } from './metrics.js';

const MB = 1024 * 1024;
const percent = (fraction: number) => fraction * 100;

export const joinMetrics = (): Array<Metric<JoinResult>> => [
  { label: 'document: encoded state (MB)', digits: 2, value: (r) => r.stateBytes / MB },
  { label: 'document: paragraphs', digits: 0, value: (r) => r.paragraphs },
  { label: 'writing it (s, not measured)', digits: 1, value: (r) => r.writeSeconds },
  { label: 'until synced p50 (ms)', digits: 0, ratio: true, value: (r) => r.untilSyncedMs.p50 },
  { label: 'until synced p95 (ms)', digits: 0, ratio: true, value: (r) => r.untilSyncedMs.p95 },
  { label: 'until synced p99 (ms)', digits: 0, ratio: true, value: (r) => r.untilSyncedMs.p99, target: atMost(1000, 'ms (published: 6,600)') },
  { label: 'until synced max (ms)', digits: 0, ratio: true, value: (r) => r.untilSyncedMs.max },
  { label: 'replicas holding the whole document', digits: 0, value: (r) => `${r.complete} of ${r.clients}` },
  { label: 'joins failed', digits: 0, value: (r) => (r.failed === 0 ? 0 : `${r.failed}: ${r.failures[0]}`) },
  { label: 'server RSS before (MB)', digits: 1, ratio: true, value: (r) => r.serverRssBeforeBytes / MB },
  { label: 'server peak RSS during the join (MB)', digits: 1, ratio: true, value: (r) => r.serverPeakRssBytes / MB },
  { label: 'server CPU during the join (ms)', digits: 0, ratio: true, value: (r) => r.phase.serverCpuUs / 1000 },
  { label: 'load generator CPU during the join (ms)', digits: 0, ratio: true, value: (r) => generatorCpuUs(r.phase) / 1000 },
  ...cpuRows<JoinResult>(),
];

export const presenceMetrics = (): Array<Metric<PresenceResult>> => [
  { label: 'cursor moves (steady phase)', digits: 0, value: (r) => r.moves },
  { label: 'presence p50 (ms)', digits: 2, ratio: true, value: (r) => r.latencyMs.p50 },
  { label: 'presence p95 (ms)', digits: 2, ratio: true, value: (r) => r.latencyMs.p95, target: atMost(100, 'ms (published: 9,600)') },
  { label: 'presence p99 (ms)', digits: 2, ratio: true, value: (r) => r.latencyMs.p99 },
  { label: 'presence max (ms)', digits: 2, ratio: true, value: (r) => r.latencyMs.max },
  { label: 'deliveries (move, other client)', digits: 0, value: (r) => r.deliveries },
  { label: 'missing deliveries', digits: 0, value: (r) => r.missing },
  { label: 'connecting everyone (s)', digits: 1, ratio: true, value: (r) => r.connectSeconds },
  { label: 'everyone saw everyone before the moves', digits: 0, value: (r) => (r.settled ? 'yes' : 'NO (30 s)') },
  { label: 'server CPU µs / delivery', digits: 2, ratio: true, value: (r) => r.phase.serverCpuUs / r.deliveries },
  { label: 'load generator CPU µs / delivery', digits: 2, ratio: true, value: (r) => generatorCpuUs(r.phase) / r.deliveries },
  { label: 'server RSS (MB)', digits: 1, ratio: true, value: (r) => r.phase.server.rssBytes / MB },
  { label: 'generator above 0.8 cores', digits: 0, value: (r) => (r.phase.cores.generator > 0.8 ? `yes (${Math.round(percent(r.phase.cores.generator))}%)` : 'no') },
  ...cpuRows<PresenceResult>(),
];

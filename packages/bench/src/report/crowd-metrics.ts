/** W5's and W6's rows: a crowd joining a large document, and a crowd's cursors in one room. */
import type { JoinResult, PresenceResult } from '../protocol.js';
import { atMost, cpuRows, generatorCpuUs, type Metric } from './metrics.js';

const MB = 1024 * 1024;
const percent = (fraction: number) => fraction * 100;

export const joinMetrics = (): Array<Metric<JoinResult>> => [
  { label: 'document: encoded state (MB)', digits: 2, value: (r) => r.stateBytes / MB },
  { label: 'document: paragraphs', digits: 0, value: (r) => r.paragraphs },
  { label: 'writing it (s, not measured)', digits: 1, value: (r) => r.writeSeconds },
  // The headline: wire-level clients, until the server's step 2 (the whole state) has arrived.
  { label: 'until the whole state arrived p50 (ms)', digits: 0, ratio: true, value: (r) => r.wire.untilMs.p50 },
  { label: 'until the whole state arrived p95 (ms)', digits: 0, ratio: true, value: (r) => r.wire.untilMs.p95 },
  { label: 'until the whole state arrived p99 (ms)', digits: 0, ratio: true, value: (r) => r.wire.untilMs.p99, target: atMost(1000, 'ms (published: 6,600)') },
  { label: 'until the whole state arrived max (ms)', digits: 0, ratio: true, value: (r) => r.wire.untilMs.max },
  { label: 'clients that got the whole state (state vector; size; text)', digits: 0, value: (r) => `${r.wire.sameStateVector} of ${r.clients}; ${r.wire.sameSize}; ${r.wire.sameText} of ${r.wire.textChecked}` },
  { label: 'joins failed', digits: 0, value: (r) => (r.wire.failed === 0 ? 0 : `${r.wire.failed}: ${r.wire.failures[0]}`) },
  { label: 'server RSS before (MB)', digits: 1, ratio: true, value: (r) => r.wire.serverRssBeforeBytes / MB },
  { label: 'server peak RSS during the join (MB)', digits: 1, ratio: true, value: (r) => r.wire.serverPeakRssBytes / MB },
  { label: 'server CPU during the join (ms)', digits: 0, ratio: true, value: (r) => r.wire.phase.serverCpuUs / 1000 },
  { label: 'load generator CPU during the join (ms)', digits: 0, ratio: true, value: (r) => generatorCpuUs(r.wire.phase) / 1000 },
  // The same crowd through the SDK / provider, until each replica has applied the state.
  { label: 'SDK/provider: until applied p50 (ms)', digits: 0, ratio: true, value: (r) => r.sdk.untilMs.p50 },
  { label: 'SDK/provider: until applied p99 (ms)', digits: 0, ratio: true, value: (r) => r.sdk.untilMs.p99 },
  { label: 'SDK/provider: until applied max (ms)', digits: 0, ratio: true, value: (r) => r.sdk.untilMs.max },
  { label: 'SDK/provider: replicas holding the whole document', digits: 0, value: (r) => `${r.sdk.complete} of ${r.clients}` },
  { label: 'SDK/provider: joins failed', digits: 0, value: (r) => (r.sdk.failed === 0 ? 0 : `${r.sdk.failed}: ${r.sdk.failures[0]}`) },
  { label: 'SDK/provider: server peak RSS (MB)', digits: 1, ratio: true, value: (r) => r.sdk.serverPeakRssBytes / MB },
  { label: 'SDK/provider: server CPU (ms)', digits: 0, ratio: true, value: (r) => r.sdk.phase.serverCpuUs / 1000 },
  { label: 'SDK/provider: load generator CPU (ms)', digits: 0, ratio: true, value: (r) => generatorCpuUs(r.sdk.phase) / 1000 },
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

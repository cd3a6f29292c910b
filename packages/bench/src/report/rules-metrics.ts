/**
 * R1's and A1's rows. R1 compares Accord with its rules of the room against the same server without
 * them (the `A / Ar` column); A1 has no peer on Hocuspocus, which has no amendments: its reference is
 * a plain client update on the same document in the same run, given as rows of its own.
 */
import type { AmendmentsResult, DatabaseKind, Distribution, RulesResult } from '../protocol.js';
import { cpuRows, type Cell, type Metric } from './metrics.js';

const MB = 1024 * 1024;

export function rulesMetrics(editors: number, database: DatabaseKind): Array<Metric<RulesResult>> {
  return [
    { label: 'server CPU µs / delivered update', digits: 2, ratio: true, value: (r) => r.serverCpuUsPerDelivery },
    ...(database === 'postgres'
      ? [{ label: 'PostgreSQL CPU µs / delivered update', digits: 2, value: (r: RulesResult) => r.databaseCpuUsPerDelivery }]
      : []),
    {
      label: `server CPU µs / incoming update (× ${editors - 1} deliveries)`,
      digits: 1,
      ratio: true,
      value: (r) => (r.edits > 0 ? (r.serverCpuUsPerDelivery * r.deliveries) / r.edits : null),
    },
    { label: 'latency p50 (ms)', digits: 2, ratio: true, value: (r) => r.latencyMs.p50 },
    { label: 'latency p99 (ms)', digits: 2, ratio: true, value: (r) => r.latencyMs.p99 },
    { label: 'save-ack p99 (ms)', digits: 2, value: (r) => r.saveAckMs?.p99 ?? null },
    { label: 'paragraphs in the text', digits: 0, value: (r) => r.paragraphs },
    { label: 'delivered updates (steady phase)', digits: 0, value: (r) => r.deliveries },
    { label: 'missing deliveries', digits: 0, value: (r) => r.missingDeliveries },
    { label: 'replicas converged', digits: 0, value: (r) => (r.converged ? 'yes' : 'NO') },
    { label: 'server RSS (MB)', digits: 1, value: (r) => r.serverRssBytes / MB },
    ...cpuRows<RulesResult>(),
  ];
}

const pair = (d: Distribution | null | undefined, digits = 1): Cell => (d ? `${d.p50.toFixed(digits)} / ${d.p95.toFixed(digits)}` : null);

export function amendmentsMetrics(database: DatabaseKind): Array<Metric<AmendmentsResult>> {
  const cpuUnit = database === 'postgres' ? 'ms, server + PostgreSQL' : 'ms';
  return [
    { label: 'paragraphs in the document', digits: 0, value: (r) => r.paragraphs },
    { label: 'accepts: as proposed / in brackets', digits: 0, value: (r) => `${r.modes.asProposed} / ${r.modes.bracketed}` },
    { label: 'accept: HTTP until the answer p50 / p95 (ms)', digits: 1, value: (r) => pair(r.acceptMs) },
    { label: 'accept: server time p50 / p95 (ms)', digits: 1, value: (r) => pair(r.acceptServerMs) ?? 'no Server-Timing' },
    { label: "accept: until another client's Y.Doc has it p50 / p95 (ms)", digits: 1, value: (r) => pair(r.seenMs) },
    { label: "reference: a delegate's typed update until the other client has it p50 / p95 (ms)", digits: 1, value: (r) => pair(r.updateSeenMs) },
    {
      label: 'accept seen ÷ typed update seen, p50 (×)',
      digits: 1,
      value: (r) => (r.updateSeenMs.p50 > 0 ? r.seenMs.p50 / r.updateSeenMs.p50 : null),
    },
    {
      label: `accept: CPU per accept (${cpuUnit})`,
      digits: 1,
      value: (r) => (r.databaseCpuMsPerAccept === null ? r.serverCpuMsPerAccept : `${r.serverCpuMsPerAccept.toFixed(1)} + ${r.databaseCpuMsPerAccept.toFixed(1)} db`),
    },
    { label: 'every accepted change seen by the other client', digits: 0, value: (r) => (r.allSeen ? 'yes' : 'NO') },
    ...cpuRows<AmendmentsResult>(),
  ];
}

/**
 * X1's table: the room's figures in each placement beside the one-node run of the same bench run,
 * as ratios, and Hocuspocus's one node; then the failover figures against the issue's targets.
 */
import type { ClusterResult, ClusterRoomFigures, ClusterSetup, ClusterSpec, FailoverFigures } from '../protocol.js';
import type { WorkloadRun } from './comparison.js';
import { alignColumns, cell, times, type Column } from './table.js';

export interface ClusterRoomRow {
  figure: string;
  digits: number;
  oneNode: number | string | null;
  owner: number | string | null;
  forwarded: number | string | null;
  hocuspocus: number | string | null;
  /** Against the one-node run; null where the figure is not one that reads as a ratio. */
  ownerRatio: number | null;
  forwardedRatio: number | null;
  /** Accord's one node ÷ Hocuspocus's. */
  oneNodeToHocuspocus: number | null;
}

export interface FailoverRow {
  figure: string;
  digits: number;
  kill: number | string | null;
  term: number | string | null;
  target: string | null;
  met: { kill: boolean | null; term: boolean | null } | null;
}

export interface ClusterFigures {
  workload: string;
  rooms: ClusterRoomRow[];
  failover: FailoverRow[];
  skipped: Record<string, string>;
}

/** The targets: editing and saving again within these, p99 over the clients. */
export const FAILOVER_TARGET_MS = { kill: 5_000, term: 1_000 } as const;

type RoomValue = (room: ClusterRoomFigures) => number | string | null;

const roomFigures: Array<{ figure: string; digits: number; ratio: boolean; value: RoomValue }> = [
  { figure: 'propagation p50 (ms)', digits: 2, ratio: true, value: (r) => r.propagationMs.p50 },
  { figure: 'propagation p95 (ms)', digits: 2, ratio: true, value: (r) => r.propagationMs.p95 },
  { figure: 'propagation p99 (ms)', digits: 2, ratio: true, value: (r) => r.propagationMs.p99 },
  { figure: 'save-ack p50 (ms)', digits: 2, ratio: true, value: (r) => r.saveAckMs?.p50 ?? null },
  { figure: 'save-ack p99 (ms)', digits: 2, ratio: true, value: (r) => r.saveAckMs?.p99 ?? null },
  { figure: 'measured edits × receivers', digits: 0, ratio: false, value: (r) => `${r.edits} × ${r.receivers}` },
  { figure: 'missing deliveries', digits: 0, ratio: false, value: (r) => r.missingDeliveries },
  { figure: 'replicas converged', digits: 0, ratio: false, value: (r) => (r.converged ? 'yes' : 'NO') },
  { figure: 'servers CPU, all nodes (% of a core)', digits: 0, ratio: false, value: (r) => r.phase.cores.server * 100 },
  { figure: 'PostgreSQL CPU (% of a core)', digits: 0, ratio: false, value: (r) => (r.phase.cores.database === null ? null : r.phase.cores.database * 100) },
  { figure: 'load generator CPU (% of a core)', digits: 0, ratio: false, value: (r) => r.phase.cores.generator * 100 },
  { figure: 'other processes CPU (% of a core)', digits: 0, ratio: false, value: (r) => r.phase.cores.other * 100 },
];

export function clusterFigures(run: WorkloadRun): ClusterFigures {
  const accord = run.results.accord as ClusterResult | undefined;
  const hocuspocus = run.results.hocuspocus as ClusterResult | undefined;
  const rooms = roomFigures.map(({ figure, digits, ratio, value }): ClusterRoomRow => {
    const at = (figures: ClusterRoomFigures | undefined) => (figures ? value(figures) : null);
    const oneNode = at(room(accord, 'one-node'));
    const owner = at(room(accord, 'owner'));
    const forwarded = at(room(accord, 'forwarded'));
    const hocus = at(room(hocuspocus, 'one-node'));
    return {
      figure,
      digits,
      oneNode,
      owner,
      forwarded,
      hocuspocus: hocus,
      ownerRatio: ratio ? ratioOf(owner, oneNode) : null,
      forwardedRatio: ratio ? ratioOf(forwarded, oneNode) : null,
      oneNodeToHocuspocus: ratio ? ratioOf(oneNode, hocus) : null,
    };
  });
  return { workload: run.title, rooms, failover: failoverRows(accord, run.spec as ClusterSpec), skipped: { ...accord?.skipped } };
}

function failoverRows(result: ClusterResult | undefined, spec: ClusterSpec): FailoverRow[] {
  const kill = result?.failover.kill ?? null;
  const term = result?.failover.term ?? null;
  const row = (figure: string, digits: number, value: (f: FailoverFigures) => number | string): FailoverRow => ({
    figure,
    digits,
    kill: kill ? value(kill) : null,
    term: term ? value(term) : null,
    target: null,
    met: null,
  });
  return [
    row('documents × clients', 0, (f) => `${f.documents} × ${f.clients / f.documents}`),
    row('offline after the signal p50 / max (ms)', 0, (f) => `${cell(f.offlineMs.p50, 0, undefined)} / ${cell(f.offlineMs.max, 0, undefined)}`),
    row('back to saving p50 (ms)', 0, (f) => f.recoveryMs.p50),
    {
      ...row('back to saving p99 (ms)', 0, (f) => f.recoveryMs.p99),
      target: `SIGKILL < ${FAILOVER_TARGET_MS.kill.toLocaleString('en-US')}, SIGTERM < ${FAILOVER_TARGET_MS.term.toLocaleString('en-US')}`,
      met: { kill: within(kill, FAILOVER_TARGET_MS.kill), term: within(term, FAILOVER_TARGET_MS.term) },
    },
    row('back to saving max (ms)', 0, (f) => f.recoveryMs.max),
    row(`clients not back within ${spec.recoveryTimeoutMs / 1000} s`, 0, (f) => f.unrecovered),
    row('reconnected through the proxy to', 0, (f) => Object.entries(f.reconnectedTo).map(([node, count]) => `${node} (${count})`).join(', ') || 'none'),
    row('replicas converged', 0, (f) => (f.converged ? 'yes' : 'NO')),
  ];
}

export function formatClusterTable(run: WorkloadRun, figures: ClusterFigures): string {
  const spec = run.spec as ClusterSpec;
  const error = run.errors.accord;
  const hocuspocusRan = run.servers.includes('hocuspocus');
  const roomColumns: Array<Column<ClusterRoomRow>> = [
    { title: '', text: (row) => row.figure, left: true },
    { title: 'one node', text: (row) => cell(row.oneNode, row.digits, error) },
    { title: 'on the owner', text: (row) => cell(row.owner, row.digits, error) },
    { title: '÷ one node', text: (row) => times(row.ownerRatio) },
    { title: 'forwarded', text: (row) => cell(row.forwarded, row.digits, error) },
    { title: '÷ one node', text: (row) => times(row.forwardedRatio) },
    ...(hocuspocusRan
      ? [
          { title: 'Hocuspocus, one node', text: (row: ClusterRoomRow) => cell(row.hocuspocus, row.digits, run.errors.hocuspocus) },
          { title: 'one node ÷ H', text: (row: ClusterRoomRow) => times(row.oneNodeToHocuspocus) },
        ]
      : []),
  ];
  const failoverColumns: Array<Column<FailoverRow>> = [
    { title: '', text: (row) => row.figure, left: true },
    { title: 'owner SIGKILLed', text: (row) => cell(row.kill, row.digits, error) },
    { title: 'owner SIGTERMed', text: (row) => cell(row.term, row.digits, error) },
    { title: 'target (ms, p99)', text: (row) => row.target ?? '', left: true },
    { title: '', text: (row) => (row.met ? `${verdict(row.met.kill)} / ${verdict(row.met.term)}` : '') },
  ];
  const lease = `LEASE_TTL ${spec.leaseTtlMs / 1000} s`;
  return [
    run.title,
    ...alignColumns(roomColumns, figures.rooms),
    `one node: Accord alone, no Redis. on the owner: ${spec.nodes} nodes with Redis, typist and receivers on the document's owner. forwarded: the owner holds it open, the typist is on a second node and the receivers on a third.`,
    '',
    `Failover: ${spec.nodes} nodes, ${lease}; clients through a proxy routing by document, each editing every ${spec.failoverIntervalMs} ms; back to saving: from the signal until an edit the client made once its document went offline is saved`,
    ...alignColumns(failoverColumns, figures.failover),
    ...Object.entries(figures.skipped).map(([part, reason]) => `  ${part}: not measured: ${reason}`),
  ].join('\n');
}

const room = (result: ClusterResult | undefined, setup: ClusterSetup) => result?.rooms[setup];

/** A client that never got back counts as missing the target, whatever the others did. */
const within = (f: FailoverFigures | null, limit: number) => (f ? f.unrecovered === 0 && f.recoveryMs.p99 < limit : null);

const verdict = (met: boolean | null) => (met === null ? '–' : met ? 'met' : 'MISSED');

function ratioOf(a: number | string | null, b: number | string | null): number | null {
  return typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : null;
}

/** Turns a run's results into rows: each figure for both servers, Accord ÷ Hocuspocus, the target. */
import type { DatabaseKind, ServerKind, WorkloadResult, WorkloadSpec } from '../protocol.js';
import { longHistoryMetrics, manyRoomsMetrics, typingRoomMetrics, type Cell, type Metric } from './metrics.js';

export interface WorkloadRun {
  title: string;
  spec: WorkloadSpec;
  results: Partial<Record<ServerKind, WorkloadResult>>;
  errors: Partial<Record<ServerKind, string>>;
}

export interface ComparisonRow {
  workload: string;
  metric: string;
  digits: number;
  accord: Cell;
  hocuspocus: Cell;
  /** Accord ÷ Hocuspocus. */
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

export function compare(run: WorkloadRun, database: DatabaseKind): ComparisonRow[] {
  return metricsFor(run.spec, database).map((metric) => {
    const accord = valueOf(metric, run.results.accord);
    const hocuspocus = valueOf(metric, run.results.hocuspocus);
    const numbers = typeof accord === 'number' && typeof hocuspocus === 'number' && Number.isFinite(accord) && Number.isFinite(hocuspocus);
    const ratio = metric.ratio && numbers && hocuspocus !== 0 ? accord / hocuspocus : null;
    const met =
      metric.target && typeof accord === 'number' && Number.isFinite(accord)
        ? metric.target.met(accord, typeof hocuspocus === 'number' ? hocuspocus : null)
        : null;
    return {
      workload: run.title,
      metric: metric.label,
      digits: metric.digits,
      accord,
      hocuspocus,
      ratio,
      target: metric.target?.text ?? null,
      met,
    };
  });
}

function metricsFor(spec: WorkloadSpec, database: DatabaseKind): Array<Metric<WorkloadResult>> {
  // Each list reads only its own workload's result; the casts only widen the parameter type.
  switch (spec.kind) {
    case 'w1':
      return typingRoomMetrics(spec.editors, database) as Array<Metric<WorkloadResult>>;
    case 'w2':
      return longHistoryMetrics(database) as Array<Metric<WorkloadResult>>;
    case 'w3':
      return manyRoomsMetrics(database) as Array<Metric<WorkloadResult>>;
  }
}

function valueOf(metric: Metric<WorkloadResult>, result: WorkloadResult | undefined): Cell {
  return result ? metric.value(result) : null;
}

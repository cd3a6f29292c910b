/**
 * Turns a run's results into rows: each figure for every server, Accord ÷ Hocuspocus, the target, and
 * where Accord also ran without its schema check, that figure, its ratio and the check's cost.
 */
import type { ContentCheckSeen, DatabaseKind, RulesSeen, ServerKind, WorkloadResult, WorkloadSpec } from '../protocol.js';
import { amendmentsMetrics, rulesMetrics } from './rules-metrics.js';
import { commentsMetrics } from './comments-metrics.js';
import { documentsMetrics } from './documents-metrics.js';
import { historyMetrics } from './history-metrics.js';
import { joinMetrics, presenceMetrics } from './crowd-metrics.js';
import { editorTypingMetrics } from './editor-metrics.js';
import { longHistoryMetrics, manyRoomsMetrics, typingRoomMetrics, type Cell, type Metric } from './metrics.js';

export interface WorkloadRun {
  title: string;
  spec: WorkloadSpec;
  /** The servers this workload ran on (plan.ts serversFor). */
  servers: ServerKind[];
  results: Partial<Record<ServerKind, WorkloadResult>>;
  errors: Partial<Record<ServerKind, string>>;
  /** Where Accord also ran without its schema check: what each Accord server did with a root Y.Text. */
  contentChecks: Partial<Record<ServerKind, ContentCheckSeen>>;
  /** Where Accord also ran without the rules of the room: what each Accord server did with a delegate's status change. */
  rulesChecks: Partial<Record<ServerKind, RulesSeen>>;
}

export interface ComparisonRow {
  workload: string;
  metric: string;
  digits: number;
  accord: Cell;
  /** Accord without the schema check; null where that variant did not run. */
  accordUnchecked: Cell;
  /** Accord without the rules of the room (R1); null where that variant did not run. */
  accordWithoutRules: Cell;
  hocuspocus: Cell;
  /** Accord ÷ Hocuspocus. */
  ratio: number | null;
  /** Accord without the schema check ÷ Hocuspocus: the ratio before the check. */
  uncheckedRatio: number | null;
  /** Accord ÷ Accord without the schema check: what the check costs (1.00× is nothing). */
  checkCost: number | null;
  /** Accord ÷ Accord without the rules of the room: what the rules cost (1.00× is nothing). */
  rulesCost: number | null;
  target: string | null;
  met: boolean | null;
}

export function compare(run: WorkloadRun, database: DatabaseKind): ComparisonRow[] {
  return metricsFor(run.spec, database).map((metric) => {
    const accord = valueOf(metric, run.results.accord);
    const accordUnchecked = valueOf(metric, run.results['accord-unchecked']);
    const accordWithoutRules = valueOf(metric, run.results['accord-without-rules']);
    const hocuspocus = valueOf(metric, run.results.hocuspocus);
    const ratio = (a: Cell, b: Cell) => (metric.ratio ? ratioOf(a, b) : null);
    const met =
      metric.target && typeof accord === 'number' && Number.isFinite(accord)
        ? metric.target.met(accord, typeof hocuspocus === 'number' ? hocuspocus : null)
        : null;
    return {
      workload: run.title,
      metric: metric.label,
      digits: metric.digits,
      accord,
      accordUnchecked,
      accordWithoutRules,
      hocuspocus,
      ratio: ratio(accord, hocuspocus),
      uncheckedRatio: ratio(accordUnchecked, hocuspocus),
      checkCost: ratio(accord, accordUnchecked),
      rulesCost: ratio(accord, accordWithoutRules),
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
    case 'c1':
      return commentsMetrics(spec, database) as Array<Metric<WorkloadResult>>;
    case 'r1':
      return rulesMetrics(spec.editors, database) as Array<Metric<WorkloadResult>>;
    case 'a1':
      return amendmentsMetrics(database) as Array<Metric<WorkloadResult>>;
    case 'w4':
      return historyMetrics() as Array<Metric<WorkloadResult>>;
    case 'd1':
      return documentsMetrics() as Array<Metric<WorkloadResult>>;
    case 'w5':
      return joinMetrics() as Array<Metric<WorkloadResult>>;
    case 'w6':
      return presenceMetrics() as Array<Metric<WorkloadResult>>;
    case 'e1':
      return editorTypingMetrics() as Array<Metric<WorkloadResult>>;
    case 'x1':
      // Its figures are columns per placement, not per server: report/cluster-figures.ts.
      return [];
  }
}

function ratioOf(a: Cell, b: Cell): number | null {
  return typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : null;
}

function valueOf(metric: Metric<WorkloadResult>, result: WorkloadResult | undefined): Cell {
  return result ? metric.value(result) : null;
}

/**
 * What the server's schema check of incoming updates costs: server CPU per delivered update with the
 * check (`accord`) and without it (`accord-unchecked`, the figure before the check), measured in the
 * same run, each against Hocuspocus. The issue asks that the check not make Accord slower than
 * Hocuspocus by more than it was without it: compare `checkedRatio` with `uncheckedRatio`.
 */
import type { WorkloadResult } from '../protocol.js';
import type { SchemaCheckInProcess } from '../schema-check-cost.js';
import type { WorkloadRun } from './comparison.js';

export interface SchemaCheckFigure {
  workload: string;
  /** What the CPU is divided by: updates delivered to receivers (W1, W3), or ingested (W2). */
  per: 'delivered update' | 'ingested update';
  /** Server CPU µs per `per`. */
  checkedUs: number;
  uncheckedUs: number;
  hocuspocusUs: number | null;
  /** checked ÷ unchecked: 1.00 means the check costs nothing measurable. */
  cost: number;
  /** Accord ÷ Hocuspocus, with the check and without it. */
  checkedRatio: number | null;
  uncheckedRatio: number | null;
}

export function schemaCheckFigures(runs: readonly WorkloadRun[]): SchemaCheckFigure[] {
  const figures: SchemaCheckFigure[] = [];
  for (const run of runs) {
    const checked = cpuPerUpdate(run.results.accord);
    const unchecked = cpuPerUpdate(run.results['accord-unchecked']);
    if (checked === null || unchecked === null) continue;
    const hocuspocus = cpuPerUpdate(run.results.hocuspocus);
    figures.push({
      workload: run.title,
      per: run.spec.kind === 'w2' ? 'ingested update' : 'delivered update',
      checkedUs: checked,
      uncheckedUs: unchecked,
      hocuspocusUs: hocuspocus,
      cost: checked / unchecked,
      checkedRatio: hocuspocus ? checked / hocuspocus : null,
      uncheckedRatio: hocuspocus ? unchecked / hocuspocus : null,
    });
  }
  return figures;
}

const us = (value: number) => `${value.toFixed(2)} µs`;
const times = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(2)}×`);

export function describeSchemaCheck(figure: SchemaCheckFigure): string {
  return (
    `Schema check, ${figure.workload}: server CPU per ${figure.per} ${us(figure.checkedUs)} with it, ${us(figure.uncheckedUs)} without: ` +
    `the check costs ${times(figure.cost)}; Accord ÷ Hocuspocus ${times(figure.checkedRatio)} with it, ${times(figure.uncheckedRatio)} without.`
  );
}

function cpuPerUpdate(result: WorkloadResult | undefined): number | null {
  if (!result || result.kind === 'c1' || result.kind === 'a1' || result.kind === 'w4' || result.kind === 'd1' || result.kind === 'x1' || result.kind === 'w5' || result.kind === 'w6' || result.kind === 'e1') return null;
  const value = result.kind === 'w2' ? result.serverCpuUsPerUpdate : result.serverCpuUsPerDelivery;
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function describeSchemaCheckInProcess(figure: SchemaCheckInProcess): string {
  return (
    `Schema check in-process, on ${figure.updates.toLocaleString('en-US')} W1 typing updates: ${us(figure.checkUs)} of CPU per incoming update ` +
    `(applying one: ${us(figure.applyUs)}); W1 delivers each incoming update N − 1 times, so at N=50 ${us(figure.checkUs / 49)} per delivered update.`
  );
}

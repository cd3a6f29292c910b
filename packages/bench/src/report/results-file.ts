/** bench-results/<timestamp>.json and bench-results/latest.json at the repository root (gitignored). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchOptions } from '../options.js';
import type { ClusterFigures } from './cluster-figures.js';
import type { ComparisonRow, WorkloadRun } from './comparison.js';
import type { Environment } from './environment.js';
import type { SchemaCheckInProcess } from '../schema-check-cost.js';
import type { RulesPolicyInProcess } from '../rules-cost-in-process.js';
import type { RulesCostFigure } from './rules-cost.js';
import type { SchemaCheckFigure } from './schema-check.js';

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  options: BenchOptions;
  environment: Environment;
  /** True when any phase saturated the load generator: those figures measure it, not the server. */
  generatorSaturated: boolean;
  /** True when processes outside the bench took more than a quarter core during some phase. */
  machineBusy: boolean;
  warnings: string[];
  comparisons: ComparisonRow[];
  /** Where Accord also ran without its schema check: the check's cost in server CPU per update. */
  schemaCheck: SchemaCheckFigure[];
  /** The check alone on W1's kind of update, in-process (schema-check-cost.ts); null when not measured. */
  schemaCheckInProcess: SchemaCheckInProcess | null;
  /** R1: the rules of the room's cost in server CPU per update, with them and without, per variant. */
  rulesCost: RulesCostFigure[];
  /** The policy alone on each R1 text's updates, in-process (rules-cost-in-process.ts); empty when R1 did not run both kinds. */
  rulesPolicyInProcess: RulesPolicyInProcess[];
  /** X1: the room in each placement with its ratios to one node, and the failover figures. */
  cluster: ClusterFigures[];
  /** Why X1 did not run (no PostgreSQL, no Redis), or null. */
  clusterSkipped: string | null;
  /** Every raw figure, per workload and server. */
  runs: WorkloadRun[];
}

export async function writeResults(repoRoot: string, report: BenchReport): Promise<string> {
  const dir = join(repoRoot, 'bench-results');
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(dir, `${report.startedAt.replaceAll(':', '-')}.json`);
  await writeFile(file, json);
  await writeFile(join(dir, 'latest.json'), json);
  return file;
}

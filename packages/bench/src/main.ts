/**
 * pnpm bench: Accord and Hocuspocus through the same workloads in the same run, on the same kind of
 * database (PostgreSQL when DATABASE_URL is set, PGlite otherwise). This process only orchestrates:
 * servers and the load generator are child processes, so it neither competes for CPU nor measures
 * itself.
 */
import { fileURLToPath } from 'node:url';
import { UsageError, parseOptions, type BenchOptions } from './options.js';
import { describeWorkload, planWorkloads } from './plan.js';
import type { DatabaseKind, ServerKind } from './protocol.js';
import { compare, type ComparisonRow, type WorkloadRun } from './report/comparison.js';
import { describeEnvironment } from './report/environment.js';
import { writeResults } from './report/results-file.js';
import { formatTable } from './report/table.js';
import { prepareStorage, runWorkload } from './run-workload.js';
import { createRunStorage, databaseKind, type RunStorage } from './storage.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tracePath = fileURLToPath(new URL('../shared/traces/automerge-paper.json.gz', `file://${repoRoot}`));

const say = (line: string) => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const database = databaseKind(databaseUrl);
  const environment = describeEnvironment(database, repoRoot);
  say(`Accord bench: ${options.servers.join(' and ')} on ${database}, ${environment.cores} × ${environment.cpuModel}, Node ${environment.node}`);

  const storages = new Map<ServerKind, RunStorage>();
  const runs: WorkloadRun[] = [];
  const warnings: string[] = [];
  try {
    for (const kind of options.servers) {
      const storage = await createRunStorage(kind, databaseUrl);
      storages.set(kind, storage);
      say(`  [${kind}] preparing its ${database} storage`);
      await prepareStorage(kind, storage.config);
    }
    // Workload by workload, both servers back to back, so a drifting machine affects both alike.
    for (const spec of planWorkloads(options, tracePath)) {
      const run: WorkloadRun = { title: describeWorkload(spec), spec, results: {}, errors: {} };
      runs.push(run);
      for (const kind of options.servers) {
        const log = (message: string) => say(`  [${kind} · ${run.title}] ${message}`);
        log('starting');
        try {
          const result = await runWorkload(kind, storages.get(kind)!.config, spec, log);
          run.results[kind] = result;
          if (result.generator.saturated) {
            warnings.push(
              `${run.title} on ${kind}: the load generator used ${Math.round(result.generator.coreFraction * 100)}% of a core — ` +
                'these figures measure the generator, not the server.',
            );
          }
        } catch (error) {
          run.errors[kind] = error instanceof Error ? error.message : String(error);
          log(`FAILED: ${run.errors[kind]}`);
        }
      }
    }
  } finally {
    for (const storage of storages.values()) await storage.dispose().catch(() => {});
  }
  await report(options, database, environment, startedAt, runs, warnings);
}

async function report(
  options: BenchOptions,
  database: DatabaseKind,
  environment: ReturnType<typeof describeEnvironment>,
  startedAt: string,
  runs: WorkloadRun[],
  warnings: string[],
): Promise<void> {
  const comparisons: ComparisonRow[] = [];
  say('');
  for (const run of runs) {
    const rows = compare(run, database);
    comparisons.push(...rows);
    say(formatTable(run, rows, options.servers));
    for (const [kind, error] of Object.entries(run.errors)) say(`  ${kind} failed: ${error.split('\n')[0]}`);
    say('');
  }
  for (const warning of warnings) say(`WARNING: ${warning}`);
  const file = await writeResults(repoRoot, {
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    environment,
    generatorSaturated: warnings.length > 0,
    warnings,
    comparisons,
    runs,
  });
  say(`Results: ${file}`);
  if (runs.some((run) => Object.keys(run.errors).length > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n` : `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});

/**
 * pnpm bench: Accord and Hocuspocus through the same workloads in the same run, on the same kind of
 * database (PostgreSQL when DATABASE_URL is set, PGlite otherwise). This process only orchestrates:
 * servers and the load generator are child processes, so it neither competes for CPU nor measures
 * itself.
 */
import { fileURLToPath } from 'node:url';
import { UsageError, parseOptions, type BenchOptions } from './options.js';
import { DEFAULT_REDIS_URL, clusterSkipReason } from './cluster-prerequisites.js';
import { describeWorkload, planWorkloads, serversFor } from './plan.js';
import { isAccord, serverKinds, type ContentCheckSeen, type DatabaseKind, type PhaseUsage, type RulesSeen, type ServerKind } from './protocol.js';
import { clusterFigures, formatClusterTable, type ClusterFigures } from './report/cluster-figures.js';
import { compare, type ComparisonRow, type WorkloadRun } from './report/comparison.js';
import { describeEnvironment } from './report/environment.js';
import { writeResults } from './report/results-file.js';
import { describeRulesCost, describeRulesPolicyInProcess, rulesCostFigures } from './report/rules-cost.js';
import { describeSchemaCheck, describeSchemaCheckInProcess, schemaCheckFigures } from './report/schema-check.js';
import { measureRulesPolicy, type RulesPolicyInProcess } from './rules-cost-in-process.js';
import { measureSchemaCheck, type SchemaCheckInProcess } from './schema-check-cost.js';
import { formatTable } from './report/table.js';
import { prepareStorage, runWorkload } from './run-workload.js';
import { createRunStorage, databaseKind, type RunStorage } from './storage.js';
import { formatM1, measureEmbeddedMemory } from './workloads/m1-embedded-memory.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tracePath = fileURLToPath(new URL('../shared/traces/automerge-paper.json.gz', `file://${repoRoot}`));

const say = (line: string) => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const database = databaseKind(databaseUrl);
  const environment = describeEnvironment(database, repoRoot);
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  let plan = planWorkloads(options, tracePath, redisUrl);
  // PostgreSQL and Redis only: a default run includes X1 where both are there, and says why not otherwise.
  const clusterSkipped = plan.some((spec) => spec.kind === 'x1') ? await clusterSkipReason(databaseUrl, redisUrl) : null;
  if (clusterSkipped) plan = plan.filter((spec) => spec.kind !== 'x1');
  const kinds = serverKinds.filter((kind) => plan.some((spec) => serversFor(spec, options).includes(kind)));
  say(`Accord bench: ${kinds.join(', ')} on ${database}, ${environment.cores} × ${environment.cpuModel}, Node ${environment.node}`);
  if (clusterSkipped) say(`  X1 several servers: skipped, ${clusterSkipped}`);

  const storages = new Map<ServerKind, RunStorage>();
  // Ctrl-C reaches the children too; the fresh databases and PGlite directories are ours to remove.
  process.once('SIGINT', () => {
    say('interrupted: removing the run\'s databases');
    void Promise.allSettled([...storages.values()].map((storage) => storage.dispose())).then(() => process.exit(130));
  });
  const runs: WorkloadRun[] = [];
  const warnings: string[] = [];
  try {
    for (const kind of kinds) {
      const storage = await createRunStorage(kind, databaseUrl);
      storages.set(kind, storage);
      say(`  [${kind}] preparing its ${database} storage`);
      await prepareStorage(kind, storage.config);
    }
    // Workload by workload, the servers back to back, so a drifting machine affects them alike.
    for (const spec of plan) {
      const servers = serversFor(spec, options);
      const run: WorkloadRun = { title: describeWorkload(spec), spec, servers, results: {}, errors: {}, contentChecks: {}, rulesChecks: {} };
      runs.push(run);
      // Where the check's or the rules' cost is measured, make sure each Accord server is the one it is named.
      const probe = servers.includes('accord-unchecked');
      const probeRules = servers.includes('accord-without-rules');
      for (const kind of run.servers) {
        const log = (message: string) => say(`  [${kind} · ${run.title}] ${message}`);
        log('starting');
        try {
          const probes = { contentCheck: probe && isAccord(kind), rules: probeRules && isAccord(kind) };
          const { result, contentCheck, rules } = await runWorkload(kind, storages.get(kind)!.config, spec, log, probes);
          run.results[kind] = result;
          if (contentCheck) run.contentChecks[kind] = contentCheck;
          if (rules) run.rulesChecks[kind] = rules;
          warnings.push(
            ...phaseWarnings(`${run.title} on ${kind}`, result.phase),
            ...contentCheckWarnings(`${run.title} on ${kind}`, kind, contentCheck),
            ...rulesWarnings(`${run.title} on ${kind}`, kind, rules),
          );
        } catch (error) {
          run.errors[kind] = error instanceof Error ? error.message : String(error);
          log(`FAILED: ${run.errors[kind]}`);
        }
      }
    }
  } finally {
    for (const storage of storages.values()) await storage.dispose().catch(() => {});
  }
  // After the servers have stopped, so that nothing else of the bench runs meanwhile.
  const checkInProcess = runs.some((run) => run.servers.includes('accord-unchecked')) ? measureSchemaCheck() : null;
  const rulesInProcess = runs.flatMap((run) => (run.spec.kind === 'r1' && run.servers.includes('accord-without-rules') ? [measureRulesPolicy(run.spec.variant)] : []));
  await report(options, database, environment, startedAt, runs, warnings, checkInProcess, rulesInProcess, clusterSkipped);
  // M1 last, its own servers alone on the machine: memory at rest, not a workload with clients.
  if (options.only.includes('m1')) {
    say('  [M1 embedded default at rest] starting');
    const m1 = await measureEmbeddedMemory({ idleMs: options.quick ? 5_000 : 10_000 }, repoRoot, (message) => say(`  [M1] ${message}`));
    say(`\n${formatM1(m1)}`);
    if (m1.hocuspocusError) process.exitCode = 1;
  }
}

const percent = (cores: number) => `${Math.round(cores * 100)}% of a core`;

function phaseWarnings(where: string, phase: PhaseUsage): string[] {
  const warnings: string[] = [];
  if (phase.generatorSaturated) {
    warnings.push(`${where}: the load generator used ${percent(phase.cores.generator)}; these figures measure the generator, not the server.`);
  }
  if (phase.machineBusy) {
    warnings.push(`${where}: other processes on this machine used ${percent(phase.cores.other)}; every figure is disturbed.`);
  }
  return warnings;
}

function contentCheckWarnings(where: string, kind: ServerKind, seen: ContentCheckSeen | null): string[] {
  if (kind === 'accord' && seen === 'accepts a root Y.Text') {
    return [`${where}: the server accepted a free-standing root Y.Text, so its schema check is not on; "Accord" measured no check.`];
  }
  if (kind === 'accord-unchecked' && seen === 'refuses a root Y.Text') {
    return [`${where}: the server refused a free-standing root Y.Text, so its schema check was not turned off (startServer's contentCheck dependency); A / Au measures nothing.`];
  }
  return [];
}

function rulesWarnings(where: string, kind: ServerKind, seen: RulesSeen | null): string[] {
  if (kind === 'accord' && seen === "accepts a delegate's status change") {
    return [`${where}: the server let a delegate mark a paragraph agreed, so the rules of the room are not on (startServer's policy); "Accord" measured no rules.`];
  }
  if (kind === 'accord-without-rules' && seen === "refuses a delegate's status change") {
    return [`${where}: the server refused a delegate's status change, so its rules were not turned off (startServer's policy dependency); A / Ar measures nothing.`];
  }
  return [];
}

async function report(
  options: BenchOptions,
  database: DatabaseKind,
  environment: ReturnType<typeof describeEnvironment>,
  startedAt: string,
  runs: WorkloadRun[],
  warnings: string[],
  checkInProcess: SchemaCheckInProcess | null,
  rulesInProcess: RulesPolicyInProcess[],
  clusterSkipped: string | null,
): Promise<void> {
  const comparisons: ComparisonRow[] = [];
  const cluster: ClusterFigures[] = [];
  say('');
  for (const run of runs) {
    if (run.spec.kind === 'x1') {
      const figures = clusterFigures(run);
      cluster.push(figures);
      say(formatClusterTable(run, figures));
    } else {
      const rows = compare(run, database);
      comparisons.push(...rows);
      say(formatTable(run, rows));
    }
    for (const [kind, error] of Object.entries(run.errors)) say(`  ${kind} failed: ${error.split('\n')[0]}`);
    say('');
  }
  const schemaCheck = schemaCheckFigures(runs);
  for (const figure of schemaCheck) say(describeSchemaCheck(figure));
  const rulesCost = rulesCostFigures(runs);
  for (const figure of rulesCost) say(describeRulesCost(figure));
  for (const figure of rulesInProcess) say(describeRulesPolicyInProcess(figure));
  if (checkInProcess) say(describeSchemaCheckInProcess(checkInProcess));
  if (database === 'pglite') say('Note: on PGlite the database runs inside each server process: its CPU and memory are in the server figures.');
  for (const warning of warnings) say(`WARNING: ${warning}`);
  const file = await writeResults(repoRoot, {
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    environment,
    generatorSaturated: runs.some((run) => Object.values(run.results).some((result) => result.phase.generatorSaturated)),
    machineBusy: runs.some((run) => Object.values(run.results).some((result) => result.phase.machineBusy)),
    warnings,
    comparisons,
    schemaCheck,
    schemaCheckInProcess: checkInProcess,
    rulesCost,
    rulesPolicyInProcess: rulesInProcess,
    cluster,
    clusterSkipped,
    runs,
  });
  say(`Results: ${file}`);
  if (runs.some((run) => Object.keys(run.errors).length > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n` : `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(error instanceof UsageError ? error.exitCode : 1);
});

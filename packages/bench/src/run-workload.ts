/** One workload on one server kind: a fresh server process and a fresh load generator for it. */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Rpc, childChannel } from './ipc.js';
import type { ContentCheckSeen, GeneratorApi, OrchestratorApi, RulesSeen, ServerKind, StorageConfig, WorkloadResult, WorkloadSpec } from './protocol.js';
import { ClusterNodes } from './cluster-nodes.js';
import { ServerProcess } from './server-process.js';

export interface WorkloadOutcome {
  result: WorkloadResult;
  /** Accord, when asked to probe: whether the server measured runs its schema check. */
  contentCheck: ContentCheckSeen | null;
  /** Accord, when asked to probe: whether the server measured runs the rules of the room. */
  rules: RulesSeen | null;
}

/** What to check on an Accord server before measuring it: its schema check, its rules of the room. */
export interface Probes {
  contentCheck?: boolean;
  rules?: boolean;
}

const WORKLOAD_TIMEOUT_MS = 10 * 60_000;
/** W4 ingests the whole trace, restarts three times and reads hundreds of past texts. */
const HISTORY_TIMEOUT_MS = 25 * 60_000;

export async function runWorkload(
  kind: ServerKind,
  storage: StorageConfig,
  spec: WorkloadSpec,
  log: (message: string) => void,
  probes: Probes = {},
): Promise<WorkloadOutcome> {
  // One port for the run, so a restarted server is where the clients expect it.
  const port = await freePort();
  let server = await ServerProcess.launch(kind, storage, port);
  // X1 replaces the one server with several on the same database, when the generator asks.
  const running: { cluster: ClusterNodes | null } = { cluster: null };
  const clusterOf = () => {
    if (!running.cluster) throw new Error('no cluster is running (startCluster first)');
    return running.cluster;
  };
  const child = fork(new URL('./load/generator.js', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_GENERATOR_EXEC_ARGV, as BENCH_SERVER_EXEC_ARGV for the servers: e.g. a CPU profile of the clients.
    execArgv: process.env.BENCH_GENERATOR_EXEC_ARGV?.split(' ').filter(Boolean) ?? [],
  });
  const api: OrchestratorApi = {
    serverUsage: async () => (running.cluster ? running.cluster.usage() : server.usage()),
    restartServer: async () => {
      await server.stop();
      server = await ServerProcess.launch(kind, storage, port);
      return { url: server.url };
    },
    storedHistory: async ({ documentId }) => server.storedHistory(documentId),
    startCluster: async () => {
      if (spec.kind !== 'x1') throw new Error(`${spec.kind} runs on one server`);
      await server.stop();
      const ports = new Set<number>();
      while (ports.size < spec.nodes) ports.add(await freePort());
      running.cluster = await ClusterNodes.start(kind, storage, spec, [...ports]);
      return { urls: running.cluster.urls };
    },
    signalNode: async ({ index, signal }) => {
      clusterOf().signal(index, signal);
      return null;
    },
    startNode: async ({ index }) => ({ url: await clusterOf().startNode(index) }),
    progress: async ({ message }) => {
      log(message);
      return null;
    },
  };
  const generator = new Rpc<GeneratorApi>(childChannel(child), api);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeoutMs = spec.kind === 'w4' ? HISTORY_TIMEOUT_MS : WORKLOAD_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up after ${timeoutMs / 60_000} minutes`)), timeoutMs);
    });
    const databaseName = storage.kind === 'postgres' ? new URL(storage.url).pathname.slice(1) : null;
    const contentCheck = probes.contentCheck ? await Promise.race([generator.call('probeContentCheck', { url: server.url }), timeout]) : null;
    // A checked server logs the probe's refusal at warn: this line says it was the bench's own.
    if (contentCheck) log(`the server ${contentCheck} (the bench's probe of its schema check)`);
    const rules = probes.rules ? await Promise.race([generator.call('probeRules', { url: server.url }), timeout]) : null;
    if (rules) log(`the server ${rules} (the bench's probe of its rules of the room)`);
    const result = await Promise.race([generator.call('run', { server: kind, url: server.url, workload: spec, databaseName }), timeout]);
    return { result, contentCheck, rules };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill();
      await once(child, 'exit');
    }
    await server.stop();
    await running.cluster?.stopAll();
  }
}

/**
 * Starts and stops a server once before any workload: a new PGlite directory runs initdb (which grows
 * the process by hundreds of MB that WebAssembly never gives back), Accord migrates and seeds its
 * demo. None of that belongs in a workload's figures.
 */
export async function prepareStorage(kind: ServerKind, storage: StorageConfig): Promise<void> {
  const server = await ServerProcess.launch(kind, storage, await freePort());
  await server.stop();
}

/** A loopback port free now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/**
 * Who used the CPU during a measured phase: the server, the load generator, the database backends
 * (PostgreSQL only; PGlite runs inside the server), and everything else on the machine. A generator
 * above 85% of a core measures itself; other work above a quarter core disturbs every figure.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Rpc } from '../ipc.js';
import type { OrchestratorApi, PhaseUsage } from '../protocol.js';
import { machineBusyMs, postgresBackendCpuMs } from './machine-cpu.js';

const GENERATOR_SATURATED = 0.85;
const OTHER_WORK_DISTURBS = 0.25;

export interface Phase {
  stop(): Promise<PhaseUsage>;
}

export async function startPhase(orchestrator: Rpc<OrchestratorApi>, databaseName: string | null): Promise<Phase> {
  const serverStart = await orchestrator.call('serverUsage', null);
  const databaseStart = databaseName ? postgresBackendCpuMs(databaseName) : null;
  const machineStart = machineBusyMs();
  const generatorStart = process.cpuUsage();
  const wallStart = performance.now();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  return {
    stop: async () => {
      loopDelay.disable();
      const wallMs = performance.now() - wallStart;
      const generatorCpu = process.cpuUsage(generatorStart);
      const machineMs = machineBusyMs() - machineStart;
      const databaseEnd = databaseName ? postgresBackendCpuMs(databaseName) : null;
      const server = await orchestrator.call('serverUsage', null);
      const serverCpuUs = server.cpuUs - serverStart.cpuUs;
      const generatorMs = (generatorCpu.user + generatorCpu.system) / 1000;
      const databaseMs = databaseStart === null || databaseEnd === null ? null : databaseEnd - databaseStart;
      const cores = {
        server: serverCpuUs / 1000 / wallMs,
        generator: generatorMs / wallMs,
        database: databaseMs === null ? null : databaseMs / wallMs,
        machine: machineMs / wallMs,
        other: Math.max(0, machineMs - serverCpuUs / 1000 - generatorMs - (databaseMs ?? 0)) / wallMs,
      };
      return {
        wallMs,
        serverCpuUs,
        databaseCpuUs: databaseMs === null ? null : databaseMs * 1000,
        server,
        cores,
        generatorLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        generatorSaturated: cores.generator > GENERATOR_SATURATED,
        machineBusy: cores.other > OTHER_WORK_DISTURBS,
      };
    },
  };
}

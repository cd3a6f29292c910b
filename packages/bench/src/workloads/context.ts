/** What every workload gets from the load generator. */
import type { Rpc } from '../ipc.js';
import type { Driver } from '../load/driver.js';
import type { Phase } from '../load/phase-meter.js';
import type { OrchestratorApi } from '../protocol.js';

export interface WorkloadContext {
  driver: Driver;
  orchestrator: Rpc<OrchestratorApi>;
  /** Starts measuring who uses the CPU, until the phase is stopped. */
  startPhase(): Promise<Phase>;
  progress(message: string): Promise<unknown>;
}

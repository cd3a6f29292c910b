/** What every workload gets from the load generator. */
import type { Rpc } from '../ipc.js';
import type { Driver } from '../load/driver.js';
import type { Phase } from '../load/phase-meter.js';
import type { OrchestratorApi, ServerKind } from '../protocol.js';

export interface WorkloadContext {
  /** The server measured, and where: C1 talks to it beyond what the driver offers. */
  server: ServerKind;
  url: string;
  driver: Driver;
  orchestrator: Rpc<OrchestratorApi>;
  /** Starts measuring who uses the CPU, until the phase is stopped. */
  startPhase(): Promise<Phase>;
  progress(message: string): Promise<unknown>;
}

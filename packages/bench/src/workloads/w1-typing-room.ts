/** W1: one document, N editors each typing or backspacing a character every ~200 ms. */
import type { Rpc } from '../ipc.js';
import type { Driver } from '../load/driver.js';
import type { OrchestratorApi, TypingRoomResult, WorkloadSpec } from '../protocol.js';
import { runEditingRooms } from './editing-rooms.js';

type Spec = Extract<WorkloadSpec, { kind: 'w1' }>;

export async function typingRoom(driver: Driver, orchestrator: Rpc<OrchestratorApi>, spec: Spec): Promise<TypingRoomResult> {
  const outcome = await runEditingRooms(driver, orchestrator, {
    label: `w1-n${spec.editors}`,
    rooms: 1,
    perRoom: spec.editors,
    intervalMs: spec.intervalMs,
    warmupMs: spec.warmupMs,
    steadyMs: spec.steadyMs,
  });
  return {
    kind: 'w1',
    editors: spec.editors,
    steadySeconds: spec.steadyMs / 1000,
    edits: outcome.edits,
    deliveries: outcome.deliveries,
    missingDeliveries: outcome.missingDeliveries,
    latencyMs: outcome.latencyMs,
    saveAckMs: outcome.saveAckMs,
    serverCpuUs: outcome.serverCpuUs,
    serverCpuUsPerDelivery: outcome.serverCpuUs / outcome.deliveries,
    serverRssBytes: outcome.serverAtEnd.rssBytes,
    converged: outcome.converged,
    generator: outcome.generator,
  };
}

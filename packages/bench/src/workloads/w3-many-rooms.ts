/** W3: many small rooms (200 documents × 2 clients at 1 edit/s each): tail latency and server memory. */
import type { Rpc } from '../ipc.js';
import type { Driver } from '../load/driver.js';
import type { ManyRoomsResult, OrchestratorApi, WorkloadSpec } from '../protocol.js';
import { runEditingRooms } from './editing-rooms.js';

type Spec = Extract<WorkloadSpec, { kind: 'w3' }>;

export async function manyRooms(driver: Driver, orchestrator: Rpc<OrchestratorApi>, spec: Spec): Promise<ManyRoomsResult> {
  const outcome = await runEditingRooms(driver, orchestrator, {
    label: 'w3',
    rooms: spec.rooms,
    perRoom: spec.clientsPerRoom,
    intervalMs: spec.intervalMs,
    warmupMs: spec.warmupMs,
    steadyMs: spec.steadyMs,
  });
  return {
    kind: 'w3',
    rooms: spec.rooms,
    clients: spec.rooms * spec.clientsPerRoom,
    steadySeconds: spec.steadyMs / 1000,
    edits: outcome.edits,
    deliveries: outcome.deliveries,
    missingDeliveries: outcome.missingDeliveries,
    latencyMs: outcome.latencyMs,
    saveAckMs: outcome.saveAckMs,
    serverCpuUsPerDelivery: outcome.serverCpuUs / outcome.deliveries,
    serverRssBytes: outcome.serverAtEnd.rssBytes,
    serverRssIdleBytes: outcome.serverIdle.rssBytes,
    serverHeapUsedBytes: outcome.serverAtEnd.heapUsedBytes,
    converged: outcome.converged,
    generator: outcome.generator,
  };
}

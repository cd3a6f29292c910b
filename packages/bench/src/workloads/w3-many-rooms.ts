/** W3: many small rooms (200 documents × 2 clients at 1 edit/s each): tail latency and server memory. */
import type { ManyRoomsResult, WorkloadSpec } from '../protocol.js';
import type { WorkloadContext } from './context.js';
import { perDelivery, runEditingRooms } from './editing-rooms.js';

type Spec = Extract<WorkloadSpec, { kind: 'w3' }>;

export async function manyRooms(context: WorkloadContext, spec: Spec): Promise<ManyRoomsResult> {
  const outcome = await runEditingRooms(context, {
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
    ...perDelivery(outcome),
    serverRssBytes: outcome.phase.server.rssBytes,
    serverRssIdleBytes: outcome.serverIdle.rssBytes,
    converged: outcome.converged,
    phase: outcome.phase,
  };
}

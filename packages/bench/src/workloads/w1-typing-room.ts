/** W1: one document, N editors each typing or backspacing a character every ~200 ms. */
import type { TypingRoomResult, WorkloadSpec } from '../protocol.js';
import type { WorkloadContext } from './context.js';
import { perDelivery, runEditingRooms } from './editing-rooms.js';

type Spec = Extract<WorkloadSpec, { kind: 'w1' }>;

export async function typingRoom(context: WorkloadContext, spec: Spec): Promise<TypingRoomResult> {
  const outcome = await runEditingRooms(context, {
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
    ...perDelivery(outcome),
    serverRssBytes: outcome.phase.server.rssBytes,
    converged: outcome.converged,
    phase: outcome.phase,
  };
}

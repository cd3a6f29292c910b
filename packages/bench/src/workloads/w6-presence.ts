/**
 * W6 (issue 16): many clients with presence in one room, some moving their cursors at a human pace.
 * Each client shows a cursor from the start (its awareness state, set through the SDK's
 * `handle.awareness` on Accord, the provider's on Hocuspocus); each mover moves it every
 * `moveMinMs`–`moveMaxMs`, on its own rhythm. Propagation: from the application's call until every
 * other client's awareness shows the move (load/presence-probe.ts).
 */
import { closeReplicas, openReplicas, sleep, waitUntil } from '../load/connect-clients.js';
import { PresenceProbe, type Cursor } from '../load/presence-probe.js';
import { seededRandom } from '../load/typist.js';
import type { PresenceResult, WorkloadSpec } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';

type Spec = Extract<WorkloadSpec, { kind: 'w6' }>;

const DRAIN_TIMEOUT_MS = 10_000;
const SETTLE_TIMEOUT_MS = 30_000;

export async function presenceRoom(context: WorkloadContext, spec: Spec): Promise<PresenceResult> {
  const [documentId] = await context.driver.createDocuments(1, 'w6');
  const connectStart = performance.now();
  const replicas = await openReplicas(
    context.driver,
    Array.from({ length: spec.clients }, (_, seat) => ({ document: documentId!, seat })),
  );
  const probe = new PresenceProbe();
  replicas.forEach(({ document }, i) => {
    probe.watch(document.awareness);
    // What the web editor shows of a person: `user` (Accord's server replaces it with the member's own) and a caret.
    document.awareness.setLocalState({ user: { name: `Bench ${i}`, colour: '#336699' }, cursor: { anchor: 0, head: 0 } satisfies Cursor });
  });
  // Everyone sees everyone before a cursor moves: the first states' burst is not what W6 measures.
  const settled = await waitUntil(() => replicas.every(({ document }) => document.awareness.getStates().size >= replicas.length), SETTLE_TIMEOUT_MS, 100);
  if (!settled) await context.progress(`not every client saw all ${replicas.length} others within ${SETTLE_TIMEOUT_MS / 1000} s; measuring anyway`);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await context.progress(`${replicas.length} clients connected, each seeing the others, in ${connectSeconds.toFixed(1)} s; ${spec.movers} move their cursors every ${spec.moveMinMs / 1000}–${spec.moveMaxMs / 1000} s`);

  const random = seededRandom(6);
  const timers = new Set<NodeJS.Timeout>();
  const schedule = (awareness: (typeof replicas)[number]['document']['awareness']) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        probe.move(awareness);
        schedule(awareness);
      },
      spec.moveMinMs + random() * (spec.moveMaxMs - spec.moveMinMs),
    );
    timers.add(timer);
  };
  for (const { document } of replicas.slice(0, spec.movers)) schedule(document.awareness);

  await sleep(spec.warmupMs);
  const steady = await context.startPhase();
  probe.recording = true;
  await sleep(spec.steadyMs);
  probe.recording = false;
  const phase = await steady.stop();
  for (const timer of timers) clearTimeout(timer);

  const expected = () => probe.measuredMoves * (replicas.length - 1);
  await waitUntil(() => probe.deliveries >= expected(), DRAIN_TIMEOUT_MS);
  closeReplicas(replicas);
  return {
    kind: 'w6',
    clients: replicas.length,
    movers: spec.movers,
    steadySeconds: spec.steadyMs / 1000,
    moves: probe.measuredMoves,
    deliveries: probe.deliveries,
    missing: expected() - probe.deliveries,
    latencyMs: distribution(probe.latenciesMs),
    connectSeconds,
    settled,
    phase,
  };
}

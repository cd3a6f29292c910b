/**
 * The engine of W1 and W3: rooms of replicas, each replica a typist editing on a timer; a warm-up,
 * then a steady phase over which latency, deliveries and the server's CPU are measured.
 */
import type * as Y from 'yjs';
import { closeReplicas, openReplicas, sleep, waitUntil, type Replica } from '../load/connect-clients.js';
import type { Driver } from '../load/driver.js';
import { LatencyProbe } from '../load/latency-probe.js';
import { plainText } from '../load/rolling-text.js';
import { Overwriter, Typist, seedText, seededRandom, slotStart } from '../load/typist.js';
import type { Distribution, PhaseUsage, ServerUsage } from '../protocol.js';
import { distribution } from '../stats.js';
import type { WorkloadContext } from './context.js';

export interface RoomsSpec {
  label: string;
  rooms: number;
  perRoom: number;
  intervalMs: number;
  warmupMs: number;
  steadyMs: number;
  /** Default: the first replica writes the slots at the start of the text, and the typists type. */
  layout?: TypingLayout;
}

/** Where the typists' slots are and how they edit, when the room's text is written beforehand (R1). */
export interface TypingLayout {
  /** The slots are already in the text (written with the document): where the first one begins. */
  slotsAt(text: Y.Text): number;
  /** `type`: type and backspace (W1); `overwrite`: each edit replaces the character left of the cursor. */
  edit: 'type' | 'overwrite';
}

export interface RoomsOutcome {
  edits: number;
  deliveries: number;
  missingDeliveries: number;
  latencyMs: Distribution;
  saveAckMs: Distribution | null;
  serverIdle: ServerUsage;
  converged: boolean;
  phase: PhaseUsage;
}

export const SLOT_WIDTH = 16;
const DRAIN_TIMEOUT_MS = 15_000;

export async function runEditingRooms(context: WorkloadContext, spec: RoomsSpec): Promise<RoomsOutcome> {
  const serverIdle = await context.orchestrator.call('serverUsage', null);
  const rooms = await openRooms(context.driver, spec);
  await context.progress(`${rooms.length * spec.perRoom} clients in ${rooms.length} room(s) synced; warming up`);

  const probe = new LatencyProbe();
  const random = seededRandom(42);
  const saveAcks: number[] = [];
  let saveAcksAwaited = 0;
  const timers: NodeJS.Timeout[] = [];
  for (const room of rooms) {
    for (const [slot, replica] of room.entries()) {
      probe.watch(replica.document.doc, spec.perRoom - 1);
      const text = replica.document.typingText();
      const start = (spec.layout?.slotsAt(text) ?? 0) + slotStart(slot, SLOT_WIDTH);
      const typist = spec.layout?.edit === 'overwrite' ? new Overwriter(text, start, random) : new Typist(text, start, random);
      const whenSaved = replica.document.whenSaved;
      const tick = () => {
        const at = probe.edit(() => typist.step());
        if (!probe.recording || !whenSaved) return;
        saveAcksAwaited++;
        void whenSaved().then(
          () => void saveAcks.push(performance.now() - at),
          () => {},
        ).finally(() => saveAcksAwaited--);
      };
      // Spread the typists' beats over the interval, as real people are not in step.
      timers.push(setTimeout(() => timers.push(setInterval(tick, spec.intervalMs)), random() * spec.intervalMs));
    }
  }

  await sleep(spec.warmupMs);
  const steady = await context.startPhase();
  probe.recording = true;
  await sleep(spec.steadyMs);
  probe.recording = false;
  const phase = await steady.stop();
  for (const timer of timers) clearTimeout(timer);

  await waitUntil(() => probe.pending === 0 && saveAcksAwaited === 0, DRAIN_TIMEOUT_MS);
  const converged = await waitUntil(() => rooms.every(sameText), DRAIN_TIMEOUT_MS);
  for (const room of rooms) closeReplicas(room);

  const expected = probe.measuredEdits * (spec.perRoom - 1);
  return {
    edits: probe.measuredEdits,
    deliveries: probe.deliveriesWhileRecording,
    missingDeliveries: expected - probe.latenciesMs.length,
    latencyMs: distribution(probe.latenciesMs),
    saveAckMs: rooms[0]![0]!.document.whenSaved ? distribution(saveAcks) : null,
    serverIdle,
    converged,
    phase,
  };
}

/** The server's (and on PostgreSQL the database's) CPU per update delivered to a receiver. */
export function perDelivery(outcome: RoomsOutcome): { serverCpuUsPerDelivery: number; databaseCpuUsPerDelivery: number | null } {
  const { phase, deliveries } = outcome;
  return {
    serverCpuUsPerDelivery: phase.serverCpuUs / deliveries,
    databaseCpuUsPerDelivery: phase.databaseCpuUs === null ? null : phase.databaseCpuUs / deliveries,
  };
}

/**
 * Opens the rooms: the first replica seeds the typists' slots (and, on Accord, creates the paragraph's
 * text), the others then sync them in. With a layout the slots came with the document's text.
 */
async function openRooms(driver: Driver, spec: RoomsSpec): Promise<Replica[][]> {
  const documents = await driver.createDocuments(spec.rooms, spec.label);
  const firsts = await openReplicas(driver, documents.map((document, seat) => ({ document, seat })));
  if (!spec.layout) {
    for (const first of firsts) first.document.doc.transact(() => first.document.typingText().insert(0, seedText(spec.perRoom, SLOT_WIDTH)));
    await Promise.all(firsts.map((first) => first.document.whenAcknowledged()));
  }
  const others = documents.flatMap((document, room) =>
    Array.from({ length: spec.perRoom - 1 }, (_, k) => ({ document, seat: room + k + 1 })),
  );
  const rest = await openReplicas(driver, others);
  return firsts.map((first, room) => [first, ...rest.slice(room * (spec.perRoom - 1), (room + 1) * (spec.perRoom - 1))]);
}

function sameText(room: readonly Replica[]): boolean {
  const first = plainText(room[0]!.document.typingText());
  return room.every((replica) => plainText(replica.document.typingText()) === first);
}

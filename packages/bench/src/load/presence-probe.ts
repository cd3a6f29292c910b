/**
 * Times each cursor move from the application's call (awareness.setLocalStateField, what the editor
 * does when the selection changes) until another client's awareness shows it. Every client lives in
 * this one process, so one clock serves both ends. A move is known by its client id and a counter the
 * mover stamps in its cursor; a receiver counts a move once, when the counter it sees goes up (the
 * periodic renewal of an unchanged state is not a move). The counter is the caret's position itself:
 * Accord's server passes on only `anchor` and `head` of a cursor (or, where only carets are shared,
 * the head alone), so nothing else in it would arrive.
 */
import type { Awareness } from 'y-protocols/awareness';

/** `head`: the mover's counter, 0 before its first move; `anchor` the same (a caret, no selection). */
export interface Cursor {
  anchor: number;
  head: number;
}

type Changes = { added: number[]; updated: number[]; removed: number[] };

export class PresenceProbe {
  /** True during the steady phase: moves made now are measured. */
  recording = false;
  readonly latenciesMs: number[] = [];
  measuredMoves = 0;
  /** Arrivals of measured moves, whenever they come. */
  deliveries = 0;
  /** client id → move → when the application made it. */
  private readonly sent = new Map<number, Map<number, number>>();
  private readonly counters = new Map<number, number>();

  /** Counts what this client's awareness shows of the others' moves. */
  watch(awareness: Awareness): void {
    const lastSeen = new Map<number, number>();
    awareness.on('change', ({ added, updated }: Changes) => {
      const now = performance.now();
      const states = awareness.getStates();
      for (const id of [...added, ...updated]) {
        if (id === awareness.clientID) continue;
        const move = (states.get(id)?.cursor as Partial<Cursor> | undefined)?.head;
        if (typeof move !== 'number' || move <= (lastSeen.get(id) ?? 0)) continue;
        lastSeen.set(id, move);
        const at = this.sent.get(id)?.get(move);
        if (at === undefined) continue;
        this.latenciesMs.push(now - at);
        this.deliveries++;
      }
    });
  }

  /** Moves the client's caret one step, as the editor does on a selection change. */
  move(awareness: Awareness): void {
    const move = (this.counters.get(awareness.clientID) ?? 0) + 1;
    this.counters.set(awareness.clientID, move);
    if (this.recording) {
      this.measuredMoves++;
      let mine = this.sent.get(awareness.clientID);
      if (!mine) this.sent.set(awareness.clientID, (mine = new Map()));
      mine.set(move, performance.now());
    }
    awareness.setLocalStateField('cursor', { anchor: move, head: move } satisfies Cursor);
  }
}

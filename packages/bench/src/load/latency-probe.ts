/**
 * Times each edit from the sender's local change to its arrival in every other replica of the same
 * document. All clients of a run live in this one process, so one clock serves both ends.
 *
 * An edit is known by the Yjs ids it touches: an insert by the (client, clock) it creates, a delete by
 * the (client, clock) of the item it removes (a delete creates no clock). The transaction that an
 * `update` event carries has both — `afterState` beyond `beforeState` and `deleteSet` — for local and
 * remote changes alike, so nothing needs decoding (Y.parseUpdateMeta would give the inserts only, and
 * decode every update once per receiver).
 */
import type * as Y from 'yjs';

interface Sent {
  at: number;
  awaited: number;
  measured: boolean;
}

type IdMap = Map<number, Map<number, Sent>>;

export class LatencyProbe {
  /** True during the steady phase: edits sent now are measured, arrivals now are counted. */
  recording = false;
  readonly latenciesMs: number[] = [];
  /** Arrivals during the steady phase, for the server's CPU per delivered update. */
  deliveriesWhileRecording = 0;
  measuredEdits = 0;
  private readonly inserts: IdMap = new Map();
  private readonly deletes: IdMap = new Map();
  private editStartedAt = 0;
  private outstanding = 0;

  /** Watches one replica; `receivers` is how many other replicas each of its edits must reach. */
  watch(doc: Y.Doc, receivers: number): void {
    doc.on('update', (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (transaction.local) this.sent(transaction, receivers);
      else this.arrived(transaction);
    });
  }

  /** Makes one local edit, stamped with the time just before it; returns that time. */
  edit(change: () => void): number {
    this.editStartedAt = performance.now();
    change();
    return this.editStartedAt;
  }

  /** Measured edits some receiver has not integrated yet. */
  get pending(): number {
    return this.outstanding;
  }

  private sent(transaction: Y.Transaction, receivers: number): void {
    const record: Sent = { at: this.editStartedAt, awaited: receivers, measured: this.recording };
    if (record.measured) {
      this.measuredEdits++;
      this.outstanding++;
    }
    forEachId(transaction, (ids, client, clock) => {
      let byClock = (ids === 'insert' ? this.inserts : this.deletes).get(client);
      if (!byClock) (ids === 'insert' ? this.inserts : this.deletes).set(client, (byClock = new Map()));
      byClock.set(clock, record);
    });
  }

  private arrived(transaction: Y.Transaction): void {
    const now = performance.now();
    // One update may hold several ids of one edit (a delete of a merged range): count each edit once.
    const seen = new Set<Sent>();
    forEachId(transaction, (ids, client, clock) => {
      const byClock = (ids === 'insert' ? this.inserts : this.deletes).get(client);
      const record = byClock?.get(clock);
      if (!record) return;
      if (!seen.has(record)) {
        seen.add(record);
        record.awaited--;
        if (this.recording) this.deliveriesWhileRecording++;
        if (record.measured) {
          this.latenciesMs.push(now - record.at);
          if (record.awaited <= 0) this.outstanding--;
        }
      }
      if (record.awaited <= 0) byClock!.delete(clock);
    });
  }
}

function forEachId(transaction: Y.Transaction, visit: (ids: 'insert' | 'delete', client: number, clock: number) => void): void {
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    for (let clock = before; clock < after; clock++) visit('insert', client, clock);
  }
  for (const [client, items] of transaction.deleteSet.clients) {
    for (const item of items) {
      for (let clock = item.clock; clock < item.clock + item.len; clock++) visit('delete', client, clock);
    }
  }
}

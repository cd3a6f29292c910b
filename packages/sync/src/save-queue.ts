/**
 * Group commit. Updates from every room wait here; one transaction stores everything that arrived
 * while the previous transaction was in flight, so under load many clients' updates share a commit
 * and acknowledgements stay fast. An entry's acknowledgement is released only after the transaction
 * holding it (or, for an update that changed nothing, everything queued before it) has committed.
 * While the database is unreachable the batch is retried with backoff and nothing is acknowledged.
 */
import { LeaseLostError, type Lease } from './ownership.js';
import type { SyncPeer } from './peer.js';
import { SequenceConflictError, type Checkpoint, type ClientClaim, type DocumentStore, type StoredUpdate } from './store.js';

export interface SaveEntry {
  documentId: string;
  /** The lease the room holding this entry was taken under (ownership.ts); null or absent without one. */
  epoch?: number | null;
  update?: StoredUpdate;
  /** Client ids the update is the first to write: stored in the update's transaction. */
  claims?: ClientClaim[];
  checkpoint?: Checkpoint;
  ack?: { peer: SyncPeer; seq: number };
  /** Held for the document's other seats until this entry is stored (see Room.held). */
  share?: HeldShare;
  /** A server-originated change waits on its commit (SyncEngine.change): settled when stored or dropped. */
  settle?: { resolve(): void; reject(error: unknown): void };
}

/** An update held for the other seats of its document: its message, its raw update (to merge), its sender. */
export interface HeldShare {
  message: Uint8Array;
  update: Uint8Array;
  except: SyncPeer | null;
}

export interface SaveQueueEvents {
  saved(entries: SaveEntry[]): void;
  availability(available: boolean, error?: unknown): void;
  /**
   * This document's updates can never be stored (another writer holds its sequence, it was deleted,
   * or its lease went to another server: a LeaseLostError): its queued entries were dropped.
   */
  conflict(documentId: string, error: unknown): void;
}

export interface SaveQueueOptions {
  maxBatchRows: number;
  /** Commits start at most this often (limits.ts); 0: as soon as the previous one ends. */
  commitEveryMs?: number;
  /** A commit not answered by then counts as failed and is retried (the store's append is idempotent). */
  commitTimeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
}

export class SaveQueue {
  private queue: SaveEntry[] = [];
  private running = false;
  private available = true;
  private idleWaiters: Array<() => void> = [];
  private wakeRetry: (() => void) | null = null;
  private unsavedByDocument = new Map<string, number>();
  /** When (performance.now()) the last commit started: the next waits for commitEveryMs after it. */
  private lastCommitAt = -Infinity;

  constructor(
    private readonly store: DocumentStore,
    private readonly events: SaveQueueEvents,
    private readonly options: SaveQueueOptions,
  ) {}

  get length(): number {
    return this.queue.length;
  }

  get isAvailable(): boolean {
    return this.available;
  }

  /** Entries of this document not yet committed (queued or in flight). */
  unsaved(documentId: string): number {
    return this.unsavedByDocument.get(documentId) ?? 0;
  }

  enqueue(entry: SaveEntry): void {
    this.queue.push(entry);
    this.unsavedByDocument.set(entry.documentId, this.unsaved(entry.documentId) + 1);
    if (!this.running) {
      this.running = true;
      // Start on the next turn so that every message that arrived in this I/O phase joins the batch.
      void this.pace().then(() => this.run());
    }
  }

  /** Resolves once everything queued so far (and anything queued meanwhile) is committed. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cut a backoff short, e.g. when shutting down or when a test restores the database. */
  retryNow(): void {
    this.wakeRetry?.();
  }

  /** Waits for the next turn, and for commitEveryMs since the last commit started. */
  private pace(): Promise<void> {
    const wait = this.lastCommitAt + (this.options.commitEveryMs ?? 0) - performance.now();
    return new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }

  private async run(): Promise<void> {
    // The first commit of a run was paced by enqueue; each next one waits for its turn here.
    for (let first = true; this.queue.length > 0; first = false) {
      if (!first && (this.options.commitEveryMs ?? 0) > 0) await this.pace();
      this.lastCommitAt = performance.now();
      const batch = this.takeBatch();
      const committed = await this.commit(batch);
      for (const entry of committed) {
        const left = this.unsaved(entry.documentId) - 1;
        if (left > 0) this.unsavedByDocument.set(entry.documentId, left);
        else this.unsavedByDocument.delete(entry.documentId);
      }
      this.events.saved(committed);
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private dropDocument(batch: SaveEntry[], documentId: string, error: unknown): SaveEntry[] {
    // A lost lease drops only what was written under it: a room taken again since writes under a newer epoch.
    const dropped = (entry: SaveEntry) =>
      entry.documentId === documentId && (!(error instanceof LeaseLostError) || (entry.epoch ?? null) === error.epoch);
    let left = this.unsaved(documentId);
    for (const entry of [...batch, ...this.queue]) {
      if (!dropped(entry)) continue;
      entry.settle?.reject(error);
      left--;
    }
    // Nothing dropped is acknowledged, ever: not even an entry that only carried an acknowledgement.
    if (left > 0) this.unsavedByDocument.set(documentId, left);
    else this.unsavedByDocument.delete(documentId);
    this.queue = this.queue.filter((entry) => !dropped(entry));
    this.events.conflict(documentId, error);
    return batch.filter((entry) => !dropped(entry));
  }

  /** Stores each document's share of a failed batch on its own, to find the one that cannot be stored. */
  private async findFailingDocument(batch: SaveEntry[]): Promise<{ documentId: string; error: unknown } | null> {
    for (const documentId of new Set(batch.map((entry) => entry.documentId))) {
      const own = batch.filter((entry) => entry.documentId === documentId);
      try {
        const updates = own.flatMap((entry) => (entry.update ? [entry.update] : []));
        const checkpoints = own.flatMap((entry) => (entry.checkpoint ? [entry.checkpoint] : []));
        const claims = own.flatMap((entry) => entry.claims ?? []);
        await withTimeout(this.store.append({ updates, checkpoints, claims, fences: fencesOf(own) }), this.options.commitTimeoutMs);
      } catch (error) {
        if (isIntegrityViolation(error) || error instanceof SequenceConflictError || error instanceof LeaseLostError) return { documentId, error };
        return null;
      }
    }
    return null;
  }

  private takeBatch(): SaveEntry[] {
    let rows = 0;
    let end = 0;
    while (end < this.queue.length && rows < this.options.maxBatchRows) {
      if (this.queue[end]!.update) rows++;
      end++;
    }
    return this.queue.splice(0, end);
  }

  /** Retries until the batch commits; returns the entries that were stored (all, unless a conflict dropped some). */
  private async commit(batch: SaveEntry[]): Promise<SaveEntry[]> {
    let delay = this.options.retryMinMs;
    for (;;) {
      const updates: StoredUpdate[] = [];
      const checkpoints: Checkpoint[] = [];
      const claims: ClientClaim[] = [];
      for (const entry of batch) {
        if (entry.update) updates.push(entry.update);
        if (entry.claims) claims.push(...entry.claims);
        if (entry.checkpoint) checkpoints.push(entry.checkpoint);
      }
      try {
        if (updates.length > 0 || checkpoints.length > 0) {
          await withTimeout(this.store.append({ updates, checkpoints, claims, fences: fencesOf(batch) }), this.options.commitTimeoutMs);
        }
        if (!this.available) {
          this.available = true;
          this.events.availability(true);
        }
        return batch;
      } catch (error) {
        if (error instanceof SequenceConflictError || error instanceof LeaseLostError) {
          batch = this.dropDocument(batch, error.documentId, error);
          continue;
        }
        if (isIntegrityViolation(error)) {
          // Retrying cannot help (e.g. the document was deleted): find the document at fault and drop it.
          const culprit = await this.findFailingDocument(batch);
          if (culprit) {
            batch = this.dropDocument(batch, culprit.documentId, culprit.error);
            continue;
          }
        }
        if (this.available) {
          this.available = false;
          this.events.availability(false, error);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeRetry = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeRetry = null;
        delay = Math.min(this.options.retryMaxMs, delay * 2);
      }
    }
  }
}

/** The leases a batch was written under: one per document and epoch, for storage to check. */
function fencesOf(entries: SaveEntry[]): Lease[] | undefined {
  const fences = new Map<string, Lease>();
  for (const { documentId, epoch, update, checkpoint, claims } of entries) {
    if (epoch === null || epoch === undefined || (!update && !checkpoint && !claims?.length)) continue;
    fences.set(`${documentId}/${epoch}`, { documentId, epoch });
  }
  return fences.size > 0 ? [...fences.values()] : undefined;
}

/** SQLSTATE class 23 (integrity constraint violation): the same batch would fail again. */
function isIntegrityViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && code.startsWith('23');
}

/**
 * A database driver can lose a query across a connection reset and never settle it (postgres.js
 * 3.4.9 does): without a bound, saving would stall silently and nothing would be acknowledged again.
 */
async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`storage did not answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An in-memory DocumentStore with the same contract as the database repository, for the engine's
 * own tests and property tests. `failing` makes every append reject, to play an unreachable database.
 */
import {
  SequenceConflictError,
  type AppendBatch,
  type Checkpoint,
  type ClientClaim,
  type DocumentStore,
  type LoadedDocument,
  type StoredUpdate,
} from './store.js';

export class MemoryStore implements DocumentStore {
  readonly updates = new Map<string, StoredUpdate[]>();
  readonly checkpoints = new Map<string, Checkpoint[]>();
  /** Per document, client id to claim: the first claim stands, as with the database's primary key. */
  readonly claims = new Map<string, Map<number, ClientClaim>>();
  failing = false;

  async load(documentId: string): Promise<LoadedDocument> {
    if (this.failing) throw new Error('store unavailable');
    const checkpoint = this.checkpoints.get(documentId)?.at(-1) ?? null;
    const after = checkpoint?.seq ?? 0;
    const updates = (this.updates.get(documentId) ?? []).filter((row) => row.seq > after);
    const claims = [...(this.claims.get(documentId)?.values() ?? [])].map(({ clientId, userId, sessionId }) => ({ clientId, userId, sessionId }));
    return { checkpoint, updates: updates.map(({ seq, update }) => ({ seq, update })), claims };
  }

  async append(batch: AppendBatch): Promise<void> {
    await Promise.resolve();
    if (this.failing) throw new Error('store unavailable');
    for (const row of batch.updates) {
      const existing = this.updates.get(row.documentId)?.find((r) => r.seq === row.seq);
      if (existing && !sameBytes(existing.update, row.update)) throw new SequenceConflictError(row.documentId, row.seq);
    }
    for (const row of batch.updates) {
      const log = this.updates.get(row.documentId) ?? [];
      if (!log.some((r) => r.seq === row.seq)) log.push(row);
      log.sort((a, b) => a.seq - b.seq);
      this.updates.set(row.documentId, log);
    }
    for (const claim of batch.claims ?? []) {
      const byClient = this.claims.get(claim.documentId) ?? new Map<number, ClientClaim>();
      if (!byClient.has(claim.clientId)) byClient.set(claim.clientId, claim);
      this.claims.set(claim.documentId, byClient);
    }
    for (const checkpoint of batch.checkpoints) {
      const list = this.checkpoints.get(checkpoint.documentId) ?? [];
      list.push(checkpoint);
      list.sort((a, b) => a.seq - b.seq);
      this.checkpoints.set(checkpoint.documentId, list.slice(-3));
    }
  }

  log(documentId: string): StoredUpdate[] {
    return this.updates.get(documentId) ?? [];
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

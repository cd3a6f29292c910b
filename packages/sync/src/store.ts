/**
 * The storage seam. The engine hands storage updates it has already checked and applied; storage
 * keeps them in an append-only log and keeps checkpoints so that opening a document reads one
 * checkpoint plus a short tail. Implementations: the server's PostgreSQL/PGlite repository and the
 * in-memory store used by the engine's own tests.
 */

import type { Lease } from './ownership.js';
import type { DocumentRole } from './protocol/events.js';

/** One update, stamped by the server: never with an identity the client claims. */
export interface StoredUpdate {
  documentId: string;
  /** Per document, gap-free, starting at 1, assigned by the engine in the order updates were applied. */
  seq: number;
  /** A Yjs update (v1 encoding): exactly what the update changed in the server's document. */
  update: Uint8Array;
  userId: string;
  sessionId: string;
  connectionId: string;
  /**
   * What made a server-originated change ("amendment:<id>"), for the log to name it; absent for a
   * client's update.
   */
  source?: string | null;
  /** What the update touched, as the engine's describeChange named it (the rolling text: paragraph ids). */
  touched?: string[] | null;
  /** The author's role in the document's dialogue when the update was made (the seat's, or the server author's). */
  role?: DocumentRole | null;
  createdAt: Date;
}

/** The merged state of a document after every update up to and including `seq`. */
export interface Checkpoint {
  documentId: string;
  seq: number;
  /** `Y.encodeStateAsUpdate` of the document at `seq`. */
  state: Uint8Array;
  /** `Y.encodeStateVector` of the document at `seq`. */
  stateVector: Uint8Array;
  createdAt: Date;
}

/**
 * A Yjs client id of a document taken by the session that first wrote new content with it. Only
 * that session, or another session of the same user, may write new content under it (docs/protocol.md,
 * "Client ids").
 */
export interface ClientClaim {
  documentId: string;
  clientId: number;
  userId: string;
  sessionId: string;
  createdAt: Date;
}

export interface LoadedDocument {
  /** The newest checkpoint, or null when the document has none yet. */
  checkpoint: Checkpoint | null;
  /** Every update after the checkpoint (all of them when there is none), in `seq` order. */
  updates: Array<Pick<StoredUpdate, 'seq' | 'update'>>;
  /** Every client id of the document someone has claimed. */
  claims: Array<Pick<ClientClaim, 'clientId' | 'userId' | 'sessionId'>>;
}

export interface AppendBatch {
  updates: StoredUpdate[];
  checkpoints: Checkpoint[];
  /**
   * Client ids first written by updates of this batch: stored in the same transaction as those
   * updates, so a claim exists exactly when its content does. A claim already stored for the same
   * session counts as stored (a retried batch).
   */
  claims?: ClientClaim[];
  /**
   * The leases the batch's documents were written under (ownership.ts). Storage checks them in the
   * same transaction, under a lock that a taking waits for, and refuses the whole batch with a
   * `LeaseLostError` naming one that is no longer this server's: nothing of it is stored.
   */
  fences?: Lease[];
}

export interface DocumentStore {
  load(documentId: string): Promise<LoadedDocument>;
  /**
   * Stores the batch in ONE transaction (updates and claims first, then checkpoints) and resolves only after it
   * has committed. All or nothing. Must be idempotent for a retried batch whose first attempt's
   * outcome was unknown: a row already present with identical bytes counts as stored; a row present
   * with different bytes rejects with a `SequenceConflictError` (another writer owns the document).
   */
  append(batch: AppendBatch): Promise<void>;
}

/** Two writers assigned the same sequence number to different updates of one document. */
export class SequenceConflictError extends Error {
  constructor(
    readonly documentId: string,
    readonly seq: number,
  ) {
    super(`document ${documentId} already holds a different update at seq ${seq}`);
    this.name = 'SequenceConflictError';
  }
}

/**
 * The ownership seam: which server may write a document's log. With several servers, each open
 * document has one owner holding a lease in the database; the lease's epoch rises at every taking,
 * and every commit names the epoch it was made under, so storage refuses a commit from a server that
 * lost the lease (paused past it, cut off from the database) before anything is acknowledged.
 * Without an Ownership the engine owns every document it opens (one server, or the engine's tests).
 */
import { SyncError } from './protocol/errors.js';

/** One taking of one document: the epoch names it, for ever (epochs are never reused). */
export interface Lease {
  documentId: string;
  epoch: number;
}

export type Taking = { owner: true; epoch: number } | { owner: false; holder: string | null };

export interface Ownership {
  /**
   * Takes the document for this server, with a new epoch, unless another server holds a live lease:
   * then names that server. Called before a document is loaded, so what is loaded includes every
   * commit of the previous owner.
   */
  take(documentId: string): Promise<Taking>;
  /** Extends these leases; resolves to those that are no longer this server's. */
  renew(leases: Lease[]): Promise<Lease[]>;
  /** Ends these leases so that another server may take the documents at once (a hand-over). */
  release(leases: Lease[]): Promise<void>;
  /** How often the engine renews its leases: well inside their lifetime. */
  readonly renewEveryMs: number;
  /** How long a lease lives unrenewed. */
  readonly ttlMs: number;
  /**
   * True when no other server can exist (one server, no Redis): a room is kept through a storage
   * outage, as before. Otherwise a room whose lease could not be renewed for `ttlMs` is closed: another
   * server may own the document by now, and this one must stop sharing edits it cannot store.
   */
  readonly alone: boolean;
}

/** Storage refused a commit: the document's lease at that epoch is no longer this server's. */
export class LeaseLostError extends Error {
  constructor(
    readonly documentId: string,
    readonly epoch: number,
  ) {
    super(`the lease on document ${documentId} at epoch ${epoch} is no longer this server's`);
    this.name = 'LeaseLostError';
  }
}

/** Another server owns the document: its traffic goes there (the transport forwards it, or the client reopens). */
export class HeldElsewhereError extends SyncError {
  constructor(readonly holder: string | null) {
    super('DOCUMENT_MOVED', 'another server holds this document; reopen it');
    this.name = 'HeldElsewhereError';
  }
}

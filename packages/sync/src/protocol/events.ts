/**
 * The wire contract between the SDK and the gateway, shared by both so they cannot drift apart.
 * docs/protocol.md explains each event; this file is its executable form.
 */
import type { MemberRole } from '@accord/contract';
import type { SyncErrorCode } from './errors.js';

/** A y-protocols message: [type varuint][payload]. Type 0 is sync (step 1, step 2, update), 1 is awareness. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

/** Sync sub-types, as in y-protocols/sync. */
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** A member's role in the document's dialogue: the one list, from @accord/contract. */
export type DocumentRole = MemberRole;

/** What the server tells a client about itself and a document it opened. */
export interface OpenResult {
  ok: true;
  documentId: string;
  readOnly: boolean;
  role: DocumentRole;
  /**
   * The server's size limits (SYNC_MAX_UPDATE_BYTES, SYNC_MAX_SYNC_BYTES): they are configuration, so
   * a client learns them here rather than from a constant, and refuses an over-limit change itself.
   */
  limits: { maxUpdateBytes: number; maxSyncBytes: number };
}

export interface ErrorPayload {
  code: SyncErrorCode;
  message: string;
  /** Seconds to wait before retrying, for RATE_LIMITED. */
  retryAfter?: number;
}

export interface OpenFailure {
  ok: false;
  error: ErrorPayload;
}

/** Identity the server puts into every awareness state under `user`; clients cannot set it. */
export interface PresenceIdentity {
  userId: string;
  name: string;
  role: DocumentRole;
  affiliation: string | null;
  colour: string;
}

/** Events a client emits. `seq` numbers a connection's document updates, from 1, per document. */
export interface ClientToServerEvents {
  open: (request: { documentId: string }, reply: (result: OpenResult | OpenFailure) => void) => void;
  close: (request: { documentId: string }) => void;
  y: (documentId: string, seq: number, message: Uint8Array) => void;
}

/** Events the server emits. */
export interface ServerToClientEvents {
  y: (documentId: string, message: Uint8Array) => void;
  /** Every update this connection sent on the document with seq <= `seq` is durably stored (or was refused earlier). */
  saved: (documentId: string, seq: number) => void;
  /** The update numbered `seq` was not applied and not stored. */
  refused: (documentId: string, seq: number, error: ErrorPayload) => void;
  /** The server closed the document for this connection (access revoked, document gone, shutdown). */
  closed: (documentId: string, error: ErrorPayload) => void;
  /** The connection's access changed (a role change): from now on updates are refused if readOnly. */
  access: (documentId: string, access: { readOnly: boolean; role: DocumentRole }) => void;
  /** Whether the server can currently store this document's updates. */
  storage: (documentId: string, status: { available: boolean }) => void;
  /** A message the server could not understand at all (unknown event, wrong arguments): it was ignored. */
  rejected: (event: string, error: ErrorPayload) => void;
  /** A connection-level error sent just before the server disconnects the socket. */
  fatal: (error: ErrorPayload) => void;
}

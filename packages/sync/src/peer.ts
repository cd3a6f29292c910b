import type { DocumentRole } from './protocol/events.js';
import type { SyncError } from './protocol/errors.js';

/** Who is behind a connection, as the server established it from the session. */
export interface PeerIdentity {
  userId: string;
  sessionId: string;
  name: string;
  colour: string;
}

/** What a connection may do in one document, decided by the server from the member's role. */
export interface SeatAccess {
  readOnly: boolean;
  role: DocumentRole;
  affiliation: string | null;
  /**
   * What of this connection's cursor (awareness `cursor`: y-prosemirror's { anchor, head }) others
   * see: all of it, the caret alone (a selection collapsed to its head), or nothing. Default: all.
   */
  cursor?: CursorSharing;
}

export type CursorSharing = 'selection' | 'caret' | 'none';

/**
 * The engine's view of one client connection. The transport (the server's socket.io gateway, or a
 * test harness) implements it; the engine never sees a socket.
 */
export interface SyncPeer {
  readonly id: string;
  readonly identity: PeerIdentity;
  send(documentId: string, message: Uint8Array): void;
  saved(documentId: string, seq: number): void;
  refused(documentId: string, seq: number, error: SyncError): void;
  closed(documentId: string, error: SyncError): void;
  storage(documentId: string, available: boolean): void;
}

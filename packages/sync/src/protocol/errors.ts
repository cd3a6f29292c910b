/** Every error code the real-time protocol uses. docs/protocol.md describes each one. */
export const syncErrorCodes = [
  // handshake and connection
  'UNAUTHENTICATED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'TOO_MANY_CONNECTIONS',
  'ORIGIN_NOT_ALLOWED',
  // opening documents
  'NOT_FOUND',
  'NOT_A_MEMBER',
  'TOO_MANY_DOCUMENTS',
  'DOCUMENT_NOT_OPEN',
  // messages
  'INVALID_MESSAGE',
  'MALFORMED_UPDATE',
  'UPDATE_TOO_LARGE',
  'READ_ONLY',
  'RATE_LIMITED',
  'MISSING_PREDECESSORS',
  'CLIENT_ID_TAKEN',
  'SEQ_NOT_INCREASING',
  'CONTENT_REFUSED',
  // the rules of the room (an UpdatePolicy): who may change what
  'STATUS_STEWARDS_ONLY',
  'PARAGRAPH_AGREED',
  'BOXES_STEWARDS_ONLY',
  'BRACKET_NOT_YOURS',
  'OPEN_BRACKETS',
  'INVALID_AWARENESS',
  // server side
  'DATABASE_UNAVAILABLE',
  'SHUTTING_DOWN',
  // several servers: the document is (now) owned by another server; reopen it (docs/protocol.md)
  'DOCUMENT_MOVED',
  'INTERNAL',
] as const;

export type SyncErrorCode = (typeof syncErrorCodes)[number];

/** The engine's one error type; the gateway maps it to `refused`, `closed` or an `open` failure. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  toPayload(): { code: SyncErrorCode; message: string; retryAfter?: number } {
    return this.retryAfter === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAfter: this.retryAfter };
  }
}

/** Adapts one socket.io connection to the engine's SyncPeer. */
import type { ClientEventChannel } from '@accord/contract';
import type { PeerIdentity, SyncError, SyncPeer } from '@accord/sync';
import type { ClientToServerEvents, ServerToClientEvents } from '@accord/sync/protocol';
import type { Socket } from 'socket.io';
import { ConnectionRefusalLog, type RefusalLogger } from './refusal-log.js';

export interface SocketData {
  userId: string;
  sessionId: string;
  name: string;
  /** Documents this connection has open, with the dialogue each belongs to. */
  documents: Map<string, string>;
}

/** The collaboration socket carries the Yjs protocol and, beside it, the server's typed events. */
export type CollabServerEvents = ServerToClientEvents & ClientEventChannel;
export type CollabSocket = Socket<ClientToServerEvents, CollabServerEvents, Record<string, never>, SocketData>;

export class SocketPeer implements SyncPeer {
  readonly id: string;
  readonly identity: PeerIdentity;
  private readonly refusals: ConnectionRefusalLog;

  constructor(readonly socket: CollabSocket, colour: string, log: RefusalLogger) {
    this.id = socket.id;
    this.identity = { userId: socket.data.userId, sessionId: socket.data.sessionId, name: socket.data.name, colour };
    this.refusals = new ConnectionRefusalLog(log, { connectionId: socket.id, userId: socket.data.userId, sessionId: socket.data.sessionId });
  }

  send(documentId: string, message: Uint8Array): void {
    this.socket.emit('y', documentId, wireBytes(message));
  }

  saved(documentId: string, seq: number): void {
    this.socket.emit('saved', documentId, seq);
  }

  refused(documentId: string, seq: number, error: SyncError): void {
    const payload = error.toPayload();
    this.socket.emit('refused', documentId, seq, payload);
    this.refusals.refused(documentId, seq, payload);
  }

  closed(documentId: string, error: SyncError): void {
    this.socket.data.documents.delete(documentId);
    void this.socket.leave(roomOf(documentId));
    this.socket.emit('closed', documentId, error.toPayload());
  }

  storage(documentId: string, available: boolean): void {
    this.socket.emit('storage', documentId, { available });
  }
}

export const roomOf = (documentId: string) => `doc:${documentId}`;

/**
 * The bytes as a Buffer over the same memory, for socket.io's msgpack parser (notepack 2.2): a
 * Buffer goes as msgpack bin, copied in one block and exactly the view's bytes; any other view goes
 * as extension 0, copied byte by byte (7 ms for a 4 MB first sync) and holding its whole underlying
 * buffer, not just the view.
 */
export function wireBytes(message: Uint8Array): Buffer {
  return Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
}

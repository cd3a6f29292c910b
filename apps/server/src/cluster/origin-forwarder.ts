/**
 * The origin's half of forwarding: a client whose socket is on this server opens a document another
 * server owns. The origin keeps everything about people (session, access, viewers, membership
 * re-checks, the open and probe rate limits); the owner keeps the document. Yjs messages go to the
 * owner as frames, and what the owner's engine says to the client comes back as frames and is
 * emitted through the socket's SocketPeer, as for a document open here. Room broadcasts need no
 * frames: the socket joined the document's socket.io room, which the Redis adapter spans.
 *
 * Every failure ends the same way, with DOCUMENT_MOVED to the client, which reopens (after 100-300 ms)
 * and resends what was not acknowledged: the owner falling silent, Redis restarting, the owner losing
 * or handing over the document, or shutting down.
 */
import { HeldElsewhereError, type SeatAccess, SyncError } from '@accord/sync';
import type { Logger } from 'pino';
import type { SocketPeer } from '../collab/socket-peer.js';
import type { ErrorPayload, FrameOf } from './forward-frames.js';
import type { ForwardLink } from './forward-link.js';

/** How long the owner has to answer an `open`: it may have to load the document. */
const OPEN_ANSWER_MS = 1000;
/** Between two attempts when nobody could be reached, so a dead owner's lease can expire. */
const RETRY_PAUSE_MS = 150;
/** Codes with which an owner says "not me (any more)": ask whoever holds it now. */
const GONE_ELSEWHERE = new Set<ErrorPayload['code']>(['DOCUMENT_MOVED', 'SHUTTING_DOWN']);

export interface Limits {
  maxUpdateBytes: number;
  maxSyncBytes: number;
}

export interface OriginForwarderOptions {
  link: ForwardLink;
  /** The socket behind a connection id, while it is connected here. */
  peerOf(conn: string): SocketPeer | undefined;
  /** Everything about people the gateway does when a document closes for a socket (viewers). */
  unseat(peer: SocketPeer, documentId: string): void;
  /** How long to keep trying before answering DOCUMENT_MOVED: a dead owner's lease expires meanwhile. */
  giveUpAfterMs: number;
  log: Logger;
}

export class OriginForwarder {
  /** Per socket id: its forwarded documents and the server each is forwarded to. */
  private readonly forwarded = new Map<string, Map<string, string>>();
  private readonly waiting = new Map<number, (answer: FrameOf<'opened'>) => void>();
  private nextReqId = 1;

  constructor(private readonly options: OriginForwarderOptions) {
    const { link } = options;
    link.handle('opened', (frame) => this.waiting.get(frame.reqId)?.(frame));
    // What the owner's engine tells one client: emitted exactly as a SocketPeer does for a local room.
    link.handle('send', (frame) => this.target(frame)?.send(frame.doc, frame.bytes));
    link.handle('saved', (frame) => this.target(frame)?.saved(frame.doc, frame.seq));
    link.handle('refused', (frame) => this.target(frame)?.refused(frame.doc, frame.seq, toError(frame.error)));
    link.handle('storage', (frame) => this.target(frame)?.storage(frame.doc, frame.available));
    link.handle('closed', (frame) => {
      const peer = this.target(frame);
      // The owner stopping is not this server stopping: the client should reopen here at once.
      if (peer) this.closeLocally(peer, frame.doc, frame.error.code === 'SHUTTING_DOWN' ? moved() : toError(frame.error));
    });
    link.onSilent((owner) => this.closeEverywhere((to) => to === owner));
    link.onReset(() => this.closeEverywhere(() => true));
  }

  /** The server a socket's document is forwarded to, or undefined when it is not forwarded. */
  ownerOf(conn: string, documentId: string): string | undefined {
    return this.forwarded.get(conn)?.get(documentId);
  }

  /**
   * Opens a document another server holds, for a socket already in the document's socket.io room.
   * `openHere` tries the local engine again (the holder's lease may have expired, or been released):
   * it resolves when this server took the document, and throws HeldElsewhereError naming the holder
   * otherwise. Resolves with the owner's limits when forwarded, with null when opened here.
   */
  async open(peer: SocketPeer, documentId: string, access: SeatAccess, held: HeldElsewhereError, openHere: () => Promise<void>): Promise<Limits | null> {
    const deadline = performance.now() + this.options.giveUpAfterMs;
    let holder = held.holder;
    for (;;) {
      // A holder not heard from lately is not asked (it is gone, its lease expiring): the local
      // engine is retried until it takes the document.
      if (holder && holder !== this.options.link.nodeId && this.options.link.isAlive(holder)) {
        // Remembered before asking: the owner's engine may send to the new seat (who is present, whether
        // storage is down) before its answer, just as a local engine does before the gateway replies.
        this.remember(peer.id, documentId, holder);
        const answer = await this.ask(holder, peer, documentId, access);
        if (answer?.ok && this.ownerOf(peer.id, documentId) === holder) {
          if (!peer.socket.connected) {
            this.forget(peer.id, documentId);
            this.options.link.send(holder, { t: 'gone', conn: peer.id });
            throw new SyncError('DOCUMENT_NOT_OPEN', 'the connection closed while opening');
          }
          return answer.limits;
        }
        if (this.ownerOf(peer.id, documentId) === holder) this.forget(peer.id, documentId);
        // No answer, or an answer for an open given up meanwhile: the owner must not keep the seat.
        if (!answer || answer.ok) this.options.link.send(holder, { t: 'close', conn: peer.id, doc: documentId });
        else if (!GONE_ELSEWHERE.has(answer.error.code)) throw toError(answer.error);
      }
      if (performance.now() >= deadline) throw moved();
      if (!peer.socket.connected) throw new SyncError('DOCUMENT_NOT_OPEN', 'the connection closed while opening');
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      try {
        await openHere();
        return null;
      } catch (error) {
        if (!(error instanceof HeldElsewhereError)) throw error;
        holder = error.holder;
      }
    }
  }

  /** A Yjs message from the client, for the owner. */
  receive(peer: SocketPeer, owner: string, documentId: string, seq: number, bytes: Uint8Array): void {
    this.options.link.send(owner, { t: 'y', conn: peer.id, doc: documentId, seq, bytes });
  }

  /** The member's access changed (re-checked here, the origin): the owner's seat follows. */
  setAccess(peer: SocketPeer, documentId: string, access: SeatAccess): void {
    const owner = this.ownerOf(peer.id, documentId);
    if (owner) this.options.link.send(owner, { t: 'access', conn: peer.id, doc: documentId, access });
  }

  /** The client closed the document, or the origin closed it for them. */
  close(peer: SocketPeer, documentId: string): void {
    const owner = this.ownerOf(peer.id, documentId);
    if (!owner) return;
    this.forget(peer.id, documentId);
    this.options.link.send(owner, { t: 'close', conn: peer.id, doc: documentId });
  }

  /** The socket is gone: every owner it was forwarded to unseats it. */
  gone(peer: SocketPeer): void {
    const documents = this.forwarded.get(peer.id);
    if (!documents) return;
    this.forwarded.delete(peer.id);
    for (const owner of new Set(documents.values())) this.options.link.send(owner, { t: 'gone', conn: peer.id });
  }

  private ask(holder: string, peer: SocketPeer, documentId: string, access: SeatAccess): Promise<FrameOf<'opened'> | null> {
    const reqId = this.nextReqId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), OPEN_ANSWER_MS);
      const finish = (answer: FrameOf<'opened'> | null) => {
        clearTimeout(timer);
        this.waiting.delete(reqId);
        resolve(answer);
      };
      this.waiting.set(reqId, (answer) => (answer.from === holder ? finish(answer) : undefined));
      this.options.link.send(holder, { t: 'open', reqId, conn: peer.id, doc: documentId, identity: peer.identity, access });
    });
  }

  private remember(conn: string, documentId: string, owner: string): void {
    let documents = this.forwarded.get(conn);
    if (!documents) this.forwarded.set(conn, (documents = new Map()));
    documents.set(documentId, owner);
  }

  private forget(conn: string, documentId: string): void {
    const documents = this.forwarded.get(conn);
    documents?.delete(documentId);
    if (documents?.size === 0) this.forwarded.delete(conn);
  }

  /** The SocketPeer a frame from an owner is for, if that owner still serves it that document. */
  private target(frame: { from: string; conn: string; doc: string }): SocketPeer | undefined {
    if (this.ownerOf(frame.conn, frame.doc) !== frame.from) return undefined;
    return this.options.peerOf(frame.conn);
  }

  private closeLocally(peer: SocketPeer, documentId: string, error: SyncError): void {
    this.forget(peer.id, documentId);
    this.options.unseat(peer, documentId);
    // Forgets the document on the socket, leaves its room, tells the client (which reopens).
    peer.closed(documentId, error);
  }

  private closeEverywhere(match: (owner: string) => boolean): void {
    for (const [conn, documents] of this.forwarded) {
      const peer = this.options.peerOf(conn);
      for (const [documentId, owner] of documents) {
        if (!match(owner)) continue;
        // Best effort: an owner that is still there frees the seat at once instead of at its own timeout.
        this.options.link.send(owner, { t: 'close', conn, doc: documentId });
        if (peer) this.closeLocally(peer, documentId, moved());
        else documents.delete(documentId);
      }
      if (documents.size === 0) this.forwarded.delete(conn);
    }
  }
}

function toError(payload: ErrorPayload): SyncError {
  return new SyncError(payload.code, payload.message, payload.retryAfter);
}

function moved(): SyncError {
  return new SyncError('DOCUMENT_MOVED', 'the server holding this document changed; reopen it');
}

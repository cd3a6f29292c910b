/**
 * The client half of Accord's sync protocol for one document, free of any transport so that it can
 * be driven by socket.io in the SDK and by a simulated network in property tests.
 *
 * Saved means: connected, holding the server's state, and every local change acknowledged as
 * durably stored. Acknowledgements are cumulative per document (`saved(seq)` covers every update up
 * to seq). Whatever is unacknowledged when the connection drops, or refused for a recoverable
 * reason, is resent by the next sync step 2, which carries everything the server lacks.
 */
import * as Y from 'yjs';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import {
  decodeMessage,
  encodeAwareness,
  encodeStep1,
  encodeStep2,
  encodeUpdate,
  type ErrorPayload,
  type SyncErrorCode,
} from '@accord/sync/protocol';

export type DocumentStatus = 'connecting' | 'synced' | 'saving' | 'saved' | 'offline' | 'error';

export interface SyncChannel {
  /** Sends one `y` message; seq is 0 for messages that are not acknowledged (step 1, awareness). */
  send(seq: number, message: Uint8Array): void;
}

/** Refusals after which resending cannot help: the handle stops in the `error` status. */
const fatalRefusals = new Set<SyncErrorCode>(['READ_ONLY', 'MALFORMED_UPDATE', 'UPDATE_TOO_LARGE', 'INVALID_MESSAGE']);

export class DocumentSyncError extends Error {
  constructor(readonly code: SyncErrorCode | 'CLOSED', message: string) {
    super(message);
    this.name = 'DocumentSyncError';
  }
}

const AWARENESS_INTERVAL_MS = 50;

export class DocumentSync {
  readOnly = false;
  private connected = false;
  private hasServerState = false;
  private hasServerStateThisConnection = false;
  private lastSent = 0;
  private lastSaved = 0;
  private seq = 0;
  /** Local changes the server has not got yet (made offline, or refused for a recoverable reason). */
  private dirty = false;
  private everChanged = false;
  private failure: DocumentSyncError | null = null;
  private savedWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private syncedWaiters: Array<() => void> = [];
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAwarenessSent = 0;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private currentStatus: DocumentStatus = 'offline';

  constructor(
    readonly doc: Y.Doc,
    readonly awareness: Awareness,
    private readonly channel: SyncChannel,
    private readonly onStatus: (status: DocumentStatus) => void = () => {},
  ) {
    doc.on('update', this.onLocalUpdate);
    awareness.on('update', this.onAwarenessUpdate);
  }

  get status(): DocumentStatus {
    return this.currentStatus;
  }

  get error(): DocumentSyncError | null {
    return this.failure;
  }

  /** Resolves the first time the local document holds the server's state. */
  whenSynced(): Promise<void> {
    if (this.hasServerState) return Promise.resolve();
    return new Promise((resolve) => this.syncedWaiters.push(resolve));
  }

  /** Resolves when every local change so far is durably stored; rejects if the document fails. */
  whenSaved(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isSaved()) return Promise.resolve();
    return new Promise((resolve, reject) => this.savedWaiters.push({ resolve, reject }));
  }

  /** The document was (re)opened on a live connection. */
  attach(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.connected = true;
    this.hasServerStateThisConnection = false;
    // Anything unacknowledged from the last connection is covered by the step 2 the server asks for.
    if (this.lastSent > this.lastSaved) this.dirty = true;
    this.lastSent = this.lastSaved = this.seq;
    this.channel.send(0, encodeStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getLocalState() !== null) this.sendAwareness();
    this.refresh();
  }

  /** The connection dropped, or the server closed the document. */
  detach(): void {
    this.connected = false;
    if (this.lastSent > this.lastSaved) this.dirty = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    if (others.length > 0) removeAwarenessStates(this.awareness, others, this);
    this.refresh();
  }

  receive(message: Uint8Array): void {
    const decoded = decodeMessage(message);
    switch (decoded.kind) {
      case 'step1':
        // The server asks for what it lacks; read-only seats have nothing to give.
        if (!this.readOnly) {
          this.dirty = false;
          this.sendNumbered(encodeStep2(Y.encodeStateAsUpdate(this.doc, decoded.stateVector)));
        }
        break;
      case 'step2':
        Y.applyUpdate(this.doc, decoded.update, this);
        this.hasServerStateThisConnection = true;
        if (!this.hasServerState) {
          this.hasServerState = true;
          for (const resolve of this.syncedWaiters.splice(0)) resolve();
        }
        break;
      case 'update':
        Y.applyUpdate(this.doc, decoded.update, this);
        break;
      case 'awareness':
        applyAwarenessUpdate(this.awareness, decoded.update, this);
        break;
    }
    this.refresh();
  }

  saved(seq: number): void {
    this.lastSaved = Math.max(this.lastSaved, seq);
    this.refresh();
  }

  refused(seq: number, error: ErrorPayload): void {
    if (fatalRefusals.has(error.code)) {
      this.fail(new DocumentSyncError(error.code, error.message));
      return;
    }
    // seq 0 is a step 1 or awareness: nothing of the document was lost, but a refused step 1 was
    // (re)syncing this document, and nothing else would ever ask again.
    const resyncing = seq !== 0 || this.dirty || !this.hasServerStateThisConnection;
    if (seq !== 0) this.dirty = true;
    if (error.code === 'RATE_LIMITED' && this.connected && resyncing) {
      // Ask again later: the server answers a step 1 with its own, and we answer with a step 2.
      if (this.resyncTimer) clearTimeout(this.resyncTimer);
      this.resyncTimer = setTimeout(() => {
        this.resyncTimer = null;
        if (this.connected) this.channel.send(0, encodeStep1(Y.encodeStateVector(this.doc)));
      }, (error.retryAfter ?? 1) * 1000);
    }
    this.refresh();
  }

  fail(error: DocumentSyncError): void {
    this.failure = error;
    for (const waiter of this.savedWaiters.splice(0)) waiter.reject(error);
    this.refresh();
  }

  destroy(): void {
    this.doc.off('update', this.onLocalUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (!this.failure) this.fail(new DocumentSyncError('CLOSED', 'the document was closed'));
  }

  private isSaved(): boolean {
    return this.connected && this.hasServerStateThisConnection && !this.dirty && this.lastSaved >= this.lastSent;
  }

  private sendNumbered(message: Uint8Array): void {
    this.seq++;
    this.lastSent = this.seq;
    this.channel.send(this.seq, message);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    this.everChanged = true;
    if (this.readOnly && this.connected) {
      this.fail(new DocumentSyncError('READ_ONLY', 'your role in this dialogue cannot change the text'));
      return;
    }
    if (this.connected) this.sendNumbered(encodeUpdate(update));
    else this.dirty = true;
    this.refresh();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return;
    const mine = [...added, ...updated, ...removed].includes(this.awareness.clientID);
    if (!mine || !this.connected) return;
    // Cursor moves come in bursts; send at most one message per interval, always the latest state.
    const wait = this.lastAwarenessSent + AWARENESS_INTERVAL_MS - Date.now();
    if (wait <= 0) this.sendAwareness();
    else if (!this.awarenessTimer) {
      this.awarenessTimer = setTimeout(() => {
        this.awarenessTimer = null;
        if (this.connected) this.sendAwareness();
      }, wait);
    }
  };

  private sendAwareness(): void {
    this.lastAwarenessSent = Date.now();
    this.channel.send(0, encodeAwareness(encodeAwarenessUpdate(this.awareness, [this.awareness.clientID])));
  }

  private refresh(): void {
    let next: DocumentStatus;
    if (this.failure) next = 'error';
    else if (!this.connected) next = 'offline';
    else if (!this.hasServerStateThisConnection) next = 'connecting';
    else if (this.dirty || this.lastSaved < this.lastSent) next = 'saving';
    else next = this.everChanged ? 'saved' : 'synced';
    if (next === 'saved' || next === 'synced') {
      for (const waiter of this.savedWaiters.splice(0)) waiter.resolve();
    }
    if (next !== this.currentStatus) {
      this.currentStatus = next;
      this.onStatus(next);
    }
  }
}

/**
 * The client half of Accord's sync protocol for one document, free of any transport so that it can
 * be driven by socket.io in the SDK and by a simulated network in property tests.
 *
 * Saved means: connected, holding the server's state, and every local change acknowledged as
 * durably stored. Acknowledgements are cumulative per document (`saved(seq)` covers every update up
 * to seq); a refusal settles its own seq. Whatever is unacknowledged when the connection drops, or
 * refused for a recoverable reason, is resent by the next sync step 2, which carries everything the
 * server lacks.
 *
 * A change refused for good (too large, content the server does not accept) must never be sent
 * again, yet a step 2 is computed from the whole local document. So the document is rebuilt: the
 * server's state, plus the local changes that do not build on the refused one (Yjs leaves those that
 * do pending, and they are dropped). Until then the local document writes under a fresh client id,
 * so what is typed after the refusal does not depend on it.
 */
import * as random from 'lib0/random';
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
  type YMessage,
} from '@accord/sync/protocol';

export type DocumentStatus = 'connecting' | 'synced' | 'saving' | 'saved' | 'offline' | 'error';

export interface SyncChannel {
  /** Sends one `y` message; seq is 0 for messages that are not acknowledged (step 1, awareness). */
  send(seq: number, message: Uint8Array): void;
  /**
   * Closes and reopens the document on the connection, so that the next sync step 2 from the server
   * is known to answer the step 1 sent after the reopen. Without it the rebuild waits for the next
   * attach.
   */
  reopen?(): void;
}

/** What the server allows, from the `open` acknowledgement. */
export interface DocumentLimits {
  maxUpdateBytes: number;
  maxSyncBytes: number;
}

/** A local change that will never be stored, and was removed from the local document. */
export interface ChangeRefusal {
  code: SyncErrorCode | 'UPDATE_TOO_LARGE';
  message: string;
  /** The refused update's size in bytes, when known. */
  bytes?: number;
  /** The server's limit, for UPDATE_TOO_LARGE. */
  limit?: number;
}

export interface DocumentSyncHooks {
  /** A local change was refused for good; the local document will be rebuilt without it. */
  refused?(refusal: ChangeRefusal): void;
  /** The rebuilt document replaced `previous`; bind editors and stores to `doc` from now on. */
  rebuilt?(doc: Y.Doc, previous: Y.Doc): void;
  /**
   * A local change was made (`origin` as Yjs gave it). Called synchronously, before the document's
   * other update listeners registered later (an offline store), so a mark written here is ordered
   * before the change is stored.
   */
  changed?(origin: unknown): void;
  /** Every local change so far is durably stored on the server (the status is saved or synced). */
  allSaved?(): void;
}

/** Refusals after which the handle stops in the `error` status: the seat cannot write at all. */
const fatalRefusals = new Set<string>(['READ_ONLY']);

/**
 * Refusals of one change that resending cannot fix. The change is dropped and the document rebuilt
 * without it; the handle carries on. (CLIENT_ID_TAKEN: the update wrote under a client id the server
 * gives to another session; the rebuilt document writes under a new one. The rules of the room,
 * STATUS_STEWARDS_ONLY to OPEN_BRACKETS, BOXES_STEWARDS_ONLY: the same change is refused again until the text or the
 * member's role changes, and the editor should have stopped it first.)
 */
const permanentRefusals = new Set<string>([
  'MALFORMED_UPDATE',
  'UPDATE_TOO_LARGE',
  'INVALID_MESSAGE',
  'CONTENT_REFUSED',
  'CLIENT_ID_TAKEN',
  'STATUS_STEWARDS_ONLY',
  'BOXES_STEWARDS_ONLY',
  'PARAGRAPH_AGREED',
  'BOXES_STEWARDS_ONLY',
  'BRACKET_NOT_YOURS',
  'OPEN_BRACKETS',
]);

/** A local update, with the seq of the message that carried it on this connection (0: not sent yet). */
interface LocalChange {
  seq: number;
  update: Uint8Array;
}

/** The state vector of an empty document: a step 1 with it asks the server for its whole state. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** The origin of a local change made in a document after it was replaced by a rebuilt one. */
const carriedOver = Symbol('carried over from the document before the rebuild');

/**
 * Applies a local change of a replaced document to its replacement, where it is a local change too.
 * What builds on the refused change cannot be applied and is dropped, as in the rebuild.
 */
function carryOver(doc: Y.Doc, update: Uint8Array): void {
  Y.applyUpdate(doc, update, carriedOver);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

export class DocumentSyncError extends Error {
  constructor(readonly code: SyncErrorCode | 'CLOSED', message: string) {
    super(message);
    this.name = 'DocumentSyncError';
  }
}

const AWARENESS_INTERVAL_MS = 50;

export class DocumentSync {
  readOnly = false;
  /** Known after the first open. */
  limits: DocumentLimits | null = null;
  /** The last local change refused for good, for the page to explain. */
  lastRefusal: ChangeRefusal | null = null;
  private connected = false;
  /**
   * False while the connection is open but the server has not answered a liveness probe in time:
   * shown as offline at once, while socket.io's own timeout (seconds later) would close it.
   */
  private reachable = true;
  /**
   * Closed by the server only to be reopened at once (another server took the document over): the
   * connection is fine, so the document shows as connecting, not offline.
   */
  private moving = false;
  private hasServerState = false;
  private hasServerStateThisConnection = false;
  private lastSent = 0;
  private lastSaved = 0;
  private seq = 0;
  /** Sequence numbers refused by the server: settled, they will never be acknowledged. */
  private readonly refusedSeqs = new Set<number>();
  /** Local updates not yet acknowledged, replayed onto the server's state when rebuilding. */
  private changes: LocalChange[] = [];
  /** 'wanted' after a permanent refusal; 'awaiting-base' once a step 1 asked for the server's whole state. */
  private rebuilding: 'wanted' | 'awaiting-base' | null = null;
  private rebuildClientId: number | null = null;
  /**
   * Until the rebuild, per client id, the first clock the rebuilt document will lack: the refused
   * change, and local changes since that build on it. Yjs needs a client's clocks in order, so once a
   * local change builds on these the document writes under a new id, or every later change, however
   * unrelated, would be dropped with it.
   */
  private readonly doomed = new Map<number, number>();
  /** Local changes the server has not got yet (made offline, or refused for a recoverable reason). */
  private dirty = false;
  private everChanged = false;
  /**
   * The document was empty when this sync took it over: while nothing local ever changed it,
   * everything it holds came from the server, so the server's step 1 needs no answer.
   */
  private readonly startedEmpty: boolean;
  private failure: DocumentSyncError | null = null;
  private savedWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private syncedWaiters: Array<() => void> = [];
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAwarenessSent = 0;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private currentStatus: DocumentStatus = 'offline';

  constructor(
    public doc: Y.Doc,
    readonly awareness: Awareness,
    private readonly channel: SyncChannel,
    private readonly onStatus: (status: DocumentStatus) => void = () => {},
    private readonly hooks: DocumentSyncHooks = {},
  ) {
    this.startedEmpty = doc.store.clients.size === 0;
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
  attach(readOnly: boolean, limits?: DocumentLimits): void {
    this.readOnly = readOnly;
    if (limits) this.limits = limits;
    this.connected = true;
    this.moving = false;
    this.hasServerStateThisConnection = false;
    // Anything unacknowledged from the last connection is covered by the step 2 the server asks for.
    if (this.lastSent > this.lastSaved) this.dirty = true;
    this.lastSent = this.lastSaved = this.seq;
    this.refusedSeqs.clear();
    for (const change of this.changes) change.seq = 0;
    if (this.rebuilding) {
      // The first step 2 on a fresh open answers this step 1: the server's whole state, the base.
      this.rebuilding = 'awaiting-base';
      this.channel.send(0, encodeStep1(EMPTY_STATE_VECTOR));
    } else {
      this.channel.send(0, encodeStep1(Y.encodeStateVector(this.doc)));
    }
    if (this.awareness.getLocalState() !== null) this.sendAwareness();
    this.refresh();
  }

  /** The server answers (again), or has stopped answering, on a connection that is still open. */
  setReachable(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    this.refresh();
  }

  /** The connection dropped, or the server closed the document (`moving`: to be reopened at once). */
  detach(options: { moving?: boolean } = {}): void {
    this.connected = false;
    this.moving = options.moving === true;
    if (this.lastSent > this.lastSaved) this.dirty = true;
    if (this.rebuilding) this.rebuilding = 'wanted';
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.awareness.clientID);
    if (others.length > 0) removeAwarenessStates(this.awareness, others, this);
    this.refresh();
  }

  receive(message: Uint8Array): void {
    this.handle(decodeMessage(message));
    this.refresh();
  }

  /**
   * Messages received together, in order (what one read from the socket carried). Updates that
   * follow one another are applied in one Yjs transaction: Yjs's work per transaction (a state
   * vector before and after, the merged update event, observers, cleanup) is paid once per run,
   * not once per update, and listeners see one change.
   */
  receiveAll(messages: readonly Uint8Array[]): void {
    if (messages.length === 1) return this.receive(messages[0]!);
    const updates: Uint8Array[] = [];
    try {
      for (const message of messages) {
        const decoded = decodeMessage(message);
        if (decoded.kind === 'update') {
          updates.push(decoded.update);
        } else {
          this.applyRemote(updates.splice(0));
          this.handle(decoded);
        }
      }
    } finally {
      this.applyRemote(updates);
      this.refresh();
    }
  }

  private applyRemote(updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return;
    const doc = this.doc;
    if (updates.length === 1) Y.applyUpdate(doc, updates[0]!, this);
    // Not local: as Y.applyUpdate marks its own transaction.
    else Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update, this)), this, false);
  }

  private handle(decoded: YMessage): void {
    switch (decoded.kind) {
      case 'step1':
        // The server asks for what it lacks; read-only seats have nothing to give. While rebuilding,
        // the local document still holds the refused change: the rebuilt one answers after the reopen.
        if (!this.readOnly && !this.rebuilding && this.connected) {
          // A reader's copy (or a writer's who has not written yet) holds only what the server sent:
          // an answer would carry nothing new, and would make a server that has just restarted
          // integrate the whole document before the next person's open.
          if (this.startedEmpty && !this.everChanged && !this.dirty) break;
          this.dirty = false;
          this.sendNumbered(encodeStep2(Y.encodeStateAsUpdate(this.doc, decoded.stateVector)));
          for (const change of this.changes) if (change.seq === 0) change.seq = this.seq;
        }
        break;
      case 'step2':
        if (this.rebuilding === 'awaiting-base') this.rebuild(decoded.update);
        else Y.applyUpdate(this.doc, decoded.update, this);
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
  }

  saved(seq: number): void {
    this.lastSaved = Math.max(this.lastSaved, seq);
    this.changes = this.changes.filter((change) => change.seq === 0 || change.seq > seq);
    this.refresh();
  }

  refused(seq: number, error: ErrorPayload): void {
    // A copy of a message already handled (the SDK numbers every message once; a network may
    // duplicate): the first copy is acknowledged or refused on its own.
    if (error.code === 'SEQ_NOT_INCREASING') return;
    // A refusal settles its seq: no `saved` will ever name it alone.
    if (seq > 0) this.refusedSeqs.add(seq);
    if (fatalRefusals.has(error.code)) {
      this.fail(new DocumentSyncError(error.code, error.message));
      return;
    }
    if (permanentRefusals.has(error.code)) {
      // seq 0 (a step 1 or awareness) carried no change; otherwise drop what that message carried.
      if (seq > 0) {
        const refused = this.changes.filter((change) => change.seq === seq);
        this.changes = this.changes.filter((change) => change.seq !== seq);
        for (const change of refused) this.markDoomed(change.update);
        const bytes = refused.reduce((sum, change) => sum + change.update.length, 0);
        const limit = error.code === 'UPDATE_TOO_LARGE' ? this.limits?.maxUpdateBytes : undefined;
        this.dropChange({ code: error.code, message: error.message, ...(bytes > 0 ? { bytes } : {}), ...(limit ? { limit } : {}) });
      }
      this.refresh();
      return;
    }
    // seq 0 is a step 1 or awareness: nothing of the document was lost, but a refused step 1 was
    // (re)syncing this document, and nothing else would ever ask again.
    const resyncing = seq !== 0 || this.dirty || !this.hasServerStateThisConnection;
    if (seq !== 0) {
      this.dirty = true;
      // Not stored: the next step 2 carries it.
      for (const change of this.changes) if (change.seq === seq) change.seq = 0;
    }
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
    return this.connected && this.hasServerStateThisConnection && !this.dirty && !this.rebuilding && this.settled() >= this.lastSent;
  }

  /** The highest seq up to which every message is acknowledged or refused. */
  private settled(): number {
    let settled = this.lastSaved;
    while (this.refusedSeqs.has(settled + 1)) settled++;
    return settled;
  }

  /**
   * A local change will never be stored. Whoever waits for "everything saved" learns it now; the
   * local document writes under a new client id (the old one's next clocks would need the refused
   * change) and is rebuilt without it once the server's state is in hand.
   */
  private dropChange(refusal: ChangeRefusal): void {
    this.lastRefusal = refusal;
    // The rebuilt document writes under the id the refused change used: the server never stored its
    // clocks, so they are free again, and the awareness (cursor) keeps the document's id. Unless the
    // id itself was the problem.
    if (!this.rebuilding) this.rebuildClientId = this.doc.clientID;
    if (refusal.code === 'CLIENT_ID_TAKEN') this.rebuildClientId = random.uint32();
    this.doc.clientID = random.uint32();
    const error = new DocumentSyncError(refusal.code, refusal.message);
    for (const waiter of this.savedWaiters.splice(0)) waiter.reject(error);
    const first = !this.rebuilding;
    this.rebuilding ??= 'wanted';
    this.hooks.refused?.(refusal);
    if (first && this.connected && this.channel.reopen) {
      this.detach();
      this.channel.reopen();
    }
  }

  /**
   * The server's whole state, then the local changes it has not acknowledged, in order. Those that
   * build on the refused change (or on what came after it under the old client id) stay pending in
   * Yjs and are dropped; the rest is what the server lacks, sent in answer to its step 1.
   */
  private rebuild(base: Uint8Array): void {
    const previous = this.doc;
    const next = new Y.Doc({ gc: previous.gc });
    Y.applyUpdate(next, base, this);
    for (const change of this.changes) Y.applyUpdate(next, change.update, this);
    next.store.pendingStructs = null;
    next.store.pendingDs = null;
    // Only now: Yjs picks a new id when a remote update writes under the document's own.
    if (this.rebuildClientId !== null) next.clientID = this.rebuildClientId;
    this.rebuildClientId = null;
    this.doomed.clear();
    const unsaved = Y.encodeStateAsUpdate(next, Y.encodeStateVectorFromUpdate(base));
    this.changes = [{ seq: 0, update: unsaved }];
    this.dirty = true;
    previous.off('update', this.onLocalUpdate);
    // Editors rebind to `next` only when told (the page re-renders a task later): until then what is
    // typed lands in `previous`. It is carried over, or it would never be sent.
    previous.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) carryOver(next, update);
    });
    next.on('update', this.onLocalUpdate);
    this.doc = next;
    this.rebuilding = null;
    this.hooks.rebuilt?.(next, previous);
  }

  private markDoomed(update: Uint8Array): void {
    for (const [client, clock] of Y.parseUpdateMeta(update).from) {
      const known = this.doomed.get(client);
      if (known === undefined || clock < known) this.doomed.set(client, clock);
    }
  }

  private buildsOnDoomed(update: Uint8Array): boolean {
    const doomed = (id: unknown): boolean => {
      if (!(id instanceof Y.ID)) return false;
      const from = this.doomed.get(id.client);
      return from !== undefined && id.clock >= from;
    };
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Item && (doomed(struct.origin) || doomed(struct.rightOrigin) || doomed(struct.parent))) return true;
    }
    return false;
  }

  private sendNumbered(message: Uint8Array): void {
    this.seq++;
    this.lastSent = this.seq;
    this.channel.send(this.seq, message);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    this.everChanged = true;
    this.hooks.changed?.(origin);
    if (this.readOnly && this.connected) {
      this.fail(new DocumentSyncError('READ_ONLY', 'your role in this dialogue cannot change the text'));
      return;
    }
    if (this.rebuilding && this.buildsOnDoomed(update)) {
      // Dropped by the rebuild: what comes next must not follow it under the same id.
      this.markDoomed(update);
      this.doc.clientID = random.uint32();
    }
    const limit = this.limits?.maxUpdateBytes;
    if (limit !== undefined && update.length > limit) {
      // The server would refuse it whole: refused here, before it is sent, and dropped the same way.
      this.markDoomed(update);
      this.dropChange({
        code: 'UPDATE_TOO_LARGE',
        message: `this change is ${update.length} bytes; the server accepts at most ${limit} in one change`,
        bytes: update.length,
        limit,
      });
      this.refresh();
      return;
    }
    if (this.connected && !this.rebuilding) {
      this.sendNumbered(encodeUpdate(update));
      this.changes.push({ seq: this.seq, update });
    } else {
      this.dirty = true;
      this.changes.push({ seq: 0, update });
    }
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
    else if ((!this.connected && !this.moving) || !this.reachable) next = 'offline';
    else if (!this.connected) next = 'connecting';
    else if (!this.hasServerStateThisConnection || this.rebuilding) next = 'connecting';
    else if (this.dirty || this.settled() < this.lastSent) next = 'saving';
    else next = this.everChanged ? 'saved' : 'synced';
    if (next === 'saved' || next === 'synced') {
      for (const waiter of this.savedWaiters.splice(0)) waiter.resolve();
      this.hooks.allSaved?.();
    }
    if (next !== this.currentStatus) {
      this.currentStatus = next;
      this.onStatus(next);
    }
  }
}

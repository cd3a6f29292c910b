/**
 * The collaboration engine: rooms of open documents, the Yjs sync and awareness protocol, limits,
 * durable acknowledgements through group commit. Transport-free: a gateway hands it SyncPeers and
 * raw messages; storage is a DocumentStore.
 *
 * The contract, in the order a message meets it: the connection's rate limits; the message's size;
 * decoding; the seat's access (read-only seats never write); the update check against the document
 * (refused whole if malformed or if it needs content the server lacks); then apply and queue for
 * storage; after the commit, acknowledge to the sender and share with the other seats, one merged
 * frame per seat for what the commit stored (a server alone shares after holdUnstoredMs if the
 * commit is slow).
 */
import * as Y from 'yjs';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  withServerIdentity,
  type AwarenessEntry,
} from './awareness-rewrite.js';
import { AnswerPacer } from './answer-pacer.js';
import { checkOwnership } from './client-ownership.js';
import { withoutClients } from './update-filter.js';
import type { ContentCheck } from './content-check.js';
import { defaultSyncLimits, type SyncLimits } from './limits.js';
import type { SeatAccess, SyncPeer } from './peer.js';
import { SyncError } from './protocol/errors.js';
import type { DocumentRole } from './protocol/events.js';
import { decodeMessage, encodeAwareness, encodeStep1, encodeStep2, encodeUpdate, type YMessage } from './protocol/messages.js';
import { MalformedInput } from './protocol/reader.js';
import { PartialEdit, Room, type Seat } from './room.js';
import { HeldElsewhereError, LeaseLostError, type Lease, type Ownership } from './ownership.js';
import { SaveQueue, type HeldShare, type SaveEntry } from './save-queue.js';
import type { ClientClaim, DocumentStore } from './store.js';
import { TokenBucket } from './token-bucket.js';
import { checkStateVector, checkUpdate } from './update-check.js';
import type { UpdatePolicy } from './update-policy.js';
import type { DescribeChange } from './describe-change.js';

export interface SyncEngineLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface SyncEngineOptions {
  store: DocumentStore;
  limits?: Partial<SyncLimits>;
  /**
   * Sends one message to every seat of a document but `except`. The socket.io gateway passes a room
   * broadcast so the message is encoded once per room, not once per recipient.
   */
  broadcast?: (documentId: string, message: Uint8Array, except: readonly SyncPeer[]) => void;
  now?: () => Date;
  log?: SyncEngineLog;
  /** What the document may hold (content-check.ts); without one, any update that integrates is accepted. */
  contentCheck?: ContentCheck;
  /** Who may change what (update-policy.ts); without one, every writable seat may change anything. */
  policy?: UpdatePolicy;
  /** What an applied update touched, in the application's words (describe-change.ts), stored with its log row. */
  describeChange?: DescribeChange;
  /** Which server owns a document (ownership.ts); without one, this engine owns every document it opens. */
  ownership?: Ownership;
}

/** Who a server-originated change is made for, stored with its log row. */
export interface ServerAuthor {
  userId: string;
  sessionId: string;
  /** What made the change, for the log to name it: "amendment:<id>". */
  source: string;
  /** The role the member acts in, for the log to keep beside the change. */
  role?: DocumentRole;
}

interface Connection {
  rooms: Set<Room>;
  messages: TokenBucket;
  bytes: TokenBucket;
  awareness: TokenBucket;
  /** What the engine sends in answer to this connection's step 1s. */
  answers: AnswerPacer;
}

export interface SyncEngineStats {
  rooms: number;
  connections: number;
  queued: number;
  storageAvailable: boolean;
}

/** Awareness client ids a room remembers the user of (Room.speakers); beyond this, no more are reserved. */
const MAX_SPEAKERS = 10_000;

const silentLog: SyncEngineLog = { warn: () => {}, error: () => {} };

export class SyncEngine {
  readonly limits: SyncLimits;
  private readonly rooms = new Map<string, Room>();
  private readonly connections = new Map<SyncPeer, Connection>();
  /** Per user: the update policy's time they may still spend (limits.ts). */
  private readonly policyBudgets = new Map<string, TokenBucket>();
  private readonly queue: SaveQueue;
  private readonly now: () => Date;
  private readonly log: SyncEngineLog;
  private readonly broadcastFn: (documentId: string, message: Uint8Array, except: readonly SyncPeer[]) => void;
  private stopping = false;
  private renewTimer: ReturnType<typeof setInterval> | null = null;
  /**
   * Alone, a server shares an edit it has not stored yet when storage is slow or down (after
   * holdUnstoredMs), so a room keeps working together through an outage. Beside other servers it
   * never does: a server resuming from a pause past its lease would share edits whose commit is then
   * refused, and other people's later edits, built on content no log holds, could never be stored.
   */
  private readonly sharesUnstored: boolean;

  constructor(private readonly options: SyncEngineOptions) {
    this.limits = { ...defaultSyncLimits, ...options.limits };
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? silentLog;
    this.sharesUnstored = !options.ownership || options.ownership.alone;
    this.broadcastFn = options.broadcast ?? ((documentId, message, except) => this.sendToSeats(documentId, message, except));
    this.queue = new SaveQueue(
      options.store,
      {
        saved: (entries) => this.acknowledge(entries),
        availability: (available, error) => this.storageChanged(available, error),
        conflict: (documentId, error) => {
          if (error instanceof LeaseLostError) {
            this.log.warn({ documentId, epoch: error.epoch }, 'a commit was refused: another server took the document; closing it here');
            // Only the room taken under that epoch: a room taken again since holds a newer lease.
            if (this.rooms.get(documentId)?.epoch === error.epoch) this.evict(documentId, moved());
            return;
          }
          this.log.error({ documentId, err: error }, 'the document cannot be stored; closing it');
          this.evict(documentId, new SyncError('INTERNAL', 'the document was closed after a storage conflict'));
        },
      },
      this.limits,
    );
    const ownership = options.ownership;
    if (ownership) {
      this.renewTimer = setInterval(() => void this.renewLeases(ownership), ownership.renewEveryMs);
      this.renewTimer.unref?.();
    }
  }

  stats(): SyncEngineStats {
    return {
      rooms: this.rooms.size,
      connections: this.connections.size,
      queued: this.queue.length,
      storageAvailable: this.queue.isAvailable,
    };
  }

  /** Seats a connection in a document, loading the document if it is not in memory. */
  async open(peer: SyncPeer, documentId: string, access: SeatAccess): Promise<void> {
    if (this.stopping) throw new SyncError('SHUTTING_DOWN', 'the server is shutting down');
    const connection = this.connection(peer);
    const existing = this.rooms.get(documentId);
    if (existing?.seats.has(peer)) {
      this.setAccess(peer, documentId, access);
      return;
    }
    if (connection.rooms.size >= this.limits.maxDocumentsPerConnection) {
      throw new SyncError('TOO_MANY_DOCUMENTS', `at most ${this.limits.maxDocumentsPerConnection} documents per connection`);
    }
    const room = existing ?? this.createRoom(documentId);
    try {
      await room.ready;
    } catch (error) {
      if (error instanceof HeldElsewhereError) throw error;
      throw new SyncError('DATABASE_UNAVAILABLE', 'the document could not be loaded; try again shortly');
    }
    if (room.evicted || this.rooms.get(documentId) !== room) return this.open(peer, documentId, access);
    if (!this.connections.has(peer)) throw new SyncError('DOCUMENT_NOT_OPEN', 'the connection closed while opening');
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
    room.seats.set(peer, { ...access, peer, awarenessClients: new Set(), lastSeq: 0, resynced: false });
    connection.rooms.add(room);
    const present = [...room.awareness.getStates().keys()];
    if (present.length > 0) peer.send(documentId, encodeAwareness(encodeAwarenessUpdate(room.awareness, present)));
    if (!this.queue.isAvailable) peer.storage(documentId, false);
  }

  /** A role change: takes effect on the very next message. */
  setAccess(peer: SyncPeer, documentId: string, access: SeatAccess): void {
    const seat = this.rooms.get(documentId)?.seats.get(peer);
    if (!seat) return;
    seat.readOnly = access.readOnly;
    seat.role = access.role;
    seat.affiliation = access.affiliation;
    seat.cursor = access.cursor;
  }

  /** The document's state as the server holds it in memory, or null when it is not loaded. */
  stateOf(documentId: string): Uint8Array | null {
    const room = this.rooms.get(documentId);
    return room?.loaded ? Y.encodeStateAsUpdate(room.doc) : null;
  }

  /**
   * Runs `read` on the document as the server holds it in memory, without copying it; null when it
   * is not loaded. `read` must not change the document (nothing it does would be stored or sent).
   * `seq` is the log position of the last update the document holds.
   */
  readDocument<T>(documentId: string, read: (doc: Y.Doc, seq: number) => T): T | null {
    const room = this.rooms.get(documentId);
    return room?.loaded ? read(room.doc, room.nextSeq - 1) : null;
  }

  /**
   * Changes a document from the server itself (accepting an amendment; restoring a revision next):
   * `edit` runs on the document in place, in one Yjs transaction, and what it changes goes exactly
   * where a client's update goes: applied in the room, shared with every seat once stored (or after
   * holdUnstoredMs if storage is slow), appended to the log under `author`. Resolves once committed,
   * with the change's log position (null when the edit changed nothing) and what `edit` returned.
   *
   * `edit` must be synchronous and must decide before it writes: reading the document and deciding
   * in the same call is what makes the change apply to the text exactly as it read it. If it throws
   * before writing, nothing happens; if it throws after, the room is reloaded from storage. Loads the
   * document when nobody has it open. Rules (the UpdatePolicy) are the caller's to apply: the server
   * acts with the authority of the member it acts for.
   */
  async change<T>(documentId: string, author: ServerAuthor, edit: (doc: Y.Doc) => T): Promise<{ seq: number | null; result: T }> {
    if (this.stopping) throw new SyncError('SHUTTING_DOWN', 'the server is shutting down');
    const room = this.rooms.get(documentId) ?? this.createRoom(documentId);
    try {
      await room.ready;
    } catch (error) {
      if (error instanceof HeldElsewhereError) throw error;
      throw new SyncError('DATABASE_UNAVAILABLE', 'the document could not be loaded; try again shortly');
    }
    if (room.evicted || this.rooms.get(documentId) !== room) return this.change(documentId, author, edit);
    if (room.seats.size === 0) this.scheduleUnload(room);
    let outcome: { changed: Uint8Array | null; touched: string[] | null; result: T };
    try {
      outcome = room.transact(edit);
    } catch (error) {
      if (error instanceof PartialEdit) {
        this.log.error({ documentId, err: error.original }, 'a server edit failed halfway; reloading the document');
        this.evict(documentId, new SyncError('INTERNAL', 'the document was reloaded after a fault; reconnect to continue'));
        throw error.original;
      }
      throw error;
    }
    const { changed, touched, result } = outcome;
    if (!changed) return { seq: null, result };
    const seq = room.nextSeq++;
    room.tailUpdates++;
    room.tailBytes += changed.length;
    const message = encodeUpdate(changed);
    const held = !this.sharesUnstored || this.queue.isAvailable || room.held.length > 0;
    if (held) this.hold(room, { message, update: changed, except: null });
    else this.broadcastFn(documentId, message, []);
    const committed = new Promise<void>((resolve, reject) => {
      this.queue.enqueue({
        documentId,
        epoch: room.epoch,
        update: { documentId, seq, update: changed, userId: author.userId, sessionId: author.sessionId, connectionId: 'server', source: author.source, touched, role: author.role ?? null, createdAt: this.now() },
        ...(held ? { share: room.held.at(-1)! } : {}),
        settle: { resolve, reject },
      });
    });
    if (room.tailUpdates >= this.limits.checkpointEveryUpdates || room.tailBytes >= this.limits.checkpointEveryBytes) {
      this.queue.enqueue({ documentId, epoch: room.epoch, checkpoint: room.checkpoint(this.now()) });
    }
    await committed;
    return { seq, result };
  }

  /** Handles one `y` message. Never throws: every problem is reported to this peer alone. */
  receive(peer: SyncPeer, documentId: string, seq: number, message: Uint8Array): void {
    const connection = this.connections.get(peer);
    const room = this.rooms.get(documentId);
    const seat = room?.seats.get(peer);
    if (!connection || !room || !seat) {
      peer.refused(documentId, seq, new SyncError('DOCUMENT_NOT_OPEN', 'open the document before sending to it'));
      return;
    }
    if (seq > 0) {
      // A number that does not increase would make `saved` and `refused` ambiguous for the client.
      if (seq <= seat.lastSeq) {
        peer.refused(documentId, seq, new SyncError('SEQ_NOT_INCREASING', `seq must be greater than ${seat.lastSeq}, the last one on this document`));
        return;
      }
      seat.lastSeq = seq;
    }
    if (!connection.messages.take(1)) {
      peer.refused(documentId, seq, rateLimited(connection.messages.retryAfter(1)));
      return;
    }
    if (message.length > this.limits.maxSyncBytes) {
      peer.refused(documentId, seq, new SyncError('UPDATE_TOO_LARGE', `messages are limited to ${this.limits.maxSyncBytes} bytes`));
      return;
    }
    if (!connection.bytes.take(message.length)) {
      peer.refused(documentId, seq, rateLimited(connection.bytes.retryAfter(message.length)));
      return;
    }
    let decoded: YMessage;
    try {
      decoded = decodeMessage(message);
    } catch (error) {
      peer.refused(documentId, seq, new SyncError('INVALID_MESSAGE', describe(error)));
      return;
    }
    try {
      switch (decoded.kind) {
        case 'step1':
          return this.answerStep1(room, seat, connection, seq, decoded.stateVector);
        case 'step2': {
          // Only a seat's first step 2 that is taken, its resync, may carry a whole offline session;
          // later ones are held to the update limit, or a step 2 would be a way around it. A refused
          // one (say MISSING_PREDECESSORS) leaves the allowance for the step 2 that follows it.
          const limit = seat.resynced ? this.limits.maxUpdateBytes : this.limits.maxSyncBytes;
          if (decoded.update.length > limit) {
            peer.refused(documentId, seq, new SyncError('UPDATE_TOO_LARGE', `a step 2 after the first is limited to ${limit} bytes`));
            return;
          }
          return this.write(room, seat, seq, decoded.update, true);
        }
        case 'update':
          if (decoded.update.length > this.limits.maxUpdateBytes) {
            peer.refused(documentId, seq, new SyncError('UPDATE_TOO_LARGE', `updates are limited to ${this.limits.maxUpdateBytes} bytes`));
            return;
          }
          return this.write(room, seat, seq, decoded.update);
        case 'awareness':
          return this.awareness(room, seat, connection, seq, decoded.update);
      }
    } catch (error) {
      // A bug or a Yjs fault: the document in memory may be half-changed, so it is reloaded from storage.
      this.log.error({ documentId, err: error }, 'applying a message failed; reloading the document');
      this.evict(documentId, new SyncError('INTERNAL', 'the document was reloaded after a fault; reconnect to continue'));
    }
  }

  /** Unseats a connection from one document. */
  close(peer: SyncPeer, documentId: string): void {
    this.connections.get(peer)?.answers.cancel(documentId);
    const room = this.rooms.get(documentId);
    if (!room) return;
    this.unseat(room, peer);
    this.connections.get(peer)?.rooms.delete(room);
  }

  /** The connection is gone: unseat it everywhere. */
  disconnect(peer: SyncPeer): void {
    const connection = this.connections.get(peer);
    if (!connection) return;
    this.connections.delete(peer);
    connection.answers.stop();
    for (const room of connection.rooms) this.unseat(room, peer);
  }

  /** Resolves once every update received so far is committed. */
  flush(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Hands a document over to another server that must write it (a server write there): stores what
   * this server holds of it, closes the room (DOCUMENT_MOVED: its seats reopen wherever the document
   * goes) and releases the lease. Resolves true once released, or when the document is not held here;
   * false when storage did not answer within `timeoutMs` (the room and lease are then kept: the
   * other server's retries take the document once the lease expires, if this one is truly stuck).
   */
  async handOver(documentId: string, timeoutMs = 5000): Promise<boolean> {
    const room = this.rooms.get(documentId);
    if (!room) return true;
    try {
      await room.ready;
    } catch {
      return true;
    }
    const deadline = Date.now() + timeoutMs;
    // The last check and the closing are one synchronous step: nothing is accepted in between, so
    // everything the room took in is stored (and acknowledged) before the lease goes.
    while (this.queue.unsaved(documentId) > 0) {
      if (room.evicted || this.rooms.get(documentId) !== room) return true;
      const left = deadline - Date.now();
      if (left <= 0 || !(await waitAtMost(this.queue.idle(), left))) return false;
    }
    if (room.evicted || this.rooms.get(documentId) !== room) return true;
    this.evict(documentId, moved());
    if (room.epoch === null || !this.options.ownership) return true;
    try {
      await this.options.ownership.release([{ documentId, epoch: room.epoch }]);
      return true;
    } catch (error) {
      this.log.warn({ err: error, documentId }, 'releasing a handed-over lease failed; it expires on its own');
      return false;
    }
  }

  /** Stops accepting documents, checkpoints and stores everything, closes every seat. */
  async shutdown(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopping = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    for (const room of this.rooms.values()) {
      if (room.loaded && room.tailUpdates > 0) this.queue.enqueue({ documentId: room.documentId, epoch: room.epoch, checkpoint: room.checkpoint(this.now()) });
    }
    this.queue.retryNow();
    const stored = await waitAtMost(this.queue.idle(), options.timeoutMs ?? Infinity);
    if (!stored) {
      // Unacknowledged, so every client still holds these edits and resends them on reconnecting.
      this.log.error({ queued: this.queue.length }, 'storage did not answer before shutdown; unsaved updates remain with the clients');
    }
    const leases: Lease[] = [];
    for (const room of this.rooms.values()) {
      for (const seat of room.seats.values()) seat.peer.closed(room.documentId, new SyncError('SHUTTING_DOWN', 'the server is restarting'));
      this.rooms.delete(room.documentId);
      room.destroy();
      if (room.epoch !== null) leases.push({ documentId: room.documentId, epoch: room.epoch });
    }
    for (const connection of this.connections.values()) connection.answers.stop();
    this.connections.clear();
    // Stored (or left with the clients, unacknowledged): another server may take the documents now
    // rather than when the leases expire. Released only if storage answered: a lease whose commits
    // are still in doubt is left to expire.
    if (stored && leases.length > 0) await waitAtMost(this.options.ownership?.release(leases).catch(() => {}) ?? Promise.resolve(), options.timeoutMs ?? 5000);
  }

  private connection(peer: SyncPeer): Connection {
    let connection = this.connections.get(peer);
    if (!connection) {
      const l = this.limits;
      connection = {
        rooms: new Set(),
        messages: new TokenBucket(l.messagesPerSecond, l.messageBurst),
        bytes: new TokenBucket(l.bytesPerSecond, l.byteBurst),
        awareness: new TokenBucket(l.awarenessPerSecond, l.awarenessBurst),
        answers: new AnswerPacer(l.answerBytesPerSecond, l.answerByteBurst, (documentId, stateVector) => this.answer(peer, documentId, stateVector)),
      };
      this.connections.set(peer, connection);
    }
    return connection;
  }

  private createRoom(documentId: string): Room {
    const room = new Room(documentId, this.options.describeChange);
    this.rooms.set(documentId, room);
    const ownership = this.options.ownership;
    const takenAt = performance.now();
    // The lease is taken before the log is read: a previous owner's last commit either precedes the
    // taking (and is loaded) or finds its epoch gone (and is refused).
    const taken = ownership
      ? ownership.take(documentId).then((taking) => {
          if (!taking.owner) throw new HeldElsewhereError(taking.holder);
          room.epoch = taking.epoch;
          room.leaseConfirmedAt = takenAt;
          return taking;
        })
      : Promise.resolve();
    // Bounded like a commit: a driver can lose a query and never settle it, and every open of the
    // document would wait on this room for ever.
    room.ready = withDeadline(taken.then(() => this.options.store.load(documentId)), this.limits.commitTimeoutMs, 'loading the document').then(
      (loaded) => room.restore(loaded),
      (error: unknown) => {
        if (!(error instanceof HeldElsewhereError)) this.log.warn({ documentId, err: error }, 'loading a document failed');
        else if (room.epoch !== null) this.releaseLeases([{ documentId, epoch: room.epoch }]);
        if (this.rooms.get(documentId) === room) this.rooms.delete(documentId);
        room.evicted = true;
        room.destroy();
        throw error;
      },
    );
    return room;
  }

  private answerStep1(room: Room, seat: Seat, connection: Connection, seq: number, stateVector: Uint8Array): void {
    if (!checkStateVector(stateVector)) {
      seat.peer.refused(room.documentId, seq, new SyncError('INVALID_MESSAGE', 'malformed state vector'));
      return;
    }
    connection.answers.request(room.documentId, stateVector);
  }

  /** Answers a step 1 when the connection's pacer lets it; returns the bytes sent. */
  private answer(peer: SyncPeer, documentId: string, stateVector: Uint8Array): number {
    const room = this.rooms.get(documentId);
    const seat = room?.seats.get(peer);
    if (!room || !seat || room.evicted) return 0;
    try {
      const stored = isEmptyStateVector(stateVector) ? room.storedState() : null;
      if (stored) {
        peer.send(documentId, encodeStep2(stored.state));
        if (!seat.readOnly) peer.send(documentId, encodeStep1(stored.stateVector));
        // Integration waits for the first message that needs the document: done now, it would hold
        // the event loop while the socket still drains the state just sent.
        return stored.state.length + stored.stateVector.length;
      }
      if (isEmptyStateVector(stateVector) && room.unstoredClaims.size === 0) {
        const whole = room.wholeStateAnswer((state, vector) => ({ step2: encodeStep2(state), step1: encodeStep1(vector) }));
        peer.send(documentId, whole.step2);
        if (seat.readOnly) return whole.step2.length;
        peer.send(documentId, whole.step1);
        return whole.step2.length + whole.step1.length;
      }
      const step2 = encodeStep2(Y.encodeStateAsUpdate(room.doc, withoutUnstoredClaims(room, stateVector)));
      peer.send(documentId, step2);
      // Ask for whatever the client has that the server lacks: offline edits, unacknowledged updates.
      if (seat.readOnly) return step2.length;
      const step1 = encodeStep1(Y.encodeStateVector(room.doc));
      peer.send(documentId, step1);
      return step2.length + step1.length;
    } catch (error) {
      // A paced answer runs from a timer, outside receive's guard.
      this.log.error({ documentId, err: error }, 'answering a sync step 1 failed; reloading the document');
      this.evict(documentId, new SyncError('INTERNAL', 'the document was reloaded after a fault; reconnect to continue'));
      return 0;
    }
  }

  private write(room: Room, seat: Seat, seq: number, update: Uint8Array, step2 = false): void {
    const { peer } = seat;
    if (seat.readOnly) {
      peer.refused(room.documentId, seq, new SyncError('READ_ONLY', 'your role in this dialogue cannot change the text'));
      return;
    }
    let check = checkUpdate(room.doc, update, this.limits);
    let ownership = check.ok ? checkOwnership(room.doc, room.owners, check.writes, peer.identity, room.speakers) : null;
    if (check.ok && ownership && !ownership.ok && step2) {
      // A step 2 carries everything the sender holds that the server lacks, other members' content
      // too (updates the server shared, then lost in a crash). Only the sender's own part is taken;
      // the rest is its authors' to send, who hold it until it is saved (docs/protocol.md).
      update = withoutClients(update, check.layout, new Set(ownership.foreign), (client) => Y.getState(room.doc.store, client));
      check = checkUpdate(room.doc, update, this.limits);
      ownership = check.ok ? checkOwnership(room.doc, room.owners, check.writes, peer.identity, room.speakers) : null;
    }
    if (!check.ok) {
      peer.refused(room.documentId, seq, new SyncError(check.code, check.reason));
      if (check.code === 'MISSING_PREDECESSORS') peer.send(room.documentId, encodeStep1(Y.encodeStateVector(room.doc)));
      return;
    }
    if (!ownership?.ok) {
      peer.refused(room.documentId, seq, new SyncError('CLIENT_ID_TAKEN', ownership?.reason ?? 'client id taken'));
      return;
    }
    const content = this.options.contentCheck?.(room.doc, update);
    if (content && !content.ok) {
      peer.refused(room.documentId, seq, new SyncError('CONTENT_REFUSED', content.reason));
      return;
    }
    // The policy's time is the member's to spend (limits.ts, policyMsPerSecond): past it, their updates
    // wait, not everyone's keystrokes behind them.
    const budget = this.policyBudget(peer.identity.userId);
    if (this.options.policy && !budget.take(0)) {
      peer.refused(room.documentId, seq, new SyncError('RATE_LIMITED', 'too many updates that cost the rules a whole-text check; slow down', budget.retryAfter(0)));
      return;
    }
    const askedAt = performance.now();
    const verdict = this.askPolicy(room, seat, update);
    if (this.options.policy) budget.charge(performance.now() - askedAt);
    if (!verdict.ok) {
      peer.refused(room.documentId, seq, new SyncError(verdict.code, verdict.reason));
      return;
    }
    if (step2) seat.resynced = true;
    const { changed, touched } = room.apply(update);
    const parked = room.dropParked();
    // Others get an update once it is stored (while storage answers; at most holdUnstoredMs
    // later): a client never holds content the server could lose in a crash, and so never resends
    // someone else's edits, which the ownership rule would leave out (docs/protocol.md).
    const held = !this.sharesUnstored || this.queue.isAvailable || room.held.length > 0;
    // Content shared at once (a known outage) is not kept out of step 1 answers either: nothing
    // would send it later to a member who opens the document meanwhile.
    const claims = this.claim(room, peer, ownership.claims, held);
    if (changed) {
      const storedSeq = room.nextSeq++;
      room.tailUpdates++;
      room.tailBytes += changed.length;
      if (held) this.hold(room, { message: encodeUpdate(changed), update: changed, except: peer });
      else this.broadcastFn(room.documentId, encodeUpdate(changed), [peer]);
      this.queue.enqueue({
        documentId: room.documentId,
        epoch: room.epoch,
        update: {
          documentId: room.documentId,
          seq: storedSeq,
          update: changed,
          userId: peer.identity.userId,
          sessionId: peer.identity.sessionId,
          connectionId: peer.id,
          touched,
          role: seat.role,
          createdAt: this.now(),
        },
        ...(claims.length > 0 ? { claims } : {}),
        ...(held ? { share: room.held.at(-1)! } : {}),
        ...(parked ? {} : { ack: { peer, seq } }),
      });
      if (room.tailUpdates >= this.limits.checkpointEveryUpdates || room.tailBytes >= this.limits.checkpointEveryBytes) {
        this.queue.enqueue({ documentId: room.documentId, epoch: room.epoch, checkpoint: room.checkpoint(this.now()) });
      }
    } else if (!parked) {
      // Nothing new: the content is already in memory, so it is durable once what is queued is.
      this.queue.enqueue({ documentId: room.documentId, epoch: room.epoch, ack: { peer, seq } });
    }
    if (parked) {
      // The check should make this unreachable; if Yjs still parked something, ask for a full resync.
      peer.refused(room.documentId, seq, new SyncError('MISSING_PREDECESSORS', 'part of the update depends on content the server lacks'));
      peer.send(room.documentId, encodeStep1(Y.encodeStateVector(room.doc)));
    }
  }

  private policyBudget(userId: string): TokenBucket {
    let budget = this.policyBudgets.get(userId);
    if (!budget) {
      budget = new TokenBucket(this.limits.policyMsPerSecond, this.limits.policyMsBurst);
      this.policyBudgets.set(userId, budget);
    }
    return budget;
  }

  private askPolicy(room: Room, seat: Seat, update: Uint8Array): ReturnType<UpdatePolicy> {
    const policy = this.options.policy;
    if (!policy) return { ok: true };
    let after: Y.Doc | null = null;
    try {
      return policy({
        doc: room.doc,
        update,
        writer: { userId: seat.peer.identity.userId, role: seat.role, affiliation: seat.affiliation },
        after: () => (after ??= docAfter(room.doc, update)),
      });
    } finally {
      (after as Y.Doc | null)?.destroy();
    }
  }

  private hold(room: Room, share: HeldShare): void {
    room.held.push({ ...share, heldAt: performance.now() });
    this.armHold(room);
  }

  /**
   * Times the oldest held message: once it has waited holdUnstoredMs, storage is slow or down. Re-armed
   * after each release, so that under steady editing (held never empty) a message just held is not
   * shared at the deadline of one released long ago, before its commit.
   */
  private armHold(room: Room): void {
    // Beside other servers nothing is shared before it is stored (see sharesUnstored).
    if (!this.sharesUnstored) return;
    const oldest = room.held[0];
    if (room.holdTimer || !oldest) return;
    room.holdTimer = setTimeout(
      () => {
        room.holdTimer = null;
        // Storage is slow or down: share anyway, as every other edit is shared during an outage.
        room.unstoredClaims.clear();
        const last = room.held.at(-1);
        if (last) this.release(room, last);
      },
      Math.max(0, oldest.heldAt + this.limits.holdUnstoredMs - performance.now()),
    );
    room.holdTimer.unref?.();
  }

  /** Shares held messages up to and including `upTo`, in the order they were applied. */
  private release(room: Room, upTo: HeldShare): void {
    const index = room.held.findIndex((share) => share === upTo);
    if (index < 0) return;
    this.fanOut(room, room.held.splice(0, index + 1));
    if (room.holdTimer) clearTimeout(room.holdTimer);
    room.holdTimer = null;
    this.armHold(room);
  }

  /**
   * Sends updates released together as one frame per recipient: the seats that sent none of them get
   * them merged into one update (one room broadcast), and each sender gets the others' merged. A
   * commit under load holds many updates: this is what keeps socket writes per update down.
   */
  private fanOut(room: Room, shares: HeldShare[]): void {
    const documentId = room.documentId;
    // Only senders still seated are skipped: the room broadcast skips by connection id, and a
    // connection seated again (a new peer under the same id, as a forwarded client reopening) must
    // get everything, its own old edits included, which Yjs takes as already known.
    const senders = [...new Set(shares.flatMap((share) => (share.except && room.seats.has(share.except) ? [share.except] : [])))];
    if (shares.length === 1) {
      this.broadcastFn(documentId, shares[0]!.message, senders);
      return;
    }
    this.broadcastFn(documentId, mergedMessage(shares), senders);
    for (const sender of senders) {
      const others = shares.filter((share) => share.except !== sender);
      if (others.length > 0) sender.send(documentId, mergedMessage(others));
    }
  }

  /** Records the client ids a write was the first to use; stored with its update. */
  private claim(room: Room, peer: SyncPeer, clients: number[], held: boolean): ClientClaim[] {
    const { userId, sessionId } = peer.identity;
    const createdAt = this.now();
    return clients
      .filter((clientId) => Y.getState(room.doc.store, clientId) > 0 && !room.owners.has(clientId))
      .map((clientId) => {
        room.owners.set(clientId, { userId, sessionId });
        if (held) room.unstoredClaims.add(clientId);
        return { documentId: room.documentId, clientId, userId, sessionId, createdAt };
      });
  }

  private awareness(room: Room, seat: Seat, connection: Connection, seq: number, bytes: Uint8Array): void {
    const { peer } = seat;
    if (!connection.awareness.take(1)) {
      peer.refused(room.documentId, seq, rateLimited(connection.awareness.retryAfter(1)));
      return;
    }
    if (bytes.length > this.limits.maxAwarenessBytes) {
      peer.refused(room.documentId, seq, new SyncError('INVALID_AWARENESS', `awareness is limited to ${this.limits.maxAwarenessBytes} bytes`));
      return;
    }
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(bytes, this.limits.maxAwarenessClientsPerSeat);
    } catch (error) {
      peer.refused(room.documentId, seq, new SyncError('INVALID_AWARENESS', describe(error)));
      return;
    }
    for (const entry of entries) {
      const speaker = room.speakers.get(entry.clientId) ?? room.owners.get(entry.clientId)?.userId;
      if (speaker !== undefined && speaker !== peer.identity.userId) {
        peer.refused(room.documentId, seq, new SyncError('INVALID_AWARENESS', 'that awareness client belongs to another member'));
        return;
      }
      const owner = this.awarenessOwner(room, entry.clientId);
      if (owner && owner !== seat) {
        peer.refused(room.documentId, seq, new SyncError('INVALID_AWARENESS', 'that awareness client belongs to another connection'));
        return;
      }
      if (!owner && seat.awarenessClients.size >= this.limits.maxAwarenessClientsPerSeat) {
        peer.refused(room.documentId, seq, new SyncError('INVALID_AWARENESS', 'too many awareness clients for one connection'));
        return;
      }
    }
    const identity = {
      userId: peer.identity.userId,
      name: peer.identity.name,
      role: seat.role,
      affiliation: seat.affiliation,
      colour: peer.identity.colour,
    };
    const rewritten = entries.map((entry) => withServerIdentity(entry, identity, seat.cursor));
    for (const entry of entries) {
      seat.awarenessClients.add(entry.clientId);
      if (room.speakers.size < MAX_SPEAKERS) room.speakers.set(entry.clientId, peer.identity.userId);
    }
    const changed: number[] = [];
    const collect = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      changed.push(...added, ...updated, ...removed);
    };
    room.awareness.on('update', collect);
    try {
      applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(rewritten), peer);
    } finally {
      room.awareness.off('update', collect);
    }
    if (changed.length > 0) this.sharePresence(room, changed, peer);
  }

  /**
   * Presence goes out in frames: the first change after a quiet awarenessEveryMs at once, later ones
   * together at the end of the window.
   * In a room of hundreds, each cursor move would otherwise be one socket write per seat.
   */
  private sharePresence(room: Room, clients: number[], sender: SyncPeer | null): void {
    for (const client of clients) room.awarenessPending.add(client);
    room.awarenessSenders.add(sender);
    if (room.awarenessTimer) return;
    const wait = room.awarenessSentAt + this.limits.awarenessEveryMs - performance.now();
    const flush = () => {
      room.awarenessTimer = null;
      if (room.evicted || room.awarenessPending.size === 0) return;
      const changed = [...room.awarenessPending];
      const senders = [...room.awarenessSenders];
      room.awarenessPending.clear();
      room.awarenessSenders.clear();
      room.awarenessSentAt = performance.now();
      // A frame skips its sender only when every change in it is that seat's own; otherwise its own
      // entries come back to it with the clock it sent, which y-protocols ignores, and one broadcast
      // beats one frame per seat. (A removal, from a seat leaving, has no sender: everyone gets it.)
      const only = senders.length === 1 ? senders[0] : null;
      this.broadcastFn(room.documentId, encodeAwareness(encodeAwarenessUpdate(room.awareness, changed)), only ? [only] : []);
    };
    if (wait <= 0) flush();
    else room.awarenessTimer = setTimeout(flush, wait);
  }

  private awarenessOwner(room: Room, clientId: number): Seat | undefined {
    for (const seat of room.seats.values()) if (seat.awarenessClients.has(clientId)) return seat;
    return undefined;
  }

  private unseat(room: Room, peer: SyncPeer): void {
    const seat = room.seats.get(peer);
    if (!seat) return;
    room.seats.delete(peer);
    if (seat.awarenessClients.size > 0) {
      const gone = [...seat.awarenessClients].filter((id) => room.awareness.getStates().has(id));
      if (gone.length > 0) {
        removeAwarenessStates(room.awareness, gone, 'left');
        // Its changes still pending go to everyone, so nobody is skipped for having been their sender.
        room.awarenessSenders.delete(peer);
        this.sharePresence(room, gone, null);
      }
    }
    if (room.seats.size === 0) this.scheduleUnload(room);
  }

  private scheduleUnload(room: Room): void {
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.tryUnload(room), this.limits.idleUnloadMs);
    room.unloadTimer.unref?.();
  }

  /**
   * Unloads an idle room once everything it holds is stored. The final check and the removal happen
   * in one synchronous step, so a connection opening the document at the same moment either finds
   * the room still here (and keeps it) or finds it gone (and loads the stored state).
   */
  private tryUnload(room: Room): void {
    room.unloadTimer = null;
    if (room.seats.size > 0 || room.evicted || this.rooms.get(room.documentId) !== room) return;
    if (this.queue.unsaved(room.documentId) > 0) return this.scheduleUnload(room);
    if (room.tailUpdates > 0) {
      this.queue.enqueue({ documentId: room.documentId, epoch: room.epoch, checkpoint: room.checkpoint(this.now()) });
      return this.scheduleUnload(room);
    }
    this.rooms.delete(room.documentId);
    room.destroy();
    // Everything is stored: hand the document over, so another server need not wait for expiry.
    if (room.epoch !== null) this.releaseLeases([{ documentId: room.documentId, epoch: room.epoch }]);
  }

  private evict(documentId: string, error: SyncError): void {
    const room = this.rooms.get(documentId);
    if (!room) return;
    this.rooms.delete(documentId);
    room.evicted = true;
    for (const seat of room.seats.values()) {
      this.connections.get(seat.peer)?.rooms.delete(room);
      seat.peer.closed(documentId, error);
    }
    room.destroy();
  }

  private acknowledge(entries: SaveEntry[]): void {
    // Each room's updates of this commit are released together, so they share one frame per recipient.
    const lastShare = new Map<Room, HeldShare>();
    for (const entry of entries) {
      entry.settle?.resolve();
      const room = this.rooms.get(entry.documentId);
      if (!room) continue;
      for (const claim of entry.claims ?? []) room.unstoredClaims.delete(claim.clientId);
      if (entry.share) lastShare.set(room, entry.share);
    }
    for (const [room, share] of lastShare) {
      try {
        this.release(room, share);
      } catch (error) {
        // Merging runs on the commit's path: a fault there must not stop saving for every document.
        this.log.error({ documentId: room.documentId, err: error }, 'sharing committed updates failed; reloading the document');
        this.evict(room.documentId, new SyncError('INTERNAL', 'the document was reloaded after a fault; reconnect to continue'));
      }
    }
    // One `saved` per connection and document per commit: the highest sequence number wins.
    const highest = new Map<SyncPeer, Map<string, number>>();
    for (const entry of entries) {
      if (!entry.ack) continue;
      let byDocument = highest.get(entry.ack.peer);
      if (!byDocument) highest.set(entry.ack.peer, (byDocument = new Map()));
      byDocument.set(entry.documentId, Math.max(byDocument.get(entry.documentId) ?? 0, entry.ack.seq));
    }
    for (const [peer, byDocument] of highest) {
      if (!this.connections.has(peer)) continue;
      for (const [documentId, seq] of byDocument) peer.saved(documentId, seq);
    }
  }

  private storageChanged(available: boolean, error?: unknown): void {
    if (available) this.log.warn({}, 'storage is reachable again; saving resumed');
    else this.log.error({ err: error }, 'storage is unreachable; updates are kept in memory and retried');
    for (const room of this.rooms.values()) {
      for (const seat of room.seats.values()) seat.peer.storage(room.documentId, available);
    }
  }

  /**
   * Keeps this server's leases alive. One lost (another server took the document while this one was
   * paused or cut off) closes the room here: its clients reopen and reach the new owner. Commits do
   * not wait for this: storage checks each one against its epoch (ownership.ts).
   */
  private async renewLeases(ownership: Ownership): Promise<void> {
    const leases: Lease[] = [];
    for (const room of this.rooms.values()) if (room.epoch !== null && !room.evicted) leases.push({ documentId: room.documentId, epoch: room.epoch });
    if (leases.length === 0 || this.stopping) return;
    const sentAt = performance.now();
    let lost: Lease[];
    try {
      lost = await ownership.renew(leases);
    } catch (error) {
      this.log.warn({ err: error, leases: leases.length }, 'renewing leases failed; commits stay fenced by their epoch');
      this.closeUnconfirmed(ownership);
      return;
    }
    const gone = new Set(lost.map((l) => `${l.documentId}/${l.epoch}`));
    for (const { documentId, epoch } of leases) {
      const room = this.rooms.get(documentId);
      if (room?.epoch !== epoch) continue;
      if (!gone.has(`${documentId}/${epoch}`)) {
        room.leaseConfirmedAt = Math.max(room.leaseConfirmedAt, sentAt);
        continue;
      }
      this.log.warn({ documentId, epoch }, 'another server took the document; closing it here');
      this.evict(documentId, moved());
    }
  }

  /**
   * With several servers, a room whose lease the database has not confirmed for a whole lease
   * lifetime may belong to another server by now (this one is cut off from PostgreSQL, not from the
   * others): it is closed rather than go on sharing edits it cannot store with the new owner's clients.
   */
  private closeUnconfirmed(ownership: Ownership): void {
    if (ownership.alone) return;
    const now = performance.now();
    for (const room of this.rooms.values()) {
      if (room.epoch === null || room.evicted || now - room.leaseConfirmedAt <= ownership.ttlMs) continue;
      this.log.warn({ documentId: room.documentId, epoch: room.epoch }, 'the lease could not be renewed for its whole lifetime; closing the document here');
      this.evict(room.documentId, moved());
    }
  }

  private releaseLeases(leases: Lease[]): void {
    this.options.ownership?.release(leases).catch((error: unknown) => this.log.warn({ err: error }, 'releasing leases failed; they expire on their own'));
  }

  private sendToSeats(documentId: string, message: Uint8Array, except: readonly SyncPeer[]): void {
    const room = this.rooms.get(documentId);
    if (!room) return;
    for (const seat of room.seats.values()) if (!except.includes(seat.peer)) seat.peer.send(documentId, message);
  }
}

/**
 * The state vector to answer a step 1 with: as if the client already held everything under client
 * ids whose claim is not stored yet, so that an answer never carries that content (it is shared once
 * stored).
 */
function withoutUnstoredClaims(room: Room, stateVector: Uint8Array): Uint8Array {
  if (room.unstoredClaims.size === 0) return stateVector;
  const target = Y.decodeStateVector(stateVector);
  for (const client of room.unstoredClaims) target.set(client, Math.max(target.get(client) ?? 0, Y.getState(room.doc.store, client)));
  return Y.encodeStateVector(target);
}

/** A copy of the document as it would be after the update: for a policy that must compare before and after. */
function docAfter(doc: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc({ gc: true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy;
}

/** Several updates as one `y` message. */
function mergedMessage(shares: HeldShare[]): Uint8Array {
  return shares.length === 1 ? shares[0]!.message : encodeUpdate(Y.mergeUpdates(shares.map((share) => share.update)));
}

/** A client that has nothing yet sends the state vector with no entries: a single zero byte. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/** Rejects when `work` has not settled within `ms`; what it resolves later is ignored. */
async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitAtMost(work: Promise<void>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) return work.then(() => true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function moved(): SyncError {
  return new SyncError('DOCUMENT_MOVED', 'another server now holds this document; reopen it');
}

function rateLimited(retryAfter: number): SyncError {
  return new SyncError('RATE_LIMITED', 'too many messages; slow down', retryAfter);
}

function describe(error: unknown): string {
  if (error instanceof MalformedInput) return error.message;
  return error instanceof Error ? error.message : 'malformed message';
}

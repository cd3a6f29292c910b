/**
 * One open document: its Y.Doc, its awareness, the connections seated in it, and the sequence
 * counter of its update log. Rooms are created and unloaded by the engine.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { SeatAccess, SyncPeer } from './peer.js';
import type { Checkpoint, LoadedDocument } from './store.js';
import { replayStored } from './replay.js';
import type { DescribeChange } from './describe-change.js';
import type { HeldShare } from './save-queue.js';

export interface Seat extends SeatAccess {
  peer: SyncPeer;
  /** Awareness client ids this connection speaks for in this room. */
  awarenessClients: Set<number>;
  /** The highest `seq` of a numbered message on this seat: numbers must increase. */
  lastSeq: number;
  /** Set once a step 2 of the seat was taken: only that first one (its resync) may use `maxSyncBytes`. */
  resynced: boolean;
}

/** Who owns a client id of the document (see ClientClaim). */
export interface ClientOwner {
  userId: string;
  sessionId: string;
}

/** The origin the engine passes to Y.applyUpdate, so the room can tell its own applies apart. */
const APPLY = Symbol('accord-apply');

export class Room {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly seats = new Map<SyncPeer, Seat>();
  /** Resolves when the document has been read from storage. */
  ready!: Promise<void>;
  loaded = false;
  /** Set when the room was thrown out (fault or conflict): it must not be used any more. */
  evicted = false;
  /** The lease this server took the document under (ownership.ts); null without an Ownership. */
  epoch: number | null = null;
  /** When (performance.now()) the database last confirmed the lease: taken or renewed. */
  leaseConfirmedAt = 0;
  nextSeq = 1;
  /** Client id to owner, stored claims plus those taken since loading (queued with their update). */
  readonly owners = new Map<number, ClientOwner>();
  /**
   * Client ids whose claim is not stored yet. Nobody else sees content under them until it is: a
   * crash would lose the claim, and another client resending that content would then look like its
   * author.
   */
  readonly unstoredClaims = new Set<number>();
  /**
   * Awareness client ids to the user whose presence first used them, while the room is loaded (kept
   * after that user leaves). A client announces its Yjs client id in its presence before it writes,
   * and may then type offline: nobody else may claim the id meanwhile (client-ownership.ts).
   */
  readonly speakers = new Map<number, string>();
  /** Messages held for the other seats until their content's claim is stored, in the order applied. */
  readonly held: Array<HeldShare & { heldAt: number }> = [];
  /** Presence changes waiting for the room's next presence frame (SyncLimits.awarenessEveryMs). */
  readonly awarenessPending = new Set<number>();
  /** Where those changes came from (null: the server, as when a seat leaves): a frame skips its only sender. */
  readonly awarenessSenders = new Set<SyncPeer | null>();
  awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  /** When (performance.now()) the last presence frame went out. */
  awarenessSentAt = -Infinity;
  /** Bumped by every change to the document: what was computed from an older version is stale. */
  private version = 0;
  private wholeState: { version: number; step2: Uint8Array; step1: Uint8Array } | null = null;
  /** Shares what is held even if storage is slow or down (edits reach the others during an outage). */
  holdTimer: ReturnType<typeof setTimeout> | null = null;
  tailUpdates = 0;
  tailBytes = 0;
  unloadTimer: ReturnType<typeof setTimeout> | null = null;
  private captured: Uint8Array | null = null;
  private capturedTouched: string[] | null = null;
  /** Read from storage but not yet integrated: Yjs integration waits until something needs the doc. */
  private pending: LoadedDocument | null = null;

  constructor(
    readonly documentId: string,
    describe?: DescribeChange,
  ) {
    this.awareness = new Awareness(this.ydoc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.version++;
      this.wholeState = null;
      if (origin === APPLY) this.captured = update;
    });
    // Before the transaction's cleanup collects deleted content: what was deleted can still be placed.
    if (describe) {
      this.ydoc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin === APPLY) this.capturedTouched = describe(transaction);
      });
    }
  }

  /** The document, integrated from storage on first use. */
  get doc(): Y.Doc {
    const loaded = this.pending;
    if (loaded) {
      this.pending = null;
      replayStored(this.ydoc, loaded);
    }
    return this.ydoc;
  }

  /**
   * While the document is exactly its stored checkpoint (no tail, nothing applied since loading),
   * the checkpoint's bytes are its state: a first sync can be answered with them before Yjs has
   * integrated anything, so a client reopening a long document after a restart does not wait for
   * the server to integrate it first.
   */
  storedState(): { state: Uint8Array; stateVector: Uint8Array } | null {
    const checkpoint = this.pending?.checkpoint;
    return checkpoint && this.pending!.updates.length === 0 ? checkpoint : null;
  }

  /**
   * The answer to a step 1 that holds nothing (a first open): the whole document as a step 2, and the
   * server's state vector as a step 1. Encoded once per version of the document, not once per client:
   * a room that many open at once (the start of a session) encodes a large text once.
   */
  wholeStateAnswer(encode: (state: Uint8Array, stateVector: Uint8Array) => { step2: Uint8Array; step1: Uint8Array }): { step2: Uint8Array; step1: Uint8Array } {
    const doc = this.doc;
    if (this.wholeState?.version !== this.version) {
      this.wholeState = { version: this.version, ...encode(Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc)) };
    }
    return this.wholeState;
  }

  restore(loaded: LoadedDocument): void {
    this.pending = loaded;
    for (const { clientId, userId, sessionId } of loaded.claims) this.owners.set(clientId, { userId, sessionId });
    const last = loaded.updates.at(-1)?.seq ?? loaded.checkpoint?.seq ?? 0;
    this.nextSeq = last + 1;
    this.tailUpdates = loaded.updates.length;
    this.tailBytes = loaded.updates.reduce((sum, row) => sum + row.update.length, 0);
    this.loaded = true;
  }

  /**
   * Applies a checked update and returns exactly what it changed (null when it changed nothing).
   * Throws if Yjs throws; the caller then evicts the room, since the document may be half-changed.
   */
  apply(update: Uint8Array): { changed: Uint8Array | null; touched: string[] | null } {
    this.captured = null;
    this.capturedTouched = null;
    Y.applyUpdate(this.doc, update, APPLY);
    return this.takeCaptured();
  }

  private takeCaptured(): { changed: Uint8Array | null; touched: string[] | null } {
    const changed = this.captured;
    const touched = changed ? this.capturedTouched : null;
    this.captured = null;
    this.capturedTouched = null;
    return { changed, touched };
  }

  /**
   * Runs a server-originated edit on the document in one transaction and returns what it changed
   * (null when nothing). The edit writes under a client id nobody holds, claimed by no one, so no
   * client may ever write under it (client-ownership.ts). If the edit throws after changing something,
   * the error is a PartialEdit: the document may be half-changed and must be reloaded.
   */
  transact<T>(edit: (doc: Y.Doc) => T): { changed: Uint8Array | null; touched: string[] | null; result: T } {
    const doc = this.doc;
    doc.clientID = this.unusedClientId();
    this.captured = null;
    this.capturedTouched = null;
    let result!: T;
    try {
      Y.transact(doc, () => (result = edit(doc)), APPLY);
    } catch (error) {
      const changed = this.captured !== null;
      this.captured = null;
      this.capturedTouched = null;
      throw changed ? new PartialEdit(error) : error;
    }
    return { ...this.takeCaptured(), result };
  }

  private unusedClientId(): number {
    for (;;) {
      const id = Math.floor(Math.random() * 0xffffffff);
      if (Y.getState(this.doc.store, id) === 0 && !this.owners.has(id) && !this.speakers.has(id)) return id;
    }
  }

  /** Yjs parks updates whose predecessors are missing; the engine never lets anything stay parked. */
  dropParked(): boolean {
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) return false;
    store.pendingStructs = null;
    store.pendingDs = null;
    return true;
  }

  checkpoint(createdAt: Date): Checkpoint {
    this.tailUpdates = 0;
    this.tailBytes = 0;
    return {
      documentId: this.documentId,
      seq: this.nextSeq - 1,
      state: Y.encodeStateAsUpdate(this.doc),
      stateVector: Y.encodeStateVector(this.doc),
      createdAt,
    };
  }

  destroy(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.wholeState = null;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    this.pending = null;
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

/** A server edit threw after changing the document: what it left is unknown. */
export class PartialEdit extends Error {
  constructor(readonly original: unknown) {
    super('a server edit failed halfway');
    this.name = 'PartialEdit';
  }
}

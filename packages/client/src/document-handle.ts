/** What `AccordClient.open()` returns: one document kept in sync with the server. */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { DocumentRole, ErrorPayload } from '@accord/sync/protocol';
import { type ChangeRefusal, type DocumentLimits, DocumentSync, DocumentSyncError, type DocumentStatus, type SyncChannel } from './document-sync.js';

export interface OfflineStore {
  readonly whenSynced: Promise<unknown>;
  destroy(): Promise<void> | void;
  /** Deletes the stored copy (it holds a change the server refused); nothing is stored until `bind`. */
  discard?(): Promise<void>;
  /** Stores `doc` from now on, starting with its whole state. */
  bind?(doc: Y.Doc): void;
  /**
   * A local change was made: the copy is marked as holding edits the server has not acknowledged,
   * durably and before the change itself is stored, so a sign-out that keeps such copies never
   * deletes one whose last edit was not yet sent. `origin` tells the copy's own loading apart.
   */
  markUnsent?(origin: unknown): void;
  /** The server has acknowledged every local change: the mark is cleared. */
  markSent?(): void;
}

type Listener<T> = (value: T) => void;

export class DocumentHandle {
  readonly awareness: Awareness;
  /** Resolves the first time the local document holds the server's state. */
  readonly synced: Promise<void>;
  role: DocumentRole | null = null;
  /** False while the server reports it cannot reach its database: edits are kept, not yet saved. */
  storageAvailable = true;
  private readonly sync: DocumentSync;
  private readonly statusListeners = new Set<Listener<DocumentStatus>>();
  private readonly accessListeners = new Set<Listener<DocumentHandle>>();
  private readonly refusalListeners = new Set<Listener<ChangeRefusal>>();
  private readonly rebuiltListeners = new Set<Listener<Y.Doc>>();
  private closed = false;

  constructor(
    readonly documentId: string,
    channel: SyncChannel,
    private readonly onClose: (handle: DocumentHandle) => void,
    doc?: Y.Doc,
    private readonly offline: OfflineStore | null = null,
  ) {
    const initial = doc ?? new Y.Doc();
    this.awareness = new Awareness(initial);
    this.sync = new DocumentSync(
      initial,
      this.awareness,
      channel,
      (status) => {
        for (const listener of this.statusListeners) listener(status);
      },
      {
        refused: (refusal) => {
          // The offline copy holds the refused change: a reload must not send it again.
          void this.offline?.discard?.();
          for (const listener of this.refusalListeners) listener(refusal);
        },
        rebuilt: (next) => {
          this.offline?.bind?.(next);
          for (const listener of this.rebuiltListeners) listener(next);
        },
        changed: (origin) => this.offline?.markUnsent?.(origin),
        allSaved: () => this.offline?.markSent?.(),
      },
    );
    this.synced = this.sync.whenSynced();
  }

  /**
   * The document kept in sync. It is replaced by a rebuilt one after a local change is refused for
   * good (see `onRebuilt`): read it afresh rather than keeping it.
   */
  get doc(): Y.Doc {
    return this.sync.doc;
  }

  /** The server's limits for this document, known once it has been opened. */
  get limits(): DocumentLimits | null {
    return this.sync.limits;
  }

  /** The last local change the server refused for good (and that was removed from the document). */
  get lastRefusal(): ChangeRefusal | null {
    return this.sync.lastRefusal;
  }

  /**
   * A local change will never be stored: too large, or content the server does not accept. It is
   * taken out of the local document, which is rebuilt from the server's state plus every local change
   * that does not build on it (`onRebuilt`). `whenSaved()` promises made before it reject with its code.
   */
  onRefused(listener: Listener<ChangeRefusal>): () => void {
    this.refusalListeners.add(listener);
    return () => this.refusalListeners.delete(listener);
  }

  /** `doc` was replaced by the rebuilt document: bind editors to the new one. */
  onRebuilt(listener: Listener<Y.Doc>): () => void {
    this.rebuiltListeners.add(listener);
    return () => this.rebuiltListeners.delete(listener);
  }

  get status(): DocumentStatus {
    return this.sync.status;
  }

  get readOnly(): boolean {
    return this.sync.readOnly;
  }

  /** Why the handle stopped, when its status is 'error'. */
  get error(): DocumentSyncError | null {
    return this.sync.error;
  }

  /** Resolves when every local change so far is durably stored on the server. */
  whenSaved(): Promise<void> {
    return this.sync.whenSaved();
  }

  onStatus(listener: Listener<DocumentStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Called when the role, read-only state or storage availability changes without the status
   * changing: a delegate made an observer mid-session, a database outage reported.
   */
  onAccess(listener: Listener<DocumentHandle>): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sync.destroy();
    this.awareness.destroy();
    void this.offline?.destroy();
    this.onClose(this);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** @internal the client's connection opened the document. */
  attached(readOnly: boolean, role: DocumentRole, limits?: DocumentLimits): void {
    this.role = role;
    this.sync.attach(readOnly, limits);
  }

  /** @internal the connection is open but the server answers (or not) the liveness probe. */
  reachable(reachable: boolean): void {
    this.sync.setReachable(reachable);
  }

  /** @internal */
  detached(options: { moving?: boolean } = {}): void {
    this.sync.detach(options);
  }

  /** @internal messages received together, in order; none once closed (they were on the way). */
  receivedAll(messages: Uint8Array[]): void {
    if (!this.closed) this.sync.receiveAll(messages);
  }

  /** @internal */
  saved(seq: number): void {
    this.sync.saved(seq);
  }

  /** @internal */
  refused(seq: number, error: ErrorPayload): void {
    this.sync.refused(seq, error);
  }

  /** @internal */
  accessChanged(readOnly: boolean, role: DocumentRole): void {
    this.role = role;
    this.sync.readOnly = readOnly;
    this.accessNoticed();
  }

  /** @internal */
  storageChanged(available: boolean): void {
    this.storageAvailable = available;
    this.accessNoticed();
  }

  private accessNoticed(): void {
    for (const listener of this.accessListeners) listener(this);
  }

  /** @internal */
  failed(error: ErrorPayload): void {
    this.sync.detach();
    this.sync.fail(new DocumentSyncError(error.code, error.message));
  }

  /** @internal */
  waitForOfflineStore(): Promise<unknown> {
    return this.offline?.whenSynced ?? Promise.resolve();
  }
}

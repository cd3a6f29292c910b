/** What `AccordClient.open()` returns: one document kept in sync with the server. */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { DocumentRole, ErrorPayload } from '@accord/sync/protocol';
import { DocumentSync, DocumentSyncError, type DocumentStatus } from './document-sync.js';

export interface OfflineStore {
  readonly whenSynced: Promise<unknown>;
  destroy(): Promise<void> | void;
}

type Listener<T> = (value: T) => void;

export class DocumentHandle {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Resolves the first time the local document holds the server's state. */
  readonly synced: Promise<void>;
  role: DocumentRole | null = null;
  /** False while the server reports it cannot reach its database: edits are kept, not yet saved. */
  storageAvailable = true;
  private readonly sync: DocumentSync;
  private readonly statusListeners = new Set<Listener<DocumentStatus>>();
  private readonly accessListeners = new Set<Listener<DocumentHandle>>();
  private closed = false;

  constructor(
    readonly documentId: string,
    send: (seq: number, message: Uint8Array) => void,
    private readonly onClose: (handle: DocumentHandle) => void,
    doc?: Y.Doc,
    private readonly offline: OfflineStore | null = null,
  ) {
    this.doc = doc ?? new Y.Doc();
    this.awareness = new Awareness(this.doc);
    this.sync = new DocumentSync(this.doc, this.awareness, { send }, (status) => {
      for (const listener of this.statusListeners) listener(status);
    });
    this.synced = this.sync.whenSynced();
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
  attached(readOnly: boolean, role: DocumentRole): void {
    this.role = role;
    this.sync.attach(readOnly);
  }

  /** @internal */
  detached(): void {
    this.sync.detach();
  }

  /** @internal */
  received(message: Uint8Array): void {
    this.sync.receive(message);
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

/**
 * The SDK's entry point: one socket.io connection carrying any number of documents.
 *
 *   const client = await AccordClient.connect({ url, token });   // in a browser the cookie is used
 *   const handle = client.open(documentId);
 *   await handle.synced;  ...  await handle.whenSaved();
 *
 * socket.io reconnects with exponential backoff; on every (re)connection each open document is
 * reopened and resynced by state vector. socket.io's own connection-state recovery is not used:
 * the server requires a fresh, authenticated handshake every time.
 */
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import {
  toBytes,
  type ClientToServerEvents,
  type ErrorPayload,
  type OpenFailure,
  type OpenResult,
  type ServerToClientEvents,
} from '@accord/sync/protocol';
import type { ClientEventChannel, ClientEventName } from '@accord/contract';
import { ClientEventListeners, readClientEvent, type ClientEventListener } from './client-events.js';
import { DocumentHandle, type OfflineStore } from './document-handle.js';
import { wireParser } from './wire.js';

export interface AccordClientOptions {
  /** The server's origin, e.g. http://localhost:3000. Defaults to the page's origin in a browser. */
  url?: string;
  /** A session token (from POST /api/auth/login). In a browser, omit it to use the session cookie. */
  token?: string;
  /** Longest wait between reconnection attempts. */
  reconnectionDelayMaxMs?: number;
  /** How long `connect` waits for the first connection. */
  connectTimeoutMs?: number;
  /** Transports to try, in order. */
  transports?: Array<'websocket' | 'polling' | 'webtransport'>;
}

export interface OpenOptions {
  /** An existing Y.Doc to bind (e.g. one an editor already holds). */
  doc?: Y.Doc;
  /**
   * Browser only: keep the document in IndexedDB so offline edits survive a reload. The copy is
   * kept per `owner` (the signed-in user's id), so on a shared computer one person's unsent edits
   * are never shown to, or sent as, the next; `clearOfflineCopies` removes them at sign-out.
   */
  offline?: { owner: string };
}

export class AccordConnectionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccordConnectionError';
  }
}

interface IdbDeleteRequest {
  error: unknown;
  addEventListener(type: 'success' | 'error' | 'blocked', listener: () => void): void;
}

/** The browser globals the SDK uses, typed here so that it also compiles for Node. */
const browser = globalThis as {
  location?: { origin?: string };
  indexedDB?: {
    databases?: () => Promise<Array<{ name?: string }>>;
    deleteDatabase(name: string): IdbDeleteRequest;
  };
};

type AccordSocket = Socket<ServerToClientEvents & ClientEventChannel, ClientToServerEvents>;

const REOPEN_DELAY_MS = 1000;

export class AccordClient {
  private readonly handles = new Map<string, DocumentHandle>();
  private fatal: ErrorPayload | null = null;
  private readonly events = new ClientEventListeners();

  private constructor(private readonly socket: AccordSocket) {
    socket.on('connect', () => {
      for (const handle of this.handles.values()) this.reopen(handle);
    });
    socket.on('disconnect', () => {
      // socket.io would send what was emitted while disconnected before anything else on reconnecting,
      // ahead of `open`. Nothing is lost: the resync by state vector carries every change.
      this.socket.sendBuffer = [];
      for (const handle of this.handles.values()) handle.detached();
    });
    socket.on('fatal', (error) => {
      this.fatal = error;
      for (const handle of this.handles.values()) handle.failed(error);
    });
    socket.on('connect_error', (error: Error & { data?: ErrorPayload }) => {
      // A reconnection refused because the session has ended meanwhile (it expired, or was revoked
      // while this client was offline): retrying with this token cannot help.
      if (error.data?.code !== 'UNAUTHENTICATED') return;
      this.fatal = error.data;
      socket.close();
      for (const handle of this.handles.values()) handle.failed(error.data);
    });
    socket.on('y', (documentId, message) => {
      const received = toBytes(message);
      if (received) this.handles.get(documentId)?.received(received);
    });
    socket.on('saved', (documentId, seq) => this.handles.get(documentId)?.saved(seq));
    socket.on('refused', (documentId, seq, error) => this.handles.get(documentId)?.refused(seq, error));
    socket.on('access', (documentId, access) => this.handles.get(documentId)?.accessChanged(access.readOnly, access.role));
    socket.on('storage', (documentId, status) => this.handles.get(documentId)?.storageChanged(status.available));
    socket.on('event', (value) => {
      const event = readClientEvent(value);
      // Only for documents open here: one closed a moment ago may still have an event on the way.
      if (event && this.handles.has(event.data.documentId)) this.events.emit(event);
    });
    socket.on('closed', (documentId, error) => {
      const handle = this.handles.get(documentId);
      if (!handle) return;
      if (error.code === 'INTERNAL' || error.code === 'SHUTTING_DOWN') {
        // The server reloads the document or restarts: reopen, the resync recovers everything.
        handle.detached();
        setTimeout(() => {
          if (!handle.isClosed && this.socket.connected) this.reopen(handle);
        }, REOPEN_DELAY_MS);
      } else {
        handle.failed(error);
      }
    });
  }

  static connect(options: AccordClientOptions = {}): Promise<AccordClient> {
    const url = options.url ?? browser.location?.origin;
    if (!url) throw new Error('AccordClient.connect needs a url outside a browser');
    const socket: AccordSocket = io(url, {
      path: '/socket.io',
      parser: wireParser,
      transports: options.transports ?? ['websocket', 'polling'],
      auth: options.token ? { token: options.token } : {},
      withCredentials: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: options.reconnectionDelayMaxMs ?? 10_000,
      randomizationFactor: 0.5,
      timeout: options.connectTimeoutMs ?? 10_000,
    });
    const client = new AccordClient(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new AccordConnectionError('TIMEOUT', `could not connect to ${url}`));
      }, options.connectTimeoutMs ?? 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('connect_error', onError);
        resolve(client);
      });
      const onError = (error: Error & { data?: { code?: string } }) => {
        // The server refused the handshake (no session, wrong origin): retrying cannot help.
        if (error.data?.code) {
          clearTimeout(timer);
          socket.close();
          reject(new AccordConnectionError(error.data.code, error.message));
        }
      };
      socket.on('connect_error', onError);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Opens a document (at most one handle per document per client). */
  open(documentId: string, options: OpenOptions = {}): DocumentHandle {
    const existing = this.handles.get(documentId);
    if (existing) return existing;
    const doc = options.doc ?? new Y.Doc();
    const offline = options.offline ? openOfflineStore(offlineName(options.offline.owner, documentId), doc) : null;
    const handle: DocumentHandle = new DocumentHandle(
      documentId,
      {
        // Only on a live connection: never queued by socket.io for a later one.
        send: (seq, message) => {
          if (this.socket.connected) this.socket.emit('y', documentId, seq, message);
        },
        reopen: () => {
          if (!this.socket.connected) return;
          this.socket.emit('close', { documentId });
          this.reopen(handle);
        },
      },
      () => {
        this.handles.delete(documentId);
        if (this.socket.connected) this.socket.emit('close', { documentId });
      },
      doc,
      offline,
    );
    this.handles.set(documentId, handle);
    if (this.fatal) handle.failed(this.fatal);
    else if (this.socket.connected) this.reopen(handle);
    return handle;
  }

  /**
   * Listens to one of the server's non-Yjs events (comments and later others) for the documents
   * open on this client; the server sends each viewer only what they may see. Returns the unsubscribe.
   */
  onEvent<K extends ClientEventName>(name: K, listener: ClientEventListener<K>): () => void {
    return this.events.add(name, listener);
  }

  /** Goes offline without closing documents, as a lost network would (tests use it; nothing reconnects). */
  disconnectForTesting(): void {
    this.socket.disconnect();
  }

  /** Closes every document and the connection. */
  close(): void {
    for (const handle of this.handles.values()) handle.close();
    this.socket.close();
  }

  private reopen(handle: DocumentHandle): void {
    void this.reopenAfterOfflineStore(handle);
  }

  private async reopenAfterOfflineStore(handle: DocumentHandle): Promise<void> {
    await handle.waitForOfflineStore();
    if (handle.isClosed || !this.socket.connected) return;
    this.socket.emit('open', { documentId: handle.documentId }, (result: OpenResult | OpenFailure) => {
      if (handle.isClosed) return;
      if (result.ok) {
        handle.attached(result.readOnly, result.role, result.limits);
      } else if (result.error.code === 'DATABASE_UNAVAILABLE' || result.error.code === 'SHUTTING_DOWN') {
        setTimeout(() => {
          if (!handle.isClosed && this.socket.connected) this.reopen(handle);
        }, REOPEN_DELAY_MS);
      } else {
        handle.failed(result.error);
      }
    });
  }
}

const OFFLINE_PREFIX = 'accord:';

function offlineName(owner: string, documentId: string): string {
  return `${OFFLINE_PREFIX}${encodeURIComponent(owner)}:${documentId}`;
}

/**
 * Deletes the offline copies kept in this browser: one person's (`owner`), or every Accord copy.
 * For sign-out: what stays on a shared computer must not outlive the session. Resolves to how many
 * copies were deleted; where the browser cannot list its databases, to 0.
 */
export async function clearOfflineCopies(owner?: string): Promise<number> {
  const idb = browser.indexedDB;
  if (idb === undefined || typeof idb.databases !== 'function') return 0;
  const prefix = owner === undefined ? OFFLINE_PREFIX : `${OFFLINE_PREFIX}${encodeURIComponent(owner)}:`;
  const names = (await idb.databases()).map((d) => d.name).filter((name): name is string => !!name?.startsWith(prefix));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = idb.deleteDatabase(name);
          request.addEventListener('success', () => resolve());
          request.addEventListener('error', () => reject(request.error ?? new Error(`could not delete ${name}`)));
          // Another tab still has it open: it goes when that tab lets go.
          request.addEventListener('blocked', () => resolve());
        }),
    ),
  );
  return names.length;
}

function openOfflineStore(name: string, doc: Y.Doc): OfflineStore | null {
  if (browser.indexedDB === undefined) return null;
  let store: { whenSynced: Promise<unknown>; destroy(): Promise<void>; clearData(): Promise<void> } | null = null;
  const loading = import('y-indexeddb').then(({ IndexeddbPersistence }) => {
    store = new IndexeddbPersistence(name, doc);
    return store.whenSynced;
  });
  // Discarding and rebinding wait for each other, in the order they were asked for.
  let current: Promise<unknown> = loading;
  return {
    whenSynced: loading,
    destroy: async () => {
      await current.catch(() => {});
      await store?.destroy();
    },
    discard: async () => {
      current = after(current, async () => {
        const stored = store;
        store = null;
        await stored?.clearData();
      });
      await current;
    },
    bind: (next) => {
      current = after(current, async () => {
        const { IndexeddbPersistence } = await import('y-indexeddb');
        store = new IndexeddbPersistence(name, next);
        return store.whenSynced;
      });
    },
  };
}

/** Runs `work` once `previous` has settled, whether it succeeded or not. */
async function after(previous: Promise<unknown>, work: () => Promise<unknown>): Promise<unknown> {
  await previous.catch(() => {});
  return work();
}

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
import { Inbox } from './inbox.js';
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
  /**
   * The liveness probe while a document is open (see `LIVENESS`): how long the server may be silent
   * before it is asked, and how long the answer may take before documents show offline. `false`
   * turns it off (socket.io's own heartbeat, about 20 s, remains).
   */
  liveness?: false | Partial<Liveness>;
  /**
   * Where several servers run behind a load balancer: the key it routes this connection by (sent
   * as the `doc` query parameter). Give the id of the document the connection is for, and the
   * balancer, hashing on it, sends the connection to the server that owns that document, so its
   * traffic is not forwarded between servers. Any server still accepts any document.
   */
  routeKey?: string;
}

export interface Liveness {
  /** The server has said nothing for this long: a probe asks whether it is still there. */
  idleMs: number;
  /** A probe unanswered for this long (and nothing else heard): documents show offline. */
  deadlineMs: number;
  /** Nothing heard for this long after a probe: the connection is closed and socket.io reconnects. */
  reconnectMs: number;
}

/**
 * Why these figures: on conference Wi-Fi a person should see "Offline" within 2 s of the network
 * going, and socket.io's heartbeat (a ping every 10 s, 10 s to answer) takes up to 20 s. The browser's
 * `offline` event covers a lost interface at once; a server that stops answering (a dead uplink
 * behind working Wi-Fi, a stalled server) is only noticed by asking. A probe goes out after 500 ms
 * without a word from the server (anything it sends counts, so a busy document sends none) and
 * must be answered within 1 s: at most about 1.75 s from the last word to "Offline", while an answer
 * slowed by a poor network up to 1 s is still on time. Missing the deadline only changes what
 * documents show; the connection is closed (and reopened by socket.io) after 5 s, so a server
 * briefly too busy to answer does not make every client reconnect at once.
 */
export const LIVENESS: Liveness = { idleMs: 500, deadlineMs: 1000, reconnectMs: 5000 };

const LIVENESS_TICK_MS = 125;

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

interface IdbRequest<T> {
  result: T;
  error: unknown;
  addEventListener(type: 'success' | 'error' | 'upgradeneeded' | 'blocked', listener: () => void): void;
}

interface IdbObjectStore {
  get(key: string): IdbRequest<unknown>;
  put(value: unknown, key: string): unknown;
  delete(key: string): unknown;
}

interface IdbDatabase {
  readonly objectStoreNames: { contains(name: string): boolean };
  transaction(stores: string[], mode: 'readonly' | 'readwrite'): { objectStore(name: string): IdbObjectStore };
  close(): void;
}

/** The browser globals the SDK uses, typed here so that it also compiles for Node. */
const browser = globalThis as {
  location?: { origin?: string };
  indexedDB?: {
    databases?: () => Promise<Array<{ name?: string }>>;
    deleteDatabase(name: string): IdbDeleteRequest;
    open(name: string): IdbRequest<IdbDatabase>;
  };
  navigator?: { onLine?: boolean };
  addEventListener?: (type: 'online' | 'offline', listener: () => void) => void;
  removeEventListener?: (type: 'online' | 'offline', listener: () => void) => void;
};

/** The probe the server answers at once (apps/server collab.gateway.ts). */
interface LivenessEvents {
  probe: (answer: () => void) => void;
}

type AccordSocket = Socket<ServerToClientEvents & ClientEventChannel, ClientToServerEvents & LivenessEvents>;

const REOPEN_DELAY_MS = 1000;
/** After a server closed the connection without a `fatal`: reconnect after this, plus up to as much again. */
const SERVER_GONE_RECONNECT_MS = 100;
/**
 * A document that moved to another server is open there already (or will be once the lease
 * expires): reopen soon, spread out so a whole room does not arrive in the same millisecond.
 */
const MOVED_REOPEN_MS = 100;
const MOVED_REOPEN_SPREAD_MS = 200;

function reopenDelay(code: string): number {
  return code === 'DOCUMENT_MOVED' ? MOVED_REOPEN_MS + Math.random() * MOVED_REOPEN_SPREAD_MS : REOPEN_DELAY_MS;
}

export class AccordClient {
  private readonly handles = new Map<string, DocumentHandle>();
  private fatal: ErrorPayload | null = null;
  private readonly events = new ClientEventListeners();
  /** Closed by its owner: nothing reconnects it. */
  private closed = false;
  /** When the server last sent anything (a ping, an event, an acknowledgement), by `now()`. */
  private lastHeard = now();
  /** When the oldest probe still unanswered went out. */
  private probeSentAt: number | null = null;
  private reachable = true;
  private livenessTimer: ReturnType<typeof setInterval> | null = null;
  private readonly liveness: Liveness | null;
  private readonly inbox = new Inbox();

  private constructor(
    private readonly socket: AccordSocket,
    liveness: Liveness | null,
  ) {
    this.liveness = liveness;
    // Anything from the server proves it is there: no probe is needed while a document is busy.
    socket.io.on('packet', this.heard);
    socket.io.on('ping', this.heard);
    // The browser knows the network went: no need to wait for a probe. (engine.io closes its socket
    // on `offline` too, except on localhost.) When it returns, reconnect now, not after the backoff.
    browser.addEventListener?.('offline', this.networkLost);
    browser.addEventListener?.('online', this.networkBack);
    socket.on('connect', () => {
      this.heard();
      this.watchLiveness();
      for (const handle of this.handles.values()) this.reopen(handle);
    });
    socket.on('disconnect', (reason) => {
      this.inbox.flush();
      this.stopWatchingLiveness();
      // socket.io does not reconnect after the server closed the socket itself. The server does that
      // for good only after a `fatal` (a revoked or expired session); otherwise it is going away (a
      // restart, or one of several servers stopping) and another will answer: reconnect.
      if (reason === 'io server disconnect' && !this.fatal) {
        setTimeout(() => {
          if (!this.fatal && !this.socket.connected && !this.closed) this.socket.connect();
        }, SERVER_GONE_RECONNECT_MS + Math.random() * SERVER_GONE_RECONNECT_MS);
      }
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
    // Every other event about a document comes after the messages received before it.
    socket.onAny((event: string) => {
      if (event !== 'y') this.inbox.flush();
    });
    socket.on('y', (documentId, message) => {
      const received = toBytes(message);
      const handle = received && this.handles.get(documentId);
      if (handle) this.inbox.add(handle, received);
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
      if (error.code === 'INTERNAL' || error.code === 'SHUTTING_DOWN' || error.code === 'DOCUMENT_MOVED') {
        // The server reloads the document, restarts, or another server took it over: reopen, and the
        // resync recovers everything, resending what was not acknowledged. A move is no outage: the
        // document shows as connecting while it reopens, not offline.
        handle.detached({ moving: error.code === 'DOCUMENT_MOVED' });
        setTimeout(() => {
          if (!handle.isClosed && this.socket.connected) this.reopen(handle);
        }, reopenDelay(error.code));
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
      ...(options.routeKey ? { query: { doc: options.routeKey } } : {}),
      withCredentials: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: options.reconnectionDelayMaxMs ?? 10_000,
      randomizationFactor: 0.5,
      timeout: options.connectTimeoutMs ?? 10_000,
    });
    const liveness = options.liveness === false ? null : { ...LIVENESS, ...options.liveness };
    const client = new AccordClient(socket, liveness);
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
    if (!this.reachable) handle.reachable(false);
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
    this.closed = true;
    for (const handle of this.handles.values()) handle.close();
    this.stopWatchingLiveness();
    browser.removeEventListener?.('offline', this.networkLost);
    browser.removeEventListener?.('online', this.networkBack);
    this.socket.close();
  }

  private readonly heard = (): void => {
    this.lastHeard = now();
    this.probeSentAt = null;
    this.setReachable(true);
  };

  private setReachable(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    for (const handle of this.handles.values()) handle.reachable(reachable);
  }

  private watchLiveness(): void {
    if (!this.liveness || this.livenessTimer) return;
    this.livenessTimer = setInterval(this.checkLiveness, LIVENESS_TICK_MS);
  }

  private stopWatchingLiveness(): void {
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.livenessTimer = null;
    this.probeSentAt = null;
    this.setReachable(true);
  }

  /**
   * While a document is open: ask a silent server whether it is there; a probe unanswered past the
   * deadline shows the documents offline, and past `reconnectMs` the connection is closed so that
   * socket.io opens a new one (a connection the network dropped without a word never recovers).
   */
  private readonly checkLiveness = (): void => {
    const liveness = this.liveness;
    if (!liveness || !this.socket.connected || this.handles.size === 0) return;
    const at = now();
    if (this.probeSentAt === null) {
      if (at - this.lastHeard < liveness.idleMs) return;
      this.probeSentAt = at;
      // The answer is only a sign of life: any packet (see `heard`) settles the probe.
      this.socket.emit('probe', () => {});
      return;
    }
    const silent = at - this.probeSentAt;
    if (silent >= liveness.reconnectMs) {
      this.probeSentAt = null;
      this.socket.io.engine?.close();
    } else if (silent >= liveness.deadlineMs) {
      this.setReachable(false);
    }
  };

  private readonly networkLost = (): void => {
    if (this.socket.connected) this.socket.io.engine?.close();
  };

  private readonly networkBack = (): void => {
    if (this.socket.connected || this.fatal || !this.socket.active) return;
    // Waiting in socket.io's backoff (up to reconnectionDelayMax): start over with an attempt now.
    this.socket.disconnect();
    this.socket.connect();
  };

  private reopen(handle: DocumentHandle): void {
    void this.reopenAfterOfflineStore(handle);
  }

  private async reopenAfterOfflineStore(handle: DocumentHandle): Promise<void> {
    await handle.waitForOfflineStore();
    if (handle.isClosed || !this.socket.connected) return;
    this.socket.emit('open', { documentId: handle.documentId }, (result: OpenResult | OpenFailure) => {
      this.inbox.flush();
      if (handle.isClosed) return;
      if (result.ok) {
        handle.attached(result.readOnly, result.role, result.limits);
      } else if (result.error.code === 'DATABASE_UNAVAILABLE' || result.error.code === 'SHUTTING_DOWN' || result.error.code === 'DOCUMENT_MOVED') {
        setTimeout(() => {
          if (!handle.isClosed && this.socket.connected) this.reopen(handle);
        }, reopenDelay(result.error.code));
      } else {
        handle.failed(result.error);
      }
    });
  }
}

/** A monotonic clock where there is one: a wall clock set back must not fake a silence. */
function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

const OFFLINE_PREFIX = 'accord:';
/** In a copy's `custom` store: true while the copy may hold a local change the server has not acknowledged. */
const UNSENT_KEY = 'unsent';

function offlineName(owner: string, documentId: string): string {
  return `${OFFLINE_PREFIX}${encodeURIComponent(owner)}:${documentId}`;
}

export interface ClearOfflineCopiesOptions {
  /**
   * Keep the copies that hold a local change the server has not acknowledged (signing out offline):
   * they are the only place those edits exist. They stay that person's (copies are kept per owner)
   * and are sent when that person opens the document again.
   */
  keepUnsent?: boolean;
}

/**
 * Deletes the offline copies kept in this browser: one person's (`owner`), or every Accord copy.
 * For sign-out: what stays on a shared computer must not outlive the session, except, with
 * `keepUnsent`, edits not yet saved. Close the documents first. Resolves to how many copies were
 * deleted; where the browser cannot list its databases, to 0.
 */
export async function clearOfflineCopies(owner?: string, options: ClearOfflineCopiesOptions = {}): Promise<number> {
  const idb = browser.indexedDB;
  if (idb === undefined || typeof idb.databases !== 'function') return 0;
  const prefix = owner === undefined ? OFFLINE_PREFIX : `${OFFLINE_PREFIX}${encodeURIComponent(owner)}:`;
  const all = (await idb.databases()).map((d) => d.name).filter((name): name is string => !!name?.startsWith(prefix));
  const unsent = options.keepUnsent ? await Promise.all(all.map((name) => holdsUnsent(name))) : [];
  const names = all.filter((_, i) => !unsent[i]);
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

/** Names the Accord offline copies in this browser that hold edits the server has not acknowledged. */
export async function unsentOfflineCopies(owner?: string): Promise<string[]> {
  const idb = browser.indexedDB;
  if (idb === undefined || typeof idb.databases !== 'function') return [];
  const prefix = owner === undefined ? OFFLINE_PREFIX : `${OFFLINE_PREFIX}${encodeURIComponent(owner)}:`;
  const all = (await idb.databases()).map((d) => d.name).filter((name): name is string => !!name?.startsWith(prefix));
  const unsent = await Promise.all(all.map((name) => holdsUnsent(name)));
  return all.filter((_, i) => unsent[i]);
}

/** Whether a copy is marked as holding unsent edits. A copy that cannot be read is kept: edits come first. */
function holdsUnsent(name: string): Promise<boolean> {
  const idb = browser.indexedDB!;
  return new Promise((resolve) => {
    let request: IdbRequest<IdbDatabase>;
    try {
      request = idb.open(name);
    } catch {
      resolve(true);
      return;
    }
    request.addEventListener('error', () => resolve(true));
    request.addEventListener('blocked', () => resolve(true));
    request.addEventListener('success', () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('custom')) {
        db.close();
        resolve(false);
        return;
      }
      try {
        const read = db.transaction(['custom'], 'readonly').objectStore('custom').get(UNSENT_KEY);
        read.addEventListener('success', () => {
          db.close();
          resolve(read.result === true);
        });
        read.addEventListener('error', () => {
          db.close();
          resolve(true);
        });
      } catch {
        db.close();
        resolve(true);
      }
    });
  });
}

interface Persistence {
  db: unknown;
  whenSynced: Promise<unknown>;
  destroy(): Promise<void>;
  clearData(): Promise<void>;
}

/**
 * Marks a copy as holding unsent edits, or clears the mark. The transaction spans both of the copy's
 * stores: IndexedDB runs read-write transactions with overlapping scopes in the order they were
 * made, so the mark made for a change is written before y-indexeddb (whose update listener runs after
 * the SDK's) stores the change itself.
 */
function writeMark(store: Persistence, unsent: boolean): void {
  const put = (db: IdbDatabase) => {
    try {
      const custom = db.transaction(['custom', 'updates'], 'readwrite').objectStore('custom');
      if (unsent) custom.put(true, UNSENT_KEY);
      else custom.delete(UNSENT_KEY);
    } catch {
      // The copy was closed (the document closed, or the copy discarded): nothing more to mark.
    }
  };
  if (store.db) put(store.db as IdbDatabase);
  // Not open yet: once it has loaded (the mark is only ever set that early, and late is still true).
  else void store.whenSynced.then(() => store.db && put(store.db as IdbDatabase), () => {});
}

function openOfflineStore(name: string, doc: Y.Doc): OfflineStore | null {
  if (browser.indexedDB === undefined) return null;
  let store: Persistence | null = null;
  /** What the mark should say, as far as this page knows: null until a change or a save says. */
  let unsent: boolean | null = null;
  const loading = import('y-indexeddb').then(({ IndexeddbPersistence }) => {
    const opened: Persistence = new IndexeddbPersistence(name, doc);
    store = opened;
    // Only a change made before the copy opened; an early "saved" must not clear the mark of edits
    // the copy is about to load.
    if (unsent === true) writeMark(opened, true);
    return opened.whenSynced;
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
        const opened: Persistence = new IndexeddbPersistence(name, next);
        store = opened;
        // The rebuilt document resends what the server lacks: marked until it is acknowledged.
        unsent = true;
        writeMark(opened, true);
        return opened.whenSynced;
      });
    },
    markUnsent: (origin) => {
      // Loaded from the copy itself: its own mark already says whether that was sent.
      if (origin !== null && origin === store) return;
      if (unsent === true) return;
      unsent = true;
      if (store) writeMark(store, true);
    },
    markSent: () => {
      if (unsent === false) return;
      unsent = false;
      if (store) writeMark(store, false);
    },
  };
}

/** Runs `work` once `previous` has settled, whether it succeeded or not. */
async function after(previous: Promise<unknown>, work: () => Promise<unknown>): Promise<unknown> {
  await previous.catch(() => {});
  return work();
}

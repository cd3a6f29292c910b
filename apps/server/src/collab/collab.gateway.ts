/**
 * The socket.io edge of real-time collaboration. It authenticates the handshake, checks the shape
 * of every event, asks CollabAccess what the user may do, and hands everything else to the engine.
 * Rules about documents live in the engine; rules about people live in the dialogue services.
 *
 * With several servers (REDIS_URL), a document another server owns is forwarded there: this gateway
 * stays the edge for the person (session, access, viewers, re-checks) and the owner's engine holds
 * the seat (cluster/origin-forwarder.ts, cluster/owner-relay.ts). Without Redis nothing is forwarded.
 *
 * The socket.io server is attached directly rather than through @WebSocketGateway decorators: each
 * keystroke crosses this code, and Nest's per-message pipeline would cost more than the engine does.
 */
import { type ContentCheck, HeldElsewhereError, type SeatAccess, SyncEngine, SyncError, TokenBucket, type SyncErrorCode, type UpdatePolicy } from '@accord/sync';
import { touchedBlocks } from '@accord/text/yjs';
import { presenceColour, toBytes, type ClientToServerEvents, type OpenFailure, type OpenResult } from '@accord/sync/protocol';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as HttpServer } from 'node:http';
import { parseCookie } from 'cookie';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { SessionCookie } from '../auth/session-cookie.js';
import { ForwardLink } from '../cluster/forward-link.js';
import { HandOver } from '../cluster/handover.js';
import { type Limits, OriginForwarder } from '../cluster/origin-forwarder.js';
import { OwnerRelay } from '../cluster/owner-relay.js';
import { RedisConnections } from '../cluster/redis-connections.js';
import { redisAdapterFor } from '../cluster/socket-adapter.js';
import { SessionService } from '../auth/session.service.js';
import { DomainEvents } from '../common/domain-events.js';
import { CONFIG, CONTENT_CHECK, LOGGER, UPDATE_POLICY } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { CollabAccess } from './collab-access.js';
import { DocumentLeases } from './document-leases.repository.js';
import { DocumentLogRepository } from './document-log.repository.js';
import { SessionSockets } from './session-sockets.js';
import type { RefusalLogger } from './refusal-log.js';
import { DocumentViewers } from './document-viewers.js';
import { type CollabServerEvents, type CollabSocket, type SocketData, SocketPeer, roomOf, wireBytes } from './socket-peer.js';
import { recheckSockets } from './socket-recheck.js';
import { refuseTextFrames } from './wrong-parser.js';

const MAX_DOCUMENT_ID_LENGTH = 64;
/** y-protocols' outer message type for awareness (docs/protocol.md). */
const AWARENESS_MESSAGE = 1;
/** open/close requests per connection: each costs database reads. */
const CONTROL_PER_SECOND = 20;
const CONTROL_BURST = 200;
/**
 * Liveness probes per connection: the SDK sends at most two a second, and only while the server is
 * otherwise silent (packages/client LIVENESS). Answering costs nothing but the reply.
 */
const PROBES_PER_SECOND = 5;
const PROBE_BURST = 20;

@Injectable()
export class CollabGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly engine: SyncEngine;
  /** Where refusals sent to clients are logged (rate-limited per connection, in SocketPeer). */
  readonly refusalLog: RefusalLogger;
  private io: Server<ClientToServerEvents, CollabServerEvents, Record<string, never>, SocketData> | null = null;
  private readonly peers = new Map<string, SocketPeer>();
  /** Bumped on every membership change, so an open racing a change re-reads access. */
  private readonly accessVersion = new Map<string, number>();
  private readonly unsubscribe: Array<() => void> = [];
  /**
   * With Redis, a document another server owns is forwarded there (cluster/origin-forwarder.ts), and
   * this server's rooms seat clients of other servers (cluster/owner-relay.ts). Null without Redis.
   */
  private readonly forwarder: OriginForwarder | null = null;
  /** Clients of other servers seated in this server's rooms. Null without Redis. */
  readonly relay: OwnerRelay | null = null;
  /** Server writes on a document another server owns: asks it to hand the document over. Null without Redis. */
  readonly handOver: HandOver | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly adapterHost: HttpAdapterHost,
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
    private readonly access: CollabAccess,
    private readonly events: DomainEvents,
    private readonly sessionSockets: SessionSockets,
    private readonly viewers: DocumentViewers,
    store: DocumentLogRepository,
    leases: DocumentLeases,
    @Inject(CONTENT_CHECK) contentCheck: ContentCheck,
    @Inject(UPDATE_POLICY) policy: UpdatePolicy,
    private readonly redis: RedisConnections,
    link: ForwardLink,
  ) {
    const log = logger.child({ module: 'sync' });
    this.refusalLog = log;
    this.engine = new SyncEngine({
      store,
      ownership: leases,
      limits: config.sync,
      contentCheck,
      policy,
      // Every text the server holds is a rolling text: the log names the paragraphs each update touched.
      describeChange: touchedBlocks,
      log: { warn: (details, message) => log.warn(details, message), error: (details, message) => log.error(details, message) },
      broadcast: (documentId, message, except) => {
        const room = this.io?.to(roomOf(documentId));
        (except.length > 0 ? room?.except(except.map((peer) => peer.id)) : room)?.emit('y', documentId, wireBytes(message));
      },
    });
    if (link.enabled) {
      const forwarding = logger.child({ module: 'forwarding' });
      this.relay = new OwnerRelay(this.engine, link, forwarding);
      this.forwarder = new OriginForwarder({
        link,
        peerOf: (conn) => this.peers.get(conn),
        unseat: (peer, documentId) => this.viewers.unseat(documentId, peer.socket),
        // A dead owner's lease expires within LEASE_TTL; then this server or another takes it.
        giveUpAfterMs: config.cluster.leaseTtlMs + 2000,
        log: forwarding,
      });
      this.handOver = new HandOver(this.engine, link, forwarding);
    }
  }

  onApplicationBootstrap(): void {
    // Command-line tools (the seeder) start the application without an HTTP server: nothing to attach.
    const httpServer: unknown = this.adapterHost.httpAdapter?.getHttpServer();
    if (!httpServer) return;
    // With Redis, room broadcasts reach sockets on every server: a forwarded client hears its room.
    const adapter = redisAdapterFor(this.redis, this.logger);
    const io = new Server<ClientToServerEvents, CollabServerEvents, Record<string, never>, SocketData>(
      httpServer as HttpServer,
      {
        ...(adapter ? { adapter } : {}),
        path: '/socket.io',
        serveClient: false,
        // One binary frame per message instead of two (docs/protocol.md, "Transport").
        parser: msgpackParser,
        // Deliberately sized: the largest legitimate message is a first sync (sync step 2).
        maxHttpBufferSize: this.config.sync.maxSyncBytes + 64 * 1024,
        // Off on purpose: recovery would resume a session without re-authenticating it. Yjs resyncs by state vector.
        connectionStateRecovery: undefined,
        pingInterval: 10_000,
        pingTimeout: 10_000,
      },
    );
    io.use(async (socket, next) => {
      try {
        await this.authenticate(socket as CollabSocket);
      } catch (error) {
        return next(handshakeError(error));
      }
      next();
    });
    io.on('connection', (socket) => this.connected(socket));
    io.engine.on('connection', refuseTextFrames);
    this.io = io;
    this.unsubscribe.push(
      this.events.on('membership.changed', ({ dialogueId, userId }) => this.membershipChanged(dialogueId, userId)),
      this.events.on('session.revoked', ({ sessionId, reason }) => this.sessionRevoked(sessionId, reason)),
      this.events.on('cluster.resynced', () => void recheckSockets({
        sockets: () => [...this.peers.values()].map((peer) => peer.socket),
        sessions: this.sessions, events: this.events, logger: this.logger,
        sessionEnded: (sessionId, reason) => this.sessionRevoked(sessionId, reason),
        membershipChanged: (dialogueId, userId) => this.membershipChanged(dialogueId, userId),
      })),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const off of this.unsubscribe) off();
    await this.engine.shutdown({ timeoutMs: 10_000 });
    // This server's sockets only: through the Redis adapter, a plain disconnectSockets reaches every server's.
    this.io?.local.disconnectSockets(true);
    this.io?.engine.close();
  }

  private async authenticate(socket: CollabSocket): Promise<void> {
    const origin = socket.handshake.headers.origin;
    if (origin && !this.config.allowedOrigins.has(origin)) {
      throw new SyncError('ORIGIN_NOT_ALLOWED', `origin ${origin} may not connect`);
    }
    const auth: unknown = socket.handshake.auth;
    const fromAuth = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    const cookieHeader = socket.handshake.headers.cookie;
    const token = typeof fromAuth === 'string' ? fromAuth : cookieHeader ? parseCookie(cookieHeader)[this.cookie.name] : undefined;
    if (!token) throw new SyncError('UNAUTHENTICATED', 'sign in first');
    let valid;
    try {
      valid = await this.sessions.validate(token);
    } catch {
      throw new SyncError('DATABASE_UNAVAILABLE', 'sessions cannot be checked right now; try again shortly');
    }
    if (!valid) throw new SyncError('UNAUTHENTICATED', 'the session is not valid; sign in again');
    socket.data = { userId: valid.user.id, sessionId: valid.session.id, name: valid.user.displayName, documents: new Map() };
    // Counted here, synchronously before socket.io completes the handshake, so simultaneous handshakes
    // cannot all slip under the cap; a connection already gone would never be released.
    if (socket.conn.readyState !== 'open') throw new SyncError('UNAUTHENTICATED', 'the connection closed during the handshake');
    this.sessionSockets.admit(socket, { id: valid.session.id, userId: valid.user.id, lastActiveAt: valid.session.lastActiveAt, expiresAt: valid.session.expiresAt });
  }

  private connected(socket: CollabSocket): void {
    const peer = new SocketPeer(socket, presenceColour(socket.data.userId), this.refusalLog);
    this.peers.set(socket.id, peer);
    const control = new TokenBucket(CONTROL_PER_SECOND, CONTROL_BURST);
    const probes = new TokenBucket(PROBES_PER_SECOND, PROBE_BURST);
    const reject = (event: string, code: SyncErrorCode, message: string) => socket.emit('rejected', event, { code, message });

    // Only the protocol's events reach a handler (the rest are rejected below). Unlike socket.io's
    // default parser, the msgpack parser lets a client send an event named 'disconnect', 'error' or
    // 'newListener', which would otherwise run socket.io's own handlers: a fake 'disconnect' made the
    // gateway forget the connection, so logout and membership changes no longer reached it.
    socket.use(([event, , , payload], next) => {
      if (event !== 'open' && event !== 'close' && event !== 'y' && event !== 'probe') return;
      // Nothing is handled once the session has ended (its sockets are then closed, SESSION_EXPIRED).
      // Awareness is not use: an open editor sends it every 15 s, at the keyboard or not; nor is a probe.
      const use = event === 'probe' ? false : event !== 'y' || toBytes(payload)?.[0] !== AWARENESS_MESSAGE;
      if (this.sessionSockets.received(socket, use)) next();
    });

    socket.on('open', (request: unknown, reply: unknown) => {
      if (typeof reply !== 'function') return reject('open', 'INVALID_MESSAGE', 'open needs an acknowledgement callback');
      const answer = reply as (result: OpenResult | OpenFailure) => void;
      const documentId = documentIdOf(request);
      if (!documentId) return answer(failure('INVALID_MESSAGE', 'open takes { documentId: string }'));
      // Ids are written in lower case (PostgreSQL's uuid text). Another spelling names no document
      // here: it would be a second room of the same document, taking the lease from the first.
      if (documentId !== documentId.toLowerCase()) return answer(failure('NOT_FOUND', 'no such document (document ids are written in lower case)'));
      if (!control.take()) return answer(failure('RATE_LIMITED', 'too many open requests; slow down', control.retryAfter()));
      void this.open(peer, documentId).then(answer, (error: unknown) => answer({ ok: false, error: payloadOf(error) }));
    });
    socket.on('close', (request: unknown) => {
      const documentId = documentIdOf(request);
      if (!documentId) return reject('close', 'INVALID_MESSAGE', 'close takes { documentId: string }');
      this.closeDocument(peer, documentId);
      socket.data.documents.delete(documentId);
      this.viewers.unseat(documentId, socket);
      void socket.leave(roomOf(documentId));
    });
    socket.on('y', (documentId: unknown, seq: unknown, payload: unknown) => {
      const message = toBytes(payload);
      if (typeof documentId !== 'string' || documentId.length > MAX_DOCUMENT_ID_LENGTH) {
        return reject('y', 'INVALID_MESSAGE', 'y takes (documentId: string, seq: integer, message: binary)');
      }
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0 || !message) {
        return peer.refused(
          documentId,
          typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : 0,
          new SyncError('INVALID_MESSAGE', 'y takes (documentId: string, seq: non-negative integer, message: binary)'),
        );
      }
      const owner = this.forwarder?.ownerOf(socket.id, documentId);
      if (owner) this.forwarder!.receive(peer, owner, documentId, seq, message);
      else this.engine.receive(peer, documentId, seq, message);
    });
    // The SDK's liveness probe: answered at once, so a client sees "Offline" within 2 s of losing the
    // server instead of after socket.io's 20 s heartbeat. Not in the sync protocol's typed events:
    // it carries nothing about documents.
    (socket as unknown as ProbeSocket).on('probe', (reply: unknown) => {
      if (typeof reply !== 'function') return reject('probe', 'INVALID_MESSAGE', 'probe needs an acknowledgement callback and nothing else');
      if (!probes.take()) return reject('probe', 'RATE_LIMITED', 'too many probes; slow down');
      (reply as () => void)();
    });
    socket.onAny((event: unknown) => {
      if (event === 'open' || event === 'close' || event === 'y' || event === 'probe') return;
      // msgpack can name an event with any value, even one that cannot be turned into a string.
      reject(eventName(event), 'INVALID_MESSAGE', 'unknown event');
    });
    socket.on('disconnect', () => {
      for (const documentId of socket.data.documents.keys()) this.viewers.unseat(documentId, socket);
      this.forwarder?.gone(peer);
      this.engine.disconnect(peer);
      this.peers.delete(socket.id);
    });
  }

  private async open(peer: SocketPeer, documentId: string): Promise<OpenResult> {
    const { socket } = peer;
    const version = this.accessVersion.get(socket.data.userId) ?? 0;
    const seat = await this.withDatabase(() => this.access.seat(socket.data.userId, documentId));
    if (!socket.connected) throw new SyncError('DOCUMENT_NOT_OPEN', 'the connection closed while opening');
    const limits = await this.seatWithOwner(peer, documentId, seat.access);
    socket.data.documents.set(documentId, seat.dialogueId);
    this.viewers.seat(documentId, socket, seat.viewer);
    // Checked at once, before anything can be published to the new seat: a membership change while
    // it was read holds its events back until re-read. A change from here on finds the document in
    // socket.data.documents and is handled by membershipChanged.
    if ((this.accessVersion.get(socket.data.userId) ?? 0) !== version) {
      this.viewers.holdBack(socket.data.userId, seat.dialogueId);
      void this.recheck(peer, documentId, seat.dialogueId);
    }
    await socket.join(roomOf(documentId));
    return { ok: true, documentId, readOnly: seat.access.readOnly, role: seat.access.role, limits };
  }

  /**
   * Seats a connection where the document is owned: in this server's engine, or, when another server
   * holds the document and Redis links the servers, in that server's engine through forwarding.
   * Resolves with the limits of the engine that holds the seat.
   */
  private async seatWithOwner(peer: SocketPeer, documentId: string, access: SeatAccess): Promise<Limits> {
    const { maxUpdateBytes, maxSyncBytes } = this.engine.limits;
    const here = { maxUpdateBytes, maxSyncBytes };
    // Opened again while forwarded: asked afresh, wherever the document is now.
    if (this.forwarder?.ownerOf(peer.id, documentId)) this.forwarder.close(peer, documentId);
    const openHere = () => this.engine.open(peer, documentId, access);
    try {
      await openHere();
      return here;
    } catch (error) {
      if (!(error instanceof HeldElsewhereError) || !this.forwarder) throw error;
      // Joined before the owner seats it: the owner's room broadcasts (through the Redis adapter)
      // reach this socket from its first moment in the room.
      await peer.socket.join(roomOf(documentId));
      try {
        return (await this.forwarder.open(peer, documentId, access, error, openHere)) ?? here;
      } catch (notForwarded) {
        if (!peer.socket.data.documents.has(documentId)) void peer.socket.leave(roomOf(documentId));
        throw notForwarded;
      }
    }
  }

  /** Unseats a connection from a document, here or at the server it is forwarded to. */
  private closeDocument(peer: SocketPeer, documentId: string): void {
    if (this.forwarder?.ownerOf(peer.id, documentId)) this.forwarder.close(peer, documentId);
    else this.engine.close(peer, documentId);
  }

  private membershipChanged(dialogueId: string, userId: string): void {
    this.accessVersion.set(userId, (this.accessVersion.get(userId) ?? 0) + 1);
    // Before anything is re-read: no event may be filtered against the role the member had.
    this.viewers.holdBack(userId, dialogueId);
    for (const peer of this.peers.values()) {
      if (peer.socket.data.userId !== userId) continue;
      for (const [documentId, inDialogue] of peer.socket.data.documents) {
        if (inDialogue === dialogueId) void this.recheck(peer, documentId, dialogueId);
      }
    }
  }

  /** Re-reads a member's access to an open document and applies it at once. */
  private async recheck(peer: SocketPeer, documentId: string, dialogueId: string): Promise<void> {
    const { userId } = peer.socket.data;
    const version = this.accessVersion.get(userId) ?? 0;
    try {
      const seat = await this.access.access(userId, dialogueId);
      if (!peer.socket.data.documents.has(documentId)) return;
      // Two quick changes start two rechecks; an older one finishing last must not restore the old role.
      if ((this.accessVersion.get(userId) ?? 0) !== version) return;
      if (!seat) {
        this.closeFor(peer, documentId, new SyncError('NOT_A_MEMBER', 'you are no longer a member of this dialogue'));
        return;
      }
      const { access } = seat;
      if (this.forwarder?.ownerOf(peer.id, documentId)) this.forwarder.setAccess(peer, documentId, access);
      else this.engine.setAccess(peer, documentId, access);
      this.viewers.seat(documentId, peer.socket, seat.viewer);
      peer.socket.emit('access', documentId, { readOnly: access.readOnly, role: access.role });
    } catch (error) {
      // Failing closed: without an answer, the document is closed; the client reopens and is checked again.
      this.logger.warn({ err: error, documentId }, 'rechecking access failed; closing the document for this connection');
      this.closeFor(peer, documentId, new SyncError('DATABASE_UNAVAILABLE', 'access could not be checked; reopen shortly'));
    }
  }

  /** Closes a document for one connection: no more Yjs, no more events. */
  private closeFor(peer: SocketPeer, documentId: string, error: SyncError): void {
    this.closeDocument(peer, documentId);
    this.viewers.unseat(documentId, peer.socket);
    peer.closed(documentId, error);
  }

  private sessionRevoked(sessionId: string, reason?: 'expired'): void {
    const fatal = reason === 'expired'
      ? { code: 'SESSION_EXPIRED' as const, message: 'the session expired; sign in again' }
      : { code: 'SESSION_REVOKED' as const, message: 'the session ended; sign in again' };
    for (const peer of this.peers.values()) {
      if (peer.socket.data.sessionId !== sessionId) continue;
      peer.socket.emit('fatal', fatal);
      peer.socket.disconnect(true);
    }
  }

  private async withDatabase<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SyncError) throw error;
      this.logger.warn({ err: error }, 'a database read for the real-time gateway failed');
      throw new SyncError('DATABASE_UNAVAILABLE', 'the database cannot be reached; try again shortly');
    }
  }
}

/** The socket as the probe handler sees it: one more event than the sync protocol's. */
interface ProbeSocket {
  on(event: 'probe', listener: (reply: unknown) => void): void;
}

/** An event name as the client sent it, for the error; some values cannot become a string at all. */
function eventName(event: unknown): string {
  try {
    return String(event).slice(0, 64);
  } catch {
    return `(${typeof event})`;
  }
}

function documentIdOf(request: unknown): string | null {
  if (typeof request !== 'object' || request === null || !('documentId' in request)) return null;
  const { documentId } = request;
  return typeof documentId === 'string' && documentId.length > 0 && documentId.length <= MAX_DOCUMENT_ID_LENGTH ? documentId : null;
}

function failure(code: SyncErrorCode, message: string, retryAfter?: number): OpenFailure {
  return { ok: false, error: retryAfter === undefined ? { code, message } : { code, message, retryAfter } };
}

function payloadOf(error: unknown): OpenFailure['error'] {
  return error instanceof SyncError ? error.toPayload() : { code: 'INTERNAL', message: 'the document could not be opened' };
}

/** socket.io hands `data` to the client's connect_error, so the SDK can tell why it was refused. */
function handshakeError(error: unknown): Error {
  const payload = payloadOf(error);
  return Object.assign(new Error(payload.message), { data: payload });
}

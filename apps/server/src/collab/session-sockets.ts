/**
 * The sessions behind open sockets. Two rules live here:
 * - a socket never outlives its session: it closes with SESSION_EXPIRED when the session passes its
 *   idle timeout or absolute lifetime, and nothing it sends after that is handled;
 * - one session, and one user, may hold only so many sockets (TOO_MANY_CONNECTIONS at the handshake).
 * The idle window slides with a socket's use as it does with HTTP use: the session row is touched at
 * most once per `SessionService.renewEveryMs`, and HTTP's touches reach here as `session.active`.
 * One server's view, like the gateway's rooms.
 */
import { SyncError } from '@accord/sync';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { SessionService } from '../auth/session.service.js';
import type { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { CLOCK, CONFIG, LOGGER } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import type { CollabSocket } from './socket-peer.js';

interface Watched {
  userId: string;
  expiresAt: number;
  /** When the session row was last touched, by HTTP or by a socket. */
  lastActiveAt: number;
  sockets: Set<CollabSocket>;
}

export interface SocketSession {
  id: string;
  userId: string;
  lastActiveAt: Date;
  expiresAt: Date;
}

/** Ending sessions are found within this long of their end; what they send meanwhile is dropped. */
const MAX_CHECK_EVERY_MS = 30_000;
const MIN_CHECK_EVERY_MS = 100;

@Injectable()
export class SessionSockets implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sessions = new Map<string, Watched>();
  private readonly perUser = new Map<string, number>();
  private readonly checkEveryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sessionService: SessionService,
    private readonly events: DomainEvents,
  ) {
    this.checkEveryMs = Math.min(Math.max(config.session.idleTimeoutMs / 10, MIN_CHECK_EVERY_MS), MAX_CHECK_EVERY_MS);
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.events.on('session.active', ({ sessionId, lastActiveAt }) => {
      const watched = this.sessions.get(sessionId);
      if (watched) watched.lastActiveAt = Math.max(watched.lastActiveAt, lastActiveAt.getTime());
    });
    this.timer = setInterval(() => this.closeEnded(), this.checkEveryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /**
   * Counts a socket against its session's and its user's caps, or throws TOO_MANY_CONNECTIONS. Call
   * synchronously before letting the handshake through: it is released when the socket disconnects.
   */
  admit(socket: CollabSocket, session: SocketSession): void {
    const { maxPerSession, maxPerUser } = this.config.connections;
    const watched = this.sessions.get(session.id);
    if ((watched?.sockets.size ?? 0) >= maxPerSession) {
      throw new SyncError('TOO_MANY_CONNECTIONS', `at most ${maxPerSession} connections per session; close some first`);
    }
    const ofUser = this.perUser.get(session.userId) ?? 0;
    if (ofUser >= maxPerUser) throw new SyncError('TOO_MANY_CONNECTIONS', `at most ${maxPerUser} connections per user; close some first`);

    const entry = watched ?? { userId: session.userId, expiresAt: session.expiresAt.getTime(), lastActiveAt: 0, sockets: new Set() };
    entry.lastActiveAt = Math.max(entry.lastActiveAt, session.lastActiveAt.getTime());
    entry.sockets.add(socket);
    this.sessions.set(session.id, entry);
    this.perUser.set(session.userId, ofUser + 1);
    socket.once('disconnect', () => this.release(session.id, socket));
  }

  /**
   * A message from a socket, before it is handled. False when the session has ended: the message
   * must be dropped, and every socket of the session is closed. `use` is the member's own activity,
   * which slides the idle window; an awareness heartbeat, sent every 15 s by any open editor, is not.
   */
  received(socket: CollabSocket, use: boolean): boolean {
    const { sessionId } = socket.data;
    const watched = this.sessions.get(sessionId);
    if (!watched) return false;
    const now = this.clock.now().getTime();
    if (this.ended(watched, now)) {
      this.close(sessionId, watched);
      return false;
    }
    if (use && now - watched.lastActiveAt >= this.sessionService.renewEveryMs) {
      watched.lastActiveAt = now;
      this.sessionService.recordUse(sessionId, new Date(now)).catch((error: unknown) => {
        // The socket keeps its own view; HTTP may then find the session idle and end it, which closes the socket.
        this.logger.warn({ err: error, sessionId }, 'recording socket activity on a session failed');
      });
    }
    return true;
  }

  /** Closes the sockets of every session that has ended (the timer calls it; so can a test). */
  closeEnded(): void {
    const now = this.clock.now().getTime();
    for (const [sessionId, watched] of this.sessions) {
      if (this.ended(watched, now)) this.close(sessionId, watched);
    }
  }

  private ended(watched: Watched, now: number): boolean {
    return now >= watched.expiresAt || now - watched.lastActiveAt >= this.config.session.idleTimeoutMs;
  }

  private close(sessionId: string, watched: Watched): void {
    this.sessions.delete(sessionId);
    for (const socket of watched.sockets) {
      this.release(sessionId, socket, watched);
      socket.emit('fatal', { code: 'SESSION_EXPIRED', message: 'the session expired; sign in again' });
      socket.disconnect(true);
    }
  }

  private release(sessionId: string, socket: CollabSocket, watched = this.sessions.get(sessionId)): void {
    if (!watched?.sockets.delete(socket)) return;
    if (watched.sockets.size === 0) this.sessions.delete(sessionId);
    const left = (this.perUser.get(watched.userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(watched.userId, left);
    else this.perUser.delete(watched.userId);
  }

  /** Sockets and users counted, for tests and diagnostics. */
  counts(): { sessions: number; sockets: number; users: number } {
    let sockets = 0;
    for (const watched of this.sessions.values()) sockets += watched.sockets.size;
    return { sessions: this.sessions.size, sockets, users: this.perUser.size };
  }
}

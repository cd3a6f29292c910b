import type { Database, Session, User } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { generateSecretToken, parseSecretToken, secretMatches } from './secret-token.js';
import { SessionsRepository } from './sessions.repository.js';

export interface ValidSession {
  session: Session;
  user: User;
}

/** Whether a session known by id (a socket's) may go on, and if not, why. */
export type SessionStanding = { valid: true; lastActiveAt: Date } | { valid: false; reason?: 'expired' };

/** Ids per query when checking many sessions at once. */
const CHECK_BATCH = 500;

/**
 * Sessions after Lucia's guide: an idle timeout that slides with use, capped by an absolute
 * lifetime fixed at sign-in. Renewal writes at most once per `renewEveryMs`, not on every request.
 */
@Injectable()
export class SessionService {
  /** Also how often a socket's use touches its session (SessionSockets). */
  readonly renewEveryMs: number;

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {
    this.renewEveryMs = Math.min(config.session.idleTimeoutMs / 10, 60 * 60 * 1000);
  }

  async create(userId: string, request: RequestInfo): Promise<{ token: string; session: Session }> {
    const { id, secretHash, token } = generateSecretToken();
    const now = this.clock.now();
    const session: Session = {
      id,
      secretHash,
      userId,
      createdAt: now,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + this.config.session.maxAgeMs),
      address: request.address,
      userAgent: request.userAgent,
    };
    await this.sessions.insert(session);
    return { token, session };
  }

  async validate(token: string): Promise<ValidSession | null> {
    const parsed = parseSecretToken(token);
    if (!parsed) return null;
    const found = await this.sessions.findWithUser(parsed.id);
    if (!found || !secretMatches(parsed.secret, found.session.secretHash)) return null;

    const now = this.clock.now().getTime();
    const { session } = found;
    const idleFor = now - session.lastActiveAt.getTime();
    if (now >= session.expiresAt.getTime() || idleFor >= this.config.session.idleTimeoutMs) {
      await this.sessions.delete(session.id);
      this.events.emit('session.revoked', { sessionId: session.id, reason: 'expired' });
      return null;
    }
    if (idleFor >= this.renewEveryMs) {
      session.lastActiveAt = new Date(now);
      await this.sessions.touch(session.id, session.lastActiveAt);
      // Open sockets of this session slide their idle window with it.
      this.events.emit('session.active', { sessionId: session.id, lastActiveAt: session.lastActiveAt });
    }
    return found;
  }

  /**
   * The standing of sessions already authenticated (the sockets on this server), read again: one
   * that was ended is not valid, one past its end or idle too long is `expired`. Reads only; the
   * janitor removes rows that ended by time.
   */
  async stillValid(sessionIds: readonly string[]): Promise<Map<string, SessionStanding>> {
    const standing = new Map<string, SessionStanding>(sessionIds.map((id) => [id, { valid: false }]));
    const now = this.clock.now().getTime();
    const ids = [...standing.keys()];
    for (let from = 0; from < ids.length; from += CHECK_BATCH) {
      for (const row of await this.sessions.findDeadlines(ids.slice(from, from + CHECK_BATCH))) {
        const ended = now >= row.expiresAt.getTime() || now - row.lastActiveAt.getTime() >= this.config.session.idleTimeoutMs;
        standing.set(row.id, ended ? { valid: false, reason: 'expired' } : { valid: true, lastActiveAt: row.lastActiveAt });
      }
    }
    return standing;
  }

  async invalidate(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
    this.events.emit('session.revoked', { sessionId });
  }

  /**
   * Ends every session of a user but `exceptId` (a password reset or change). Pass `db` to delete
   * inside the caller's transaction, then `announceRevoked` the ids once it has committed, so their
   * sockets close as at logout.
   */
  revokeAllOf(userId: string, exceptId: string | null, db?: Database): Promise<string[]> {
    return this.sessions.deleteAllOf(userId, exceptId, db);
  }

  announceRevoked(sessionIds: readonly string[]): void {
    for (const sessionId of sessionIds) this.events.emit('session.revoked', { sessionId });
  }

  /** A socket of this session was used (SessionSockets decides when, at most once per renewEveryMs). */
  recordUse(sessionId: string, at: Date): Promise<void> {
    return this.sessions.touch(sessionId, at);
  }

  /** Housekeeping: rows that can no longer validate, announced like a logout so their sockets close. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    const removed = await this.sessions.deleteExpired(now, new Date(now.getTime() - this.config.session.idleTimeoutMs));
    for (const sessionId of removed) this.events.emit('session.revoked', { sessionId, reason: 'expired' });
    return removed.length;
  }
}

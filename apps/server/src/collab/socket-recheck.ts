/**
 * Re-checks every socket on this server after events from other servers may have been missed
 * (`cluster.resynced`: Redis was lost and is back). Nothing replays a lost `session.revoked` or
 * `membership.changed`, so what they would have done is derived again from the database: each
 * socket's session is read again, and each open document's access is re-read. The gateway does the
 * closing and re-seating itself, exactly as for the events, through the two callbacks.
 */
import type { Logger } from 'pino';
import type { SessionService } from '../auth/session.service.js';
import type { DomainEvents } from '../common/domain-events.js';
import type { SocketData } from './socket-peer.js';

export interface RecheckedSocket {
  readonly connected: boolean;
  readonly data: Pick<SocketData, 'sessionId' | 'userId' | 'documents'>;
}

export interface SocketRecheck {
  /** The sockets on this server now; called again on every retry. */
  sockets: () => Iterable<RecheckedSocket>;
  sessions: Pick<SessionService, 'stillValid'>;
  /** Missed `session.active`s are made up for through the event, which SessionSockets listens to. */
  events: Pick<DomainEvents, 'emitLocal'>;
  logger: Logger;
  /** The gateway's handling of `session.revoked`: a fatal SESSION_REVOKED or SESSION_EXPIRED, then disconnect. */
  sessionEnded: (sessionId: string, reason?: 'expired') => void;
  /** The gateway's handling of `membership.changed`: hold the member's events back and re-read their open documents. */
  membershipChanged: (dialogueId: string, userId: string) => void;
}

/** Retries of a failed session check, doubling up to the last; retried as long as any socket is open. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 5000;

/** Re-checks sessions first (a revoked session's socket hears SESSION_REVOKED, not a closed document), then access. */
export async function recheckSockets(recheck: SocketRecheck): Promise<void> {
  await recheckSessions(recheck, RETRY_FIRST_MS);
  const members = new Map<string, { dialogueId: string; userId: string }>();
  for (const socket of recheck.sockets()) {
    if (!socket.connected) continue;
    const { userId } = socket.data;
    for (const dialogueId of socket.data.documents.values()) members.set(`${dialogueId} ${userId}`, { dialogueId, userId });
  }
  for (const { dialogueId, userId } of members.values()) recheck.membershipChanged(dialogueId, userId);
}

async function recheckSessions(recheck: SocketRecheck, retryInMs: number): Promise<void> {
  const ids = new Set<string>();
  for (const socket of recheck.sockets()) if (socket.connected) ids.add(socket.data.sessionId);
  if (ids.size === 0) return;
  let standing;
  try {
    standing = await recheck.sessions.stillValid([...ids]);
  } catch (error) {
    // Not failed closed: ending every session on a database hiccup would sign everyone out. Tried
    // again until the database answers; meanwhile access re-checks fail closed document by document.
    recheck.logger.warn({ err: error, sessions: ids.size, retryInMs }, 're-checking the sessions of open sockets failed; retrying');
    setTimeout(() => void recheckSessions(recheck, Math.min(retryInMs * 2, RETRY_MAX_MS)), retryInMs).unref();
    return;
  }
  for (const [sessionId, session] of standing) {
    if (session.valid) recheck.events.emitLocal('session.active', { sessionId, lastActiveAt: session.lastActiveAt });
    else recheck.sessionEnded(sessionId, session.reason);
  }
}

/**
 * Typed in-process events: services announce what changed, listeners (the collaboration gateway)
 * react. Emitted after the change has committed, so a listener re-reading the database sees it.
 * When several servers run, a relay (cluster/cluster-events.ts) carries each emitted event to the
 * others, which hand it to their own listeners with `emitLocal`.
 */
import { EventEmitter } from 'node:events';
import type { SessionMode } from '@accord/contract';
import { Injectable } from '@nestjs/common';

export interface DomainEventMap {
  /** A member's role or affiliation changed, or they left or were removed. */
  'membership.changed': { dialogueId: string; userId: string };
  /** A session ended (logout, or `expired`: found or swept past its end); its open connections must close. */
  'session.revoked': { sessionId: string; reason?: 'expired' };
  /** HTTP use slid a session's idle window; its open connections slide theirs. */
  'session.active': { sessionId: string; lastActiveAt: Date };
  /** The right password was given for an account whose address is not yet verified. */
  'account.unverified_sign_in': { userId: string };
  /** A comment thread was created, or changed (a reply, an edit, a deletion, resolved, reopened). */
  'comments.changed': { dialogueId: string; documentId: string; threadId: string; change: 'created' | 'updated' };
  /** An amendment was proposed, supported, withdrawn, decided, or found in conflict. */
  'amendments.changed': { dialogueId: string; documentId: string; amendmentId: string };
  /** The chair or the secretariat named a revision (renumbered or not). */
  'revisions.created': { dialogueId: string; documentId: string; revisionId: string };
  /** The chair or the secretariat moved the current paragraph, gave or took the floor, or ended the session. */
  'session_mode.changed': { dialogueId: string; documentId: string; sessionMode: SessionMode };
  /**
   * Events from other servers may have been missed (Redis was lost and is back): whatever they would
   * have changed here must be re-read, since nothing replays them.
   */
  'cluster.resynced': Record<string, never>;
}

export type DomainEventName = keyof DomainEventMap;
/** Carries an emitted event beyond this process. It must not throw. */
export type DomainEventRelay = <K extends DomainEventName>(name: K, event: DomainEventMap[K]) => void;

@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter();
  private relay: DomainEventRelay | null = null;

  /** Tells this server's listeners and, when several servers run, the others'. */
  emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    // Relayed first: a listener here that throws must not keep the others from hearing of it.
    this.relay?.(name, event);
    this.emitter.emit(name, event);
  }

  /** Tells this server's listeners only: an event another server emitted, or one that must not leave. */
  emitLocal<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    this.emitter.emit(name, event);
  }

  /** Where emitted events go beyond this process (null: nowhere). Set once at boot by ClusterEvents. */
  relayTo(relay: DomainEventRelay | null): void {
    this.relay = relay;
  }

  on<K extends keyof DomainEventMap>(name: K, listener: (event: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}

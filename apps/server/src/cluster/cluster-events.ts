/**
 * Domain events between servers. Every event emitted here (but the local-only ones) is published on
 * one Redis channel with this server's id; every event published by another server is handed to the
 * listeners here as if it had been emitted here. So a logout answered by one server closes the
 * session's sockets on all of them, and a comment posted through one reaches viewers on every other.
 *
 * Pub/sub delivers at most once: a message published while a server's subscription is down is lost.
 * A server whose subscription comes back, or which failed to publish, has everyone re-check what a
 * missed message could have changed (`cluster.resynced`; the gateway re-checks its sockets).
 * Without REDIS_URL this does nothing, and events stay in the process, as with a single server.
 */
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { type DomainEventMap, type DomainEventName, DomainEvents } from '../common/domain-events.js';
import { LOGGER } from '../common/tokens.js';
import { decodeMessage, encodeEvent, encodeResyncRequest, EVENTS_CHANNEL, isRelayed } from './event-wire.js';
import { RedisConnections } from './redis-connections.js';

/** How a failed resync request is named in the log (and told apart from an event). */
const RESYNC_REQUEST = 'resync request';
/** Invalid messages logged at most this often: a broken peer would otherwise flood the log. */
const INVALID_LOG_EVERY_MS = 10_000;

@Injectable()
export class ClusterEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly log: Logger;
  private readonly off: Array<() => void> = [];
  /** An event could not be published: the others must re-check once Redis is reachable again. */
  private resyncOwed = false;
  private lastInvalidLogAt = -Infinity;
  private invalidSinceLog = 0;

  constructor(
    private readonly redis: RedisConnections,
    private readonly events: DomainEvents,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ module: 'cluster-events' });
  }

  async onModuleInit(): Promise<void> {
    const { commands, subscriber } = this.redis;
    if (!commands || !subscriber) return;
    const onMessage = (channel: string, message: string) => {
      if (channel === EVENTS_CHANNEL) this.received(message);
    };
    subscriber.on('message', onMessage);
    this.off.push(() => subscriber.off('message', onMessage));
    // Subscribed before the server listens: from its first request on, it hears the others. A server
    // that cannot reach Redis at boot does not start, rather than run deaf to revocations.
    try {
      await subscriber.subscribe(EVENTS_CHANNEL);
    } catch (error) {
      throw new Error(`Redis (REDIS_URL) cannot be reached to subscribe to ${EVENTS_CHANNEL}: ${(error as Error).message}`, { cause: error });
    }
    this.events.relayTo((name, event) => this.publish(name, event));
    this.off.push(
      () => this.events.relayTo(null),
      this.redis.onResubscribed(() => this.events.emitLocal('cluster.resynced', {})),
    );
    const onReady = () => {
      if (this.resyncOwed) this.requestResync();
    };
    commands.on('ready', onReady);
    this.off.push(() => commands.off('ready', onReady));
  }

  onApplicationShutdown(): void {
    for (const off of this.off.splice(0)) off();
  }

  private publish<K extends DomainEventName>(name: K, event: DomainEventMap[K]): void {
    if (!isRelayed(name)) return;
    this.send(encodeEvent(this.redis.nodeId, name, event as DomainEventMap[typeof name]), name);
  }

  private requestResync(): void {
    this.resyncOwed = false;
    this.send(encodeResyncRequest(this.redis.nodeId), RESYNC_REQUEST);
  }

  private send(message: string, what: string): void {
    const commands = this.redis.commands;
    commands?.publish(EVENTS_CHANNEL, message).catch((error: unknown) => {
      // Lost for the others; when Redis is back they are asked to re-check instead.
      this.resyncOwed = true;
      this.log.warn({ err: error, event: what }, 'publishing a domain event to the other servers failed; they will re-check when Redis is back');
      // Failed though connected (no `ready` will follow): ask now, once; a failed request waits for `ready`.
      if (what !== RESYNC_REQUEST && commands.status === 'ready') this.requestResync();
    });
  }

  private received(message: string): void {
    const decoded = decodeMessage(message);
    switch (decoded.kind) {
      case 'invalid':
        this.invalid(decoded.reason);
        return;
      case 'resync':
        if (decoded.from !== this.redis.nodeId) this.events.emitLocal('cluster.resynced', {});
        return;
      case 'event':
        if (decoded.from === this.redis.nodeId) return;
        try {
          this.events.emitLocal(decoded.name, decoded.event);
        } catch (error) {
          // A listener's failure is the listener's; the subscription must keep delivering.
          this.log.error({ err: error, event: decoded.name }, 'a listener failed on a domain event from another server');
        }
    }
  }

  private invalid(reason: string): void {
    this.invalidSinceLog += 1;
    const now = Date.now();
    if (now - this.lastInvalidLogAt < INVALID_LOG_EVERY_MS) return;
    this.log.warn({ reason: reason.slice(0, 500), dropped: this.invalidSinceLog }, 'dropped a malformed message on the events channel');
    this.lastInvalidLogAt = now;
    this.invalidSinceLog = 0;
  }
}

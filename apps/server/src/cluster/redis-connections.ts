/**
 * The Redis connections of a server that runs beside others (REDIS_URL). Without REDIS_URL there are
 * none, and every feature that would use Redis works in this process alone, as a single server did.
 *
 * Two connections: a subscriber may send nothing but (un)subscribe commands, so publishing and
 * ordinary commands go over the other. Redis holds nothing Accord cannot lose (docs/architecture.md):
 * when it restarts, ioredis reconnects, and `onResubscribed` listeners re-check what a missed
 * message could have changed.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  /** Commands and PUBLISH; null when this server runs alone. */
  readonly commands: Redis | null;
  /** SUBSCRIBE only; null when this server runs alone. */
  readonly subscriber: Redis | null;
  readonly nodeId: string;
  private readonly resubscribedListeners = new Set<() => void>();

  constructor(@Inject(CONFIG) config: AppConfig, @Inject(LOGGER) logger: Logger) {
    this.nodeId = config.cluster.nodeId;
    const url = config.cluster.redisUrl;
    if (!url) {
      this.commands = null;
      this.subscriber = null;
      return;
    }
    const log = logger.child({ module: 'redis' });
    const options = {
      // Keep trying for ever, at most a second apart: Redis coming back must find us still trying.
      retryStrategy: (attempt: number) => Math.min(1000, 50 * attempt),
      maxRetriesPerRequest: 2,
      connectionName: `accord:${this.nodeId}`,
    };
    this.commands = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const [name, connection] of [['commands', this.commands], ['subscriber', this.subscriber]] as const) {
      connection.on('error', (error: Error) => log.warn({ err: error, connection: name }, 'Redis connection error'));
    }
    this.watchSubscriber(this.subscriber, 'subscriber', log);
  }

  /**
   * A subscribing connection's `ready` after the first follows a lost connection, during which
   * published messages were missed and nothing will replay them: every `onResubscribed` listener
   * runs. For ours and for any other subscriber a module keeps (socket.io's adapter), since a
   * connection cut on its own (Redis's output-buffer limit for pub/sub clients cuts the busiest)
   * loses messages just as a restart does.
   */
  watchSubscriber(connection: Redis, name: string, log: Logger): void {
    let everReady = false;
    connection.on('ready', () => {
      if (!everReady) {
        everReady = true;
        return;
      }
      log.warn({ connection: name }, 'Redis subscription restored; re-checking what a missed message could have changed');
      for (const listener of this.resubscribedListeners) listener();
    });
  }

  get enabled(): boolean {
    return this.commands !== null;
  }

  /** Called after the subscriber reconnects (not at the first connection). Returns the unsubscribe. */
  onResubscribed(listener: () => void): () => void {
    this.resubscribedListeners.add(listener);
    return () => this.resubscribedListeners.delete(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.commands?.quit(), this.subscriber?.quit()]);
  }
}

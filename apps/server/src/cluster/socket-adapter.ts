/**
 * socket.io's Redis adapter, for broadcasts and socket management that must reach every server
 * (`io.to(room).emit` to sockets connected elsewhere, `fetchSockets`, `disconnectSockets`). Without
 * REDIS_URL, undefined: socket.io's in-memory adapter, as with a single server.
 *
 * Its own two connections, duplicated from ours: the adapter subscribes with patterns and reads
 * binary messages (`messageBuffer`) on its subscriber, which must not carry anyone else's channels.
 * Its channels are prefixed `accord:socket.io`, apart from the events channel. They reconnect as ours
 * do and are closed when ours are (at shutdown).
 */
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import type { RedisConnections } from './redis-connections.js';

export const SOCKET_ADAPTER_KEY = 'accord:socket.io';

export type SocketAdapterFactory = ReturnType<typeof createAdapter>;

export function redisAdapterFor(redis: RedisConnections, logger: Logger): SocketAdapterFactory | undefined {
  const { commands } = redis;
  if (!commands) return undefined;
  const log = logger.child({ module: 'redis' });
  const pub = commands.duplicate({ connectionName: `accord:${redis.nodeId}:socket.io-pub` });
  const sub = commands.duplicate({ connectionName: `accord:${redis.nodeId}:socket.io-sub` });
  for (const [name, connection] of [['socket.io-pub', pub], ['socket.io-sub', sub]] as const) {
    connection.on('error', (error: Error) => log.warn({ err: error, connection: name }, 'Redis connection error'));
  }
  // The adapter publishes without catching (every room broadcast): while Redis is out, each publish
  // rejects after the retries, and an unhandled rejection ends the process. A broadcast lost then is
  // what the clients' resync after the reconnection recovers, so it is logged (at most every 10 s)
  // and dropped.
  const publish = pub.publish.bind(pub);
  let lastLoggedAt = -Infinity;
  pub.publish = ((...args: Parameters<typeof publish>) =>
    publish(...args).catch((error: unknown) => {
      if (performance.now() - lastLoggedAt >= 10_000) {
        lastLoggedAt = performance.now();
        log.warn({ err: error }, 'a socket.io broadcast could not be published to the other servers');
      }
      return 0;
    })) as typeof pub.publish;
  // Broadcasts missed while the adapter's subscriber was away are recovered by the same tear-down
  // and resync as missed frames.
  redis.watchSubscriber(sub, 'socket.io-sub', log);
  // `end` comes once, when ours are quit for good, never between reconnections.
  commands.once('end', () => {
    pub.disconnect();
    sub.disconnect();
  });
  return createAdapter(pub, sub, { key: SOCKET_ADAPTER_KEY });
}

/**
 * socket.io's Redis adapter as Accord builds it (cluster/socket-adapter.ts): a broadcast from one
 * server reaches a socket connected to another, and each server sees the other's sockets. Without
 * REDIS_URL there is no adapter (socket.io's in-memory one). Two socket.io servers in this process,
 * over a redis-server of the test's own; skipped where redis-server is missing, except in CI.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnections } from '../src/cluster/redis-connections.js';
import { redisAdapterFor } from '../src/cluster/socket-adapter.js';
import type { AppConfig } from '../src/config/config.js';
import { eventually } from './support/eventually.js';
import { OwnRedis } from './support/own-redis.js';

interface ClientSocket {
  on(event: string, listener: (...args: unknown[]) => void): void;
  once(event: string, listener: (...args: unknown[]) => void): void;
  close(): void;
}
const { io: connect } = createRequire(new URL('../../../packages/client/package.json', import.meta.url))('socket.io-client') as {
  io: (url: string, options: Record<string, unknown>) => ClientSocket;
};

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const logger = pino({ level: 'silent' });
const configFor = (redisUrl: string | undefined, nodeId: string) => ({ cluster: { redisUrl, nodeId, leaseTtlMs: 3000 } }) as AppConfig;

it('gives no adapter without REDIS_URL', () => {
  expect(redisAdapterFor(new RedisConnections(configFor(undefined, 'alone'), logger), logger)).toBeUndefined();
});

describe.skipIf(!hasRedisServer && !process.env.CI)('across two servers', () => {
  let redis: OwnRedis;
  const connections: RedisConnections[] = [];
  const servers: Array<{ http: HttpServer; io: Server; url: string }> = [];
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    for (const nodeId of ['node-a', 'node-b']) {
      const connection = new RedisConnections(configFor(redis.url, nodeId), logger);
      connections.push(connection);
      const http = createServer();
      const io = new Server(http, { adapter: redisAdapterFor(connection, logger)! });
      io.on('connection', (socket) => void socket.join('doc:shared'));
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const address = http.address();
      servers.push({ http, io, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }
    // Each adapter subscribes on its own time; until both have, a broadcast could miss one.
    await eventually(async () => {
      const count = await servers[0]!.io.of('/').adapter.serverCount();
      if (count !== 2) throw new Error(`${count} servers subscribed`);
    }, 10_000);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const { io } of servers) await io.close();
    // Quitting ours ends the adapter's duplicates too: nothing is left connected.
    for (const connection of connections) await connection.onApplicationShutdown();
    await redis?.kill();
  });

  it("delivers a broadcast from A to a socket connected to B, and A sees B's sockets", async () => {
    const client = connect(servers[1]!.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', (error) => reject(error as Error));
    });
    await eventually(async () => expect(await servers[0]!.io.in('doc:shared').fetchSockets()).toHaveLength(1));
    const heard = new Promise((resolve) => client.on('hello', resolve));
    servers[0]!.io.to('doc:shared').emit('hello', 'from A');
    expect(await heard).toBe('from A');
  });
});

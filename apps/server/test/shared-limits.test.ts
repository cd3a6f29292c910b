/**
 * Shared limits (issue 15, cluster/shared-limits.ts): the sign-in limits and the per-user caps are
 * counted in Redis when servers share one, so the load balancer cannot multiply them; without
 * REDIS_URL a server counts alone, as before; with Redis down, each server counts alone again and no
 * request waits for Redis.
 *   LIMIT-1  Without Redis, a limit refuses past its points (one server, as before).
 *   LIMIT-2  Two servers on one database and one Redis share the sign-in limit and a per-user cap.
 *   LIMIT-3  Redis stalled (the connection looks ready, nothing answers): limits answer from memory
 *            within moments and refuse past their points.
 *   LIMIT-4  Redis dying under running servers: limits answer at once and refuse past their points,
 *            each server counting alone; counting is shared again once Redis is back.
 * (A server does not start without its Redis, cluster/cluster-events.ts: an outage meets running servers.)
 * Addresses vary with TRUST_PROXY and X-Forwarded-For. Redis is shared by every test run on this
 * machine, so each run signs in from an address and as an e-mail of its own, and caps are per user
 * (user ids are random per database): no count of an earlier run is met again.
 *
 * LIMIT-2 needs a Redis at REDIS_URL (default redis://127.0.0.1:6379), LIMIT-3 and 4 `redis-server`
 * on the PATH (they start their own, to stop it); without them they are skipped, unless CI is set,
 * where they fail.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnections } from '../src/cluster/redis-connections.js';
import { eventually } from './support/eventually.js';
import { freePort, OwnRedis } from './support/own-redis.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CI = process.env.CI === 'true';
/** Longest a limited request may take when Redis is away (the limiter answers from memory at once). */
const PROMPT_MS = 500;

const redisReachable = await answersPing(REDIS_URL);
const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;

/** This run's own address and e-mail prefix, so counts left in Redis by another run are never met. */
const RUN = randomBytes(4).toString('hex');
const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const freshEmail = (what: string) => `${what}-${RUN}-${randomInt(1e9)}@accord.example`;

async function signIn(t: TestServer, email: string, password: string, address: string) {
  const started = performance.now();
  const res = await t.client().post('/api/auth/login', { email, password }, { 'x-forwarded-for': address });
  return { status: res.status, code: res.body?.error?.code as string | undefined, ms: performance.now() - started };
}

async function newDialogue(client: ApiClient, title: string) {
  const started = performance.now();
  const res = await client.post('/api/dialogues', { title });
  return { status: res.status, code: res.body?.error?.code as string | undefined, ms: performance.now() - started };
}

const limits = {
  TRUST_PROXY: 'true',
  LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '4',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
  MAX_DIALOGUES_PER_HOUR: '3',
};

describe('LIMIT-1: without Redis, a server counts alone, as before', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: limits });
  });
  afterAll(() => t?.close());

  it('refuses the fifth failed sign-in of an account from one address, and the fourth dialogue of a user in an hour', async () => {
    const address = freshAddress();
    const email = freshEmail('guesser');
    for (let i = 0; i < 4; i++) expect((await signIn(t, email, `guess-${i}`, address)).status).toBe(401);
    expect(await signIn(t, email, 'guess-5', address)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });

    const observer = await t.login(demo.observer.email);
    for (let i = 1; i <= 3; i++) expect((await newDialogue(observer, `Side event ${i}`)).status).toBe(201);
    expect(await newDialogue(observer, 'One too many')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });
});

describe.skipIf(!redisReachable && !CI)('LIMIT-2: two servers sharing Redis share the counts', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let redis: Redis;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestServer({ database, env: { ...limits, REDIS_URL, NODE_ID: `limits-a-${RUN}` } });
    b = await startTestServer({ database, seedDemo: false, env: { ...limits, REDIS_URL, NODE_ID: `limits-b-${RUN}` } });
    await connected(a, b);
    redis = new Redis(REDIS_URL);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
    redis?.disconnect();
  });

  it('failed sign-ins on server A count on server B: four across both, the fifth refused by either', async () => {
    const address = freshAddress();
    const email = freshEmail('guesser');
    const servers = [a, b, a, b];
    for (const [i, server] of servers.entries()) expect((await signIn(server, email, `guess-${i}`, address)).status).toBe(401);
    expect(await signIn(a, email, 'guess-a', address)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(await signIn(b, email, 'guess-b', address)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // The count is Redis's: both servers spent from one key.
    expect(Number(await redis.get(`accord:rl:login-pair:${address} ${email}`))).toBeGreaterThanOrEqual(4);
  });

  it("a right password on B clears the failures counted on A (the owner's own typos)", async () => {
    const address = freshAddress();
    for (let i = 0; i < 3; i++) expect((await signIn(a, demo.chair.email, `typo-${i}`, address)).status).toBe(401);
    expect((await signIn(b, demo.chair.email, 'accord-demo', address)).status).toBe(200);
    // Cleared for both: four more typos before a refusal.
    for (let i = 0; i < 4; i++) expect((await signIn(i % 2 ? a : b, demo.chair.email, `typo-again-${i}`, address)).status).toBe(401);
    expect((await signIn(a, demo.chair.email, 'typo-last', address)).status).toBe(429);
  });

  it('a per-user cap holds across servers: three dialogues an hour, whichever server creates them', async () => {
    const token = (await a.login(demo.ngo.email)).token;
    const onA = a.client(token);
    const onB = b.client(token);
    expect((await newDialogue(onA, 'Caucus 1')).status).toBe(201);
    expect((await newDialogue(onB, 'Caucus 2')).status).toBe(201);
    expect((await newDialogue(onA, 'Caucus 3')).status).toBe(201);
    expect(await newDialogue(onB, 'Caucus 4')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(await newDialogue(onA, 'Caucus 5')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const mine = (await onB.get('/api/dialogues')).body.dialogues.filter((d: { title: string }) => d.title.startsWith('Caucus '));
    expect(mine).toHaveLength(3);
  });
});

describe.skipIf(!redisServerInstalled && !CI)('LIMIT-3: a Redis that stops answering', () => {
  let t: TestServer;
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await ownRedis();
    t = await startTestServer({ env: { ...limits, REDIS_URL: redis.url, NODE_ID: `limits-stalled-${RUN}` } });
    await connected(t);
  }, 120_000);
  afterAll(async () => {
    // Killed first: a server closing would wait on a frozen Redis.
    await redis?.kill();
    await t?.close();
  });

  it('the connection still looks ready, but limits answer from memory within moments and refuse past their points', async () => {
    const thaw = await freeze(redis);
    try {
      expect(t.server.app.get(RedisConnections).commands?.status).toBe('ready');
      const address = freshAddress();
      const email = freshEmail('guesser');
      for (let i = 0; i < 4; i++) expect((await signIn(t, email, `guess-${i}`, address)).status).toBe(401);
      const refused = await signIn(t, email, 'guess-5', address);
      expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(refused.ms).toBeLessThan(PROMPT_MS);
    } finally {
      thaw();
    }
  });
});

describe.skipIf(!redisServerInstalled && !CI)('LIMIT-4: Redis dying under two running servers', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await ownRedis();
    database = await createTestDatabase();
    a = await startTestServer({ database, env: { ...limits, REDIS_URL: redis.url, NODE_ID: `limits-a-${RUN}` } });
    b = await startTestServer({ database, seedDemo: false, env: { ...limits, REDIS_URL: redis.url, NODE_ID: `limits-b-${RUN}` } });
    await connected(a, b);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
    await redis?.kill();
  });

  it('each server then counts alone, answers at once, and refuses past the limit; shared again once Redis is back', async () => {
    const token = (await a.login(demo.icrc.email)).token;
    const onA = a.client(token);
    const onB = b.client(token);
    // Shared while Redis runs: two of three spent, one on each server.
    expect((await newDialogue(onA, 'Before 1')).status).toBe(201);
    expect((await newDialogue(onB, 'Before 2')).status).toBe(201);

    await redis.kill();
    // Server A's own count starts from nothing: three more, then a refusal, none waiting for Redis.
    const whileDown = [];
    for (let i = 1; i <= 4; i++) whileDown.push(await newDialogue(onA, `Down ${i}`));
    expect(whileDown.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    expect(whileDown[3]!.code).toBe('RATE_LIMITED');
    expect(whileDown[3]!.ms).toBeLessThan(PROMPT_MS);
    // The sign-in limit too, per server.
    const address = freshAddress();
    const email = freshEmail('guesser');
    for (let i = 0; i < 4; i++) expect((await signIn(b, email, `guess-${i}`, address)).status).toBe(401);
    const refused = await signIn(b, email, 'guess-5', address);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(refused.ms).toBeLessThan(PROMPT_MS);

    // Redis back (empty: it kept nothing): counted in Redis again, for both servers.
    await redis.start();
    await connected(a, b);
    const probe = new Redis(redis.url);
    try {
      const again = freshAddress();
      const guesser = freshEmail('guesser');
      for (let i = 0; i < 4; i++) expect((await signIn(i % 2 ? a : b, guesser, `guess-${i}`, again)).status).toBe(401);
      expect((await signIn(a, guesser, 'guess-5', again)).status).toBe(429);
      expect((await signIn(b, guesser, 'guess-6', again)).status).toBe(429);
      expect(Number(await probe.get(`accord:rl:login-pair:${again} ${guesser}`))).toBeGreaterThanOrEqual(4);
    } finally {
      probe.disconnect();
    }
  });
});

/** Until each server's Redis connection is ready (before, its limits count in memory). */
async function connected(...servers: TestServer[]): Promise<void> {
  for (const t of servers) await eventually(() => expect(t.server.app.get(RedisConnections).commands?.status).toBe('ready'), 10_000);
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Freezes a redis-server: its connections stay open and nothing answers, as with a stalled server or a lost route. */
async function freeze(redis: OwnRedis): Promise<() => void> {
  const client = new Redis(redis.url);
  const pid = Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
  client.disconnect();
  process.kill(pid, 'SIGSTOP');
  return () => process.kill(pid, 'SIGCONT');
}

async function ownRedis(): Promise<OwnRedis> {
  const redis = new OwnRedis(await freePort());
  await redis.start();
  return redis;
}

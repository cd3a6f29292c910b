/**
 * Domain events between servers (issue 15): two servers on one PostgreSQL database and one Redis,
 * each with its own NODE_ID. What one server does over HTTP reaches the sockets connected to the
 * other within a second: a logout, a removal, a comment. And a revocation made while Redis was down,
 * whose message is lost for good, still closes the other server's sockets once Redis is back.
 *
 * Redis is a redis-server of this file's own, on a free port, so it can be killed and restarted.
 * PostgreSQL only (two servers cannot share an in-memory PGlite): skipped without DATABASE_URL, as in
 * CI's PGlite pass; CI's PostgreSQL pass runs it, and there a missing redis-server fails.
 */
import { openDatabase } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL } from '../src/cluster/event-wire.js';
import { CommentsFixture, EventSocket, type TextParagraph } from './support/comments.js';
import { OwnRedis } from './support/own-redis.js';
import { RawConnection } from './support/raw-socket.js';
import { ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

/** How quickly an event must reach the other server's sockets. */
const PROMPTLY_MS = 1000;
/** How quickly, after Redis is back, the other server must have re-checked its sockets. */
const AFTER_REDIS_RETURNS_MS = 5000;

// Two servers cannot share an in-memory PGlite: PostgreSQL only, so CI runs this in its PostgreSQL
// pass (which always sets DATABASE_URL) and skips it in the PGlite pass.
const runs = Boolean(process.env.DATABASE_URL);

describe.skipIf(!runs)('domain events between two servers', () => {
  let database: TestDatabase;
  let secondHandle: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let redis: OwnRedis;
  let a: TestServer;
  let b: TestServer;
  /** Comments and members through server A, sockets through server B. */
  let onA: CommentsFixture;
  let onB: CommentsFixture;
  let paragraphs: TextParagraph[];
  const raws: RawConnection[] = [];

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) throw new Error('these tests need PostgreSQL: set DATABASE_URL');
    redis = await OwnRedis.start();
    database = await createTestDatabase();
    a = await startTestServer({ database, env: { REDIS_URL: redis.url, NODE_ID: 'node-a' } });
    // Its own pool, as a second process would have.
    secondHandle = await openDatabase({ url: database.url!, maxConnections: 5 });
    b = await startTestServer({ database: { ...secondHandle, url: database.url }, env: { REDIS_URL: redis.url, NODE_ID: 'node-b' } });
    onA = await new CommentsFixture(a).useDemo();
    onB = await new CommentsFixture(b).useDemo();
    paragraphs = await onA.paragraphs();
  });

  afterAll(async () => {
    for (const raw of raws) raw.close();
    onA?.close();
    onB?.close();
    await b?.close();
    await a?.close();
    await secondHandle?.close();
    await database?.close();
    await redis?.kill();
  });

  async function socketOnB(token: string): Promise<RawConnection> {
    const raw = await RawConnection.connect(b.url, token, { timeoutMs: 5000 });
    raws.push(raw);
    return raw;
  }

  it('a logout on A closes that session\'s socket on B with SESSION_REVOKED within a second, despite garbage on the channel', async () => {
    const session = (await a.login(demo.veloria.email)).token!;
    const other = (await a.login(demo.veloria.email)).token!;
    const revoked = await socketOnB(session);
    const kept = await socketOnB(other);

    // Whatever else is on the channel is dropped without disturbing the subscription.
    const publisher = new Redis(redis.url);
    try {
      for (const garbage of ['not json', '{}', JSON.stringify({ from: 'x', name: 'session.revoked', event: { sessionId: 42 } }), JSON.stringify({ from: 'x', name: 'no.such.event', event: {} })]) {
        await publisher.publish(EVENTS_CHANNEL, garbage);
      }
    } finally {
      publisher.disconnect();
    }

    const started = Date.now();
    expect((await new ApiClient(a.url, session).post('/api/auth/logout')).status).toBe(204);
    const fatal = await revoked.next('fatal');
    const gone = await revoked.next('disconnect');
    expect(fatal.args[0]).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(gone.args[0]).toBe('io server disconnect');
    expect(gone.at - started).toBeLessThan(PROMPTLY_MS);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kept.socket.connected).toBe(true);
    expect(kept.received.map((e) => e.name)).not.toContain('fatal');
  });

  it('removing a member on A closes their document open on B with NOT_A_MEMBER within a second', async () => {
    const icrc = await onA.userId('icrc');
    const seat = await socketOnB((await b.login(demo.icrc.email)).token!);
    expect((await seat.open(onB.documentId)).ok).toBe(true);

    const started = Date.now();
    expect((await (await onA.as('chair')).delete(`/api/dialogues/${onA.dialogueId}/members/${icrc}`)).status).toBe(204);
    const closed = await seat.next('closed');
    expect(closed.args).toEqual([onB.documentId, { code: 'NOT_A_MEMBER', message: expect.any(String) }]);
    expect(closed.at - started).toBeLessThan(PROMPTLY_MS);
    expect(seat.socket.connected).toBe(true);
  });

  it('a comment created on A reaches a viewer on B within a second', async () => {
    const watcher = await onB.watch('veloria');
    const onceActivated = paragraphs.find((p) => p.kind === 'paragraph' && p.text.includes('once activated'))!;
    const started = Date.now();
    const thread = await onA.createThread('arandia', { paragraphId: onceActivated.id, quote: 'once activated', audience: 'everyone', body: 'Said on A, heard on B.' });
    const heard = await (watcher as EventSocket).nextEvent('comments.thread_created', thread.id);
    expect(heard.at - started).toBeLessThan(PROMPTLY_MS);
    expect(JSON.stringify(heard.args[0])).toContain('Said on A, heard on B.');
  });

  it('a logout on A while Redis is down still closes the socket on B once Redis is back', async () => {
    const session = (await a.login(demo.ngo.email)).token!;
    const other = (await a.login(demo.ngo.email)).token!;
    const revoked = await socketOnB(session);
    const kept = await socketOnB(other);

    await redis.kill();
    // The message is lost: nothing is listening, and nothing replays it.
    expect((await new ApiClient(a.url, session).post('/api/auth/logout')).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(revoked.socket.connected).toBe(true);

    await redis.start();
    const back = Date.now();
    const fatal = await revoked.next('fatal');
    const gone = await revoked.next('disconnect');
    expect(fatal.args[0]).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(gone.at - back).toBeLessThan(AFTER_REDIS_RETURNS_MS);
    // The re-check ends only what has ended.
    expect(kept.socket.connected).toBe(true);
    expect(kept.received.map((e) => e.name)).not.toContain('fatal');

    // And events flow again afterwards.
    expect((await new ApiClient(a.url, other).post('/api/auth/logout')).status).toBe(204);
    expect((await kept.next('fatal')).args[0]).toMatchObject({ code: 'SESSION_REVOKED' });
  });
});

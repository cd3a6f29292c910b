/**
 * Issue 14's liveness probe and session check, attacked over real sockets and HTTP (real server,
 * real database, a manual clock for the session's idle window). What was tried, and holds:
 *   PROBE-REVOKED  after logout the socket is closed and a probe is never answered again.
 *   PROBE-IDLE     a client that only probes (as an editor left open does) does not keep its
 *                  session alive: past the idle window the socket is closed SESSION_EXPIRED and
 *                  HTTP answers 401, probes or not.
 *   PROBE-FLOOD    thousands of probes at once: a burst is answered, the rest RATE_LIMITED, the
 *                  connection still syncs and the server still answers others.
 *   CHECK-GARBAGE  GET /api/auth/session with odd tokens: { me: null }, no cookie set, nothing named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../src/seed/demo-data.js';
import { ManualClock } from './support/manual-clock.js';
import { RawConnection } from './support/raw-socket.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const MINUTE = 60_000;
const IDLE = 30 * MINUTE;

/** A probe as the SDK sends it: answered (true), or not within `ms` (false). */
async function probe(raw: RawConnection, ms = 2000): Promise<boolean> {
  try {
    await raw.socket.timeout(ms).emitWithAck('probe');
    return true;
  } catch {
    return false;
  }
}

describe('the liveness probe and the session check, attacked', () => {
  const clock = new ManualClock();
  let t: TestServer;
  let dialogueId: string;
  let documentId: string;
  const raws: RawConnection[] = [];

  async function connected(api: ApiClient): Promise<RawConnection> {
    const raw = await RawConnection.connect(t.url, api.token!, { timeoutMs: 10_000 });
    raws.push(raw);
    return raw;
  }

  beforeAll(async () => {
    t = await startTestServer({ clock, env: { SESSION_IDLE_TIMEOUT: '30m', SESSION_MAX_AGE: '12h', LOG_LEVEL: 'silent' } });
    const chair = await t.login(demo.chair.email);
    dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
    const documents = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
    documentId = documents.find((d) => d.symbol === demoDocument.symbol)!.id;
  }, 120_000);

  afterAll(async () => {
    for (const raw of raws) raw.socket.close();
    await t?.close();
  });

  it('PROBE-REVOKED: after logout the socket closes and a probe is never answered', async () => {
    const api = await t.login(demo.arandia.email);
    const raw = await connected(api);
    await raw.openOrThrow(documentId);
    expect(await probe(raw)).toBe(true);
    expect((await api.post('/api/auth/logout')).status).toBe(204);
    await raw.next('disconnect');
    expect(raw.socket.connected).toBe(false);
    expect(await probe(raw, 500)).toBe(false);
    expect((await api.get('/api/auth/session')).body).toEqual({ me: null });
  });

  it('PROBE-IDLE: probing alone does not keep a session alive past its idle window', async () => {
    const api = await t.login(demo.veloria.email);
    const raw = await connected(api);
    await raw.openOrThrow(documentId);
    // Probing every 5 minutes for 25 minutes: answered each time, the session still alive.
    for (let i = 0; i < 5; i++) {
      clock.advance(5 * MINUTE);
      expect(await probe(raw)).toBe(true);
    }
    // 31 minutes after the last use: a probe finds the session over, and closes its socket.
    clock.advance(IDLE + MINUTE - 25 * MINUTE);
    expect(await probe(raw, 1000)).toBe(false);
    await raw.next('disconnect');
    expect(raw.received.some((e) => e.name === 'fatal' && e.args[0]?.code === 'SESSION_EXPIRED')).toBe(true);
    expect((await api.get('/api/me')).status).toBe(401);
  });

  it('PROBE-FLOOD: a burst of probes is answered, the rest refused RATE_LIMITED; the connection and the server carry on', async () => {
    const api = await t.login(demo.icrc.email);
    const raw = await connected(api);
    await raw.openOrThrow(documentId);
    const from = raw.received.length;
    const answered = await Promise.all(Array.from({ length: 2000 }, () => probe(raw, 5000)));
    const yes = answered.filter(Boolean).length;
    expect(yes).toBeGreaterThan(0);
    expect(yes).toBeLessThan(100);
    const limited = raw.received.slice(from).filter((e) => e.name === 'rejected' && e.args[0] === 'probe' && e.args[1]?.code === 'RATE_LIMITED');
    expect(limited.length).toBe(2000 - yes);
    // Without an acknowledgement: refused as invalid, never answered, never a crash.
    raw.socket.emit('probe', { hostile: 'x'.repeat(10_000) });
    await raw.next('rejected', (args) => args[0] === 'probe' && args[1]?.code === 'INVALID_MESSAGE', from);
    expect(raw.socket.connected).toBe(true);
    expect((await api.get(`/api/dialogues/${dialogueId}/documents/${documentId}/session-mode`)).status).toBe(200);
  });

  it('CHECK-GARBAGE: odd tokens and cookies get { me: null }, 200, nothing else', async () => {
    const tokens = ['', ' ', 'Bearer', 'a'.repeat(8000), '\u0000', '%00.%00', 'é.é', '{"a":1}', '../../etc/passwd', `${'x'.repeat(24)}.${'y'.repeat(32)}`];
    for (const token of tokens) {
      const byBearer = await t.client().get('/api/auth/session', { authorization: `Bearer ${encodeURIComponent(token)}` });
      expect([token.slice(0, 20), byBearer.status, byBearer.body]).toEqual([token.slice(0, 20), 200, { me: null }]);
      expect(byBearer.headers.get('set-cookie')).toBeNull();
    }
  });
});

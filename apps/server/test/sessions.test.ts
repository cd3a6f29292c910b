import { sessions } from '@accord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionJanitor } from '../src/auth/session-janitor.js';
import { ManualClock } from './support/manual-clock.js';
import { snapshot } from './support/snapshot.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

const HOUR = 3_600_000;

describe('sessions (Lucia-style tokens, sliding idle expiry, absolute lifetime)', () => {
  const clock = new ManualClock();
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      clock,
      env: { SESSION_IDLE_TIMEOUT: '2h', SESSION_MAX_AGE: '12h', LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' },
    });
  });
  afterAll(() => t?.close());

  it('stores only a SHA-256 of the secret, never the token or the secret', async () => {
    const res = await t.client().post('/api/auth/login', { email: demo.chair.email, password: 'accord-demo' });
    expect(res.status).toBe(200);
    const token: string = res.body.token;
    const [id, secret] = token.split('.');
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, id!));
    expect(row).toBeDefined();
    expect(row!.secretHash).toHaveLength(32);
    const stored = JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret!).toString('hex'));
  });

  it('issues a new session at each sign-in', async () => {
    const a = await t.login(demo.secretariat.email);
    const b = await t.login(demo.secretariat.email);
    expect(a.token).not.toBe(b.token);
    expect(a.token!.split('.')[0]).not.toBe(b.token!.split('.')[0]);
  });

  it('refuses a token whose secret is wrong, even with a valid id', async () => {
    const good = await t.login(demo.arandia.email);
    const [id] = good.token!.split('.');
    const forged = t.client(`${id}.${'a'.repeat(32)}`);
    expect((await forged.get('/api/me')).status).toBe(401);
    expect((await good.get('/api/me')).status).toBe(200);
  });

  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie that authenticates on its own', async () => {
    const res = await t.client().post('/api/auth/login', { email: demo.veloria.email, password: 'accord-demo' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^accord_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // plain http://localhost
    const me = await t.client().get('/api/me', { cookie: cookie.split(';')[0]! });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(demo.veloria.email);
  });

  it('expires a session left idle longer than the idle timeout, and deletes it', async () => {
    const user = await t.login(demo.ngo.email);
    clock.advance(2 * HOUR + 1000);
    expect((await user.get('/api/me')).status).toBe(401);
    const [id] = user.token!.split('.');
    expect(await t.db.select().from(sessions).where(eq(sessions.id, id!))).toHaveLength(0);
  });

  it('sweeps sessions that can no longer validate out of the table', async () => {
    const stale = await t.login(demo.arandia.email);
    const [staleId] = stale.token!.split('.');
    clock.advance(2 * HOUR + 1000);
    const fresh = await t.login(demo.arandia.email);
    const removed = await t.server.app.get(SessionJanitor).sweep();
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await t.db.select().from(sessions).where(eq(sessions.id, staleId!))).toHaveLength(0);
    expect((await fresh.get('/api/me')).status).toBe(200);
  });

  it('slides the idle window with use, but never past the absolute lifetime', async () => {
    const user = await t.login(demo.icrc.email);
    // Used every 90 minutes: each use renews the 2-hour idle window.
    for (let elapsed = 0; elapsed < 10 * HOUR; elapsed += 1.5 * HOUR) {
      clock.advance(1.5 * HOUR);
      expect((await user.get('/api/me')).status, `after ${(elapsed + 1.5 * HOUR) / HOUR} h`).toBe(200);
    }
    // 10.5 h in; the next use at 12 h passes the absolute lifetime.
    clock.advance(1.5 * HOUR);
    expect((await user.get('/api/me')).status).toBe(401);
  });

  it('logout invalidates the session for bearer and cookie alike', async () => {
    const user = await t.login(demo.observer.email);
    const cookie = `accord_session=${user.token}`;
    const out = await user.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/accord_session=;.*Max-Age=0/);
    expect((await user.get('/api/me')).status).toBe(401);
    expect((await t.client().get('/api/me', { cookie })).status).toBe(401);
  });

  it('answers a wrong address and a wrong password with the same 401', async () => {
    const wrongPassword = await t.client().post('/api/auth/login', { email: demo.chair.email, password: 'not the password' });
    const unknownUser = await t.client().post('/api/auth/login', { email: 'nobody@accord.example', password: 'accord-demo' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
    await t.login(demo.chair.email); // clears the account's failure count for later tests
  });

  it('rate-limits failed sign-ins per account and address, even when the password is then right', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.client().post('/api/auth/login', { email: demo.observer.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await t.client().post('/api/auth/login', { email: demo.observer.email, password: 'accord-demo' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are unaffected.
    expect((await t.client().post('/api/auth/login', { email: demo.veloria.email, password: 'accord-demo' })).status).toBe(200);
  });

  it('hashes passwords with argon2id at OWASP parameters or stronger', async () => {
    const rows = await t.db.query.users.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const params = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.passwordHash);
      expect(params, row.email).not.toBeNull();
      expect(Number(params![1])).toBeGreaterThanOrEqual(19_456);
      expect(Number(params![2])).toBeGreaterThanOrEqual(2);
    }
  });

  it('records failed sign-ins in the audit trail', async () => {
    const events = await t.db.query.auditEvents.findMany();
    const failed = events.filter((e) => e.action === 'auth.login_failed');
    expect(failed.length).toBeGreaterThanOrEqual(4);
    const unknown = failed.find((e) => e.detail.email === 'nobody@accord.example');
    expect(unknown).toMatchObject({ actorId: null, address: expect.stringMatching(/127\.0\.0\.1|::1/) });
    expect(events.some((e) => e.action === 'auth.login')).toBe(true);
  });

  describe('cross-origin mutations', () => {
    it('refuses a POST from another origin and changes nothing', async () => {
      const chair = await t.login(demo.chair.email);
      const before = await snapshot(t.db);
      const res = await chair.post('/api/dialogues', { title: 'Forged' }, { origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('CROSS_ORIGIN_REQUEST');
      const site = await chair.post('/api/dialogues', { title: 'Forged' }, { 'sec-fetch-site': 'cross-site' });
      expect(site.status).toBe(403);
      const login = await t.client().post('/api/auth/login', { email: demo.chair.email, password: 'accord-demo' }, { origin: 'https://evil.example' });
      expect(login.status).toBe(403);
      expect(await snapshot(t.db)).toBe(before);
    });

    it('accepts the same request from the public origin', async () => {
      const chair = await t.login(demo.chair.email);
      const res = await chair.post('/api/dialogues', { title: 'Same-origin dialogue' }, { origin: t.publicOrigin, 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(201);
    });

    it('lets cross-origin reads through (they change nothing)', async () => {
      const chair = await t.login(demo.chair.email);
      expect((await chair.get('/api/me', { origin: 'https://evil.example' })).status).toBe(200);
    });
  });
});

describe('sign-in rate limit per address', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' } });
  });
  afterAll(() => t?.close());

  it('stops one address that sprays many accounts, whatever account it tries next', async () => {
    for (const who of ['a', 'b', 'c', 'd']) {
      expect((await t.client().post('/api/auth/login', { email: `${who}@accord.example`, password: 'guess' })).status).toBe(401);
    }
    const res = await t.client().post('/api/auth/login', { email: demo.chair.email, password: 'accord-demo' });
    expect([res.status, res.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe('sessions over HTTPS', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { PUBLIC_URL: 'https://accord.example.org' } });
  });
  afterAll(() => t?.close());

  it('uses a __Host- prefixed, Secure cookie', async () => {
    const res = await t.client().post('/api/auth/login', { email: demo.chair.email, password: 'accord-demo' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-accord_session=/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Domain');
  });
});

import { AccordApi } from '@accord/client';
import { sessionCheckSchema } from '@accord/contract';
import { sessions } from '@accord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from './support/manual-clock.js';
import { captureLog, type LogLine } from './support/server-log.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const HOUR = 3_600_000;
const WARN_LEVEL = 40;

function check(client: ApiClient, headers?: Record<string, string>) {
  return client.get('/api/auth/session', headers);
}

/** GET /api/auth/session: 200 { me } when signed in, 200 { me: null } otherwise, never a 401 (issue 14, "The first page"). */
describe('the session check', () => {
  const clock = new ManualClock();
  let t: TestServer;
  let log: LogLine[];

  beforeAll(async () => {
    t = await startTestServer({ clock, env: { SESSION_IDLE_TIMEOUT: '2h', SESSION_MAX_AGE: '12h', LOG_LEVEL: 'info' } });
    log = captureLog(t);
  });
  afterAll(() => t?.close());

  /** Signs in as a browser does and returns the cookie pair it would send back. */
  async function browserCookie(email: string): Promise<string> {
    const res = await t.client().post('/api/auth/login', { email, password: 'accord-demo' });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('signed in by cookie: the same `me` as GET /api/me, and no cookie set', async () => {
    const cookie = await browserCookie(demo.chair.email);
    const res = await check(t.client(), { cookie });
    const me = await t.client().get('/api/me', { cookie });
    expect(res.status).toBe(200);
    expect(sessionCheckSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toEqual({ me: me.body });
    expect(res.body.me.user.email).toBe(demo.chair.email);
    expect(res.body.me.memberships.length).toBeGreaterThan(0);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('signed in by bearer token: the same `me` as GET /api/me; the SDK reads it', async () => {
    const delegate = await t.login(demo.arandia.email);
    const res = await check(delegate);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ me: (await delegate.get('/api/me')).body });
    expect(res.headers.get('set-cookie')).toBeNull();

    const api = await t.api(demo.arandia.email);
    expect((await api.checkSession())?.user.email).toBe(demo.arandia.email);
  });

  it('signed out: 200 { me: null }, no 401, no cookie set, nothing logged above info', async () => {
    log.length = 0;
    const res = await check(t.client());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ me: null });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await new AccordApi({ baseUrl: t.url }).checkSession()).toBeNull();
    expect(log.filter((line) => line.level >= WARN_LEVEL)).toEqual([]);
  });

  it('a garbage cookie or token: { me: null }; a dead cookie is only cleared, never replaced by a session', async () => {
    const [id] = (await t.login(demo.veloria.email)).token!.split('.');
    const garbage = ['garbage', 'a.b', `${id}.${'a'.repeat(32)}`, `${'x'.repeat(24)}.${'y'.repeat(32)}`, 'x'.repeat(4000), '..', '%00'];
    log.length = 0;
    for (const token of garbage) {
      const byBearer = await check(t.client(), { authorization: `Bearer ${token}` });
      expect([token.slice(0, 40), byBearer.status, byBearer.body]).toEqual([token.slice(0, 40), 200, { me: null }]);
      expect(byBearer.headers.get('set-cookie')).toBeNull();

      const byCookie = await check(t.client(), { cookie: `accord_session=${token}` });
      expect([token.slice(0, 40), byCookie.status, byCookie.body]).toEqual([token.slice(0, 40), 200, { me: null }]);
      // What the guard does for every route: tell the browser to forget a cookie that no longer signs in.
      expect(byCookie.headers.get('set-cookie')).toMatch(/^accord_session=;.*Max-Age=0/);
    }
    expect(log.filter((line) => line.level >= WARN_LEVEL)).toEqual([]);
  });

  it('after logout (a revoked session): { me: null }, for cookie and bearer alike', async () => {
    const cookie = await browserCookie(demo.observer.email);
    const token = cookie.split('=')[1]!;
    expect((await check(t.client(), { cookie })).body.me.user.email).toBe(demo.observer.email);
    expect((await t.client(token).post('/api/auth/logout')).status).toBe(204);
    expect((await check(t.client(), { cookie })).body).toEqual({ me: null });
    const bearer = await check(t.client(token));
    expect([bearer.status, bearer.body]).toEqual([200, { me: null }]);
  });

  it('slides the idle window exactly as /api/me does, and answers null once it has expired', async () => {
    const viaCheck = await t.login(demo.icrc.email);
    const viaMe = await t.login(demo.ngo.email);
    const lastActive = async (client: ApiClient) => {
      const [row] = await t.db.select().from(sessions).where(eq(sessions.id, client.token!.split('.')[0]!));
      return row?.lastActiveAt.getTime();
    };
    // Used every 90 minutes, each renews its 2-hour idle window, so both live past it.
    for (let i = 0; i < 3; i++) {
      clock.advance(1.5 * HOUR);
      expect((await check(viaCheck)).body.me?.user.email).toBe(demo.icrc.email);
      expect((await viaMe.get('/api/me')).status).toBe(200);
      expect(await lastActive(viaCheck)).toBe(clock.now().getTime());
      expect(await lastActive(viaMe)).toBe(clock.now().getTime());
    }
    // Left idle past the window: the check answers null, and the expired row is gone as after /api/me's 401.
    clock.advance(2 * HOUR + 1000);
    const expired = await check(viaCheck);
    expect([expired.status, expired.body]).toEqual([200, { me: null }]);
    expect((await viaMe.get('/api/me')).status).toBe(401);
    expect(await lastActive(viaCheck)).toBeUndefined();
    expect(await lastActive(viaMe)).toBeUndefined();
  });

  it('is listed in the OpenAPI document, open to anyone, answering SessionCheck', async () => {
    const doc = (await t.client().get('/api/docs/openapi.json')).body;
    const route = doc.paths['/api/auth/session'].get;
    expect(route.security).toContainEqual({});
    expect(route.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SessionCheck' });
  });
});

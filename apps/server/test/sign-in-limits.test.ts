/**
 * The sign-in limits (README, "Security model"): each attempt is counted before its password is
 * verified; counts are per account and address, per address, and a higher per-account ceiling.
 * Addresses are varied with TRUST_PROXY and X-Forwarded-For, as behind a reverse proxy.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

const PASSWORD = 'accord-demo';

async function signIn(t: TestServer, email: string, password: string, address: string) {
  const res = await t.client().post('/api/auth/login', { email, password }, { 'x-forwarded-for': address });
  return { status: res.status, code: res.body?.error?.code as string | undefined, retryAfter: res.headers.get('retry-after') };
}

async function failedSignInsAudited(t: TestServer, email: string): Promise<number> {
  const events = await t.db.query.auditEvents.findMany();
  return events.filter((e) => e.action === 'auth.login_failed' && e.detail.email === email).length;
}

describe('sign-in limits: per account and address, counted before the password is verified', () => {
  let t: TestServer;
  beforeAll(async () => {
    // The default limits, but for the per-address one, so that one address can try many accounts.
    t = await startTestServer({ env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' } });
  });
  afterAll(() => t?.close());

  it('150 simultaneous wrong passwords from one address get at most 5 password checks; the rest 429', async () => {
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => signIn(t, demo.secretariat.email, `wrong-${i}`, '203.0.113.10')),
    );
    const unauthorized = results.filter((r) => r.status === 401).length;
    const limited = results.filter((r) => r.status === 429);
    expect({ unauthorized, limited: limited.length }).toEqual({ unauthorized: 5, limited: 145 });
    expect(limited.every((r) => r.code === 'RATE_LIMITED' && Number(r.retryAfter) > 0)).toBe(true);
    // A 401 is a verified password; the audit trail records each of them, and only them.
    expect(await failedSignInsAudited(t, demo.secretariat.email)).toBe(5);
  });

  it("a guesser's failures from address A do not lock out the owner signing in from address B", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(t, demo.chair.email, `guess-${i}`, '203.0.113.66')).status).toBe(401);
    for (let i = 0; i < 20; i++) expect((await signIn(t, demo.chair.email, `guess-more-${i}`, '203.0.113.66')).code).toBe('RATE_LIMITED');
    // Address A stays locked out of this account, even with the right password.
    expect((await signIn(t, demo.chair.email, PASSWORD, '203.0.113.66')).status).toBe(429);
    // The chair, elsewhere, signs in at once.
    expect((await signIn(t, demo.chair.email, PASSWORD, '198.51.100.20')).status).toBe(200);
    // And after a typo or two, as anyone does.
    expect((await signIn(t, demo.chair.email, 'typo', '198.51.100.20')).status).toBe(401);
    expect((await signIn(t, demo.chair.email, PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('counts per address too: one address spraying accounts is stopped (per-address limit)', async () => {
    const sprayer = await startTestServer({
      env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '6', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' },
    });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => signIn(sprayer, `someone-${i}@accord.example`, 'guess', '203.0.113.99').then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(24);
      // Another address is not affected.
      expect((await signIn(sprayer, demo.ngo.email, PASSWORD, '198.51.100.7')).status).toBe(200);
    } finally {
      await sprayer.close();
    }
  });
});

describe('sign-in limits: the per-account ceiling', () => {
  let t: TestServer;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    t = await startTestServer({
      env: {
        TRUST_PROXY: 'true',
        LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '2',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
        LOGIN_FAILURE_WINDOW: '15m',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '12',
        LOGIN_ACCOUNT_FAILURE_WINDOW: '15m',
      },
    });
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(() => t?.close());

  it('stops a guesser spread over many addresses, and refused attempts never spend the ceiling', async () => {
    const email = demo.arandia.email;
    // One address hammering: 2 checked, 18 refused, none of them spending the account's ceiling.
    const hammer = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(t, email, `h-${i}`, '192.0.2.1').then((r) => r.status)));
    expect(hammer.filter((s) => s === 401)).toHaveLength(2);
    // Five more addresses, two guesses each: the ceiling of 12 is reached exactly.
    for (let a = 2; a <= 6; a++) {
      for (let i = 0; i < 2; i++) expect((await signIn(t, email, `g-${a}-${i}`, `192.0.2.${a}`)).status, `192.0.2.${a}`).toBe(401);
    }
    expect(await failedSignInsAudited(t, email)).toBe(12);
    // A fresh address is now refused before any password is checked, with a Retry-After.
    const refused = await signIn(t, email, 'g-7', '192.0.2.7');
    expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(await failedSignInsAudited(t, email)).toBe(12);
    // Other accounts are untouched.
    expect((await signIn(t, demo.veloria.email, PASSWORD, '192.0.2.7')).status).toBe(200);
  });

  it('a successful sign-in gives its attempt back: an owner who signs in often is never limited', async () => {
    for (let i = 0; i < 30; i++) expect((await signIn(t, demo.icrc.email, PASSWORD, '198.51.100.30')).status).toBe(200);
  });

  it('refuses a configuration where one address could reach the per-account ceiling', () => {
    expect(() => loadConfig({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '25' })).toThrow(/LOGIN_MAX_FAILURES_PER_ACCOUNT: must exceed/);
    expect(loadConfig({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '26' }).login.maxFailuresPerAccount).toBe(26);
    expect(loadConfig({}).login).toEqual({
      maxFailuresPerAccountAddress: 5,
      maxFailuresPerAddress: 30,
      failureWindowMs: 15 * 60_000,
      maxFailuresPerAccount: 100,
      accountFailureWindowMs: 60 * 60_000,
    });
  });
});

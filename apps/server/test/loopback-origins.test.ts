/**
 * A newcomer may open http://127.0.0.1:3000 while PUBLIC_URL is the default http://localhost:3000.
 * Rule: when PUBLIC_URL's host is a loopback name (localhost, 127.0.0.1, [::1]), the same port on the
 * other loopback names is the same server: HTTP mutations and the socket handshake accept it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { handshake } from './support/raw-socket.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

describe('loopback origins', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it.each(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])(
    'a browser at %s signs in, and its session cookie works for HTTP and the socket',
    async (origin) => {
      expect(t.publicOrigin).toBe('http://localhost:3000');
      const login = await t.client().post('/api/auth/login', { email: demo.arandia.email, password: 'accord-demo' }, { origin, 'sec-fetch-site': 'same-origin' });
      expect(login.status).toBe(200);
      const setCookie = login.headers.get('set-cookie')!;
      // Over plain http the cookie is neither Secure nor __Host-: a browser keeps it on either host.
      expect(setCookie).toMatch(/^accord_session=/);
      expect(setCookie).not.toMatch(/Secure|Domain=/i);
      const cookie = setCookie.split(';')[0]!;
      expect((await t.client().get('/api/me', { cookie, origin })).body.user.email).toBe(demo.arandia.email);
      const created = await t.client().post('/api/dialogues', { title: `Opened at ${origin}` }, { cookie, origin, 'sec-fetch-site': 'same-origin' });
      expect(created.status).toBe(201);
      expect(await handshake(t.url, { headers: { origin, cookie } })).toBe('connected');
    },
  );

  it('still refuses other ports and other hosts, over HTTP and the socket', async () => {
    const token = (await t.login(demo.veloria.email)).token!;
    const cookie = `accord_session=${token}`;
    for (const origin of ['http://127.0.0.1:3001', 'http://[::1]:8080', 'https://127.0.0.1:3000', 'http://127.0.0.2:3000', 'http://localhost.evil.example:3000']) {
      const res = await t.client().post('/api/auth/login', { email: demo.veloria.email, password: 'accord-demo' }, { origin });
      expect([origin, res.status, res.body.error?.code]).toEqual([origin, 403, 'CROSS_ORIGIN_REQUEST']);
      expect([origin, await handshake(t.url, { headers: { origin, cookie } })]).toEqual([origin, 'ORIGIN_NOT_ALLOWED']);
    }
  });

  it('adds loopback aliases only when PUBLIC_URL itself is on a loopback name', () => {
    expect([...loadConfig({}).allowedOrigins].toSorted()).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000']);
    expect([...loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080' }).allowedOrigins].toSorted()).toEqual([
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://localhost:8080',
    ]);
    expect([...loadConfig({ PUBLIC_URL: 'https://accord.example.org' }).allowedOrigins]).toEqual(['https://accord.example.org']);
    expect([...loadConfig({ PUBLIC_URL: 'https://accord.example.org', ALLOWED_ORIGINS: 'http://localhost:5173' }).allowedOrigins]).toEqual([
      'https://accord.example.org',
      'http://localhost:5173',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, demo } from './support/test-server.js';

describe('server smoke', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('answers /health with the database kind', async () => {
    const res = await t.client().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: t.dbKind });
  });

  it('signs in a demo user', async () => {
    const chair = await t.login(demo.chair.email);
    const me = await chair.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(demo.chair.email);
  });
});

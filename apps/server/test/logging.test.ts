import { Writable } from 'node:stream';
import { createTestDatabase } from '@accord/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/config.js';
import { DemoSeeder } from '../src/seed/demo-seeder.js';
import { ApiClient } from './support/test-server.js';

describe('request logs keep secrets out', () => {
  const lines: string[] = [];
  let close: () => Promise<void>;
  let api: ApiClient;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', PUBLIC_URL: 'http://localhost:3000' });
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = await createApp({ config, db: database.db, dbKind: database.kind, clock: systemClock, logger: pino({ level: 'info' }, sink) });
    await app.get(DemoSeeder).run();
    await app.listen(0, '127.0.0.1');
    api = new ApiClient(await app.getUrl());
    close = async () => {
      await app.close();
      await database.close();
    };
  });
  afterAll(() => close?.());

  it('logs neither session tokens, cookies, passwords nor invitation secrets', async () => {
    const login = await api.post('/api/auth/login', { email: 'chair@accord.example', password: 'accord-demo' });
    const chair = new ApiClient(api.baseUrl, login.body.token);
    const [dialogue] = (await chair.get('/api/dialogues')).body.dialogues;
    const invite = await chair.post(`/api/dialogues/${dialogue.id}/invitations`, { role: 'observer' });
    await api.get(`/api/invitations/${invite.body.token}`);
    await api.get(`/invite/${invite.body.token}`, { accept: 'text/html', cookie: `accord_session=${login.body.token}` });

    const log = lines.join('');
    expect(log).toContain('/api/invitations/[redacted]');
    for (const secret of [login.body.token, login.body.token.split('.')[1], invite.body.token, 'accord-demo']) {
      expect(log).not.toContain(secret);
    }
  });
});

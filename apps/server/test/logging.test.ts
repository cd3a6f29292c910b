import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { createTestDatabase } from '@accord/db/testing';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, createLogger } from '../src/app.js';
import { systemClock } from '../src/common/clock.js';
import { logOnlyIfUnusual, requestLogLevel, SLOW_REQUEST_MS } from '../src/common/request-log.js';
import { loadConfig } from '../src/config/config.js';
import { DemoSeeder } from '../src/seed/demo-seeder.js';
import { ApiClient } from './support/test-server.js';

interface Line {
  level: number;
  msg: string;
  req?: { url: string };
  res?: { statusCode: number };
}

/** A real app over a real socket, its log written to `lines`, serving a small web app of its own. */
async function startLoggedApp(): Promise<{ api: ApiClient; lines: string[]; close(): Promise<void> }> {
  const webDist = mkdtempSync(join(tmpdir(), 'accord-log-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Accord</title><script src="/assets/index-abc123.js"></script>');
  writeFileSync(join(webDist, 'assets/index-abc123.js'), 'console.log("accord");'.repeat(100));
  writeFileSync(join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', PUBLIC_URL: 'http://localhost:3000', WEB_DIST: webDist });
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const app = await createApp({ config, db: database.db, dbKind: database.kind, clock: systemClock, logger: pino({ level: 'info' }, sink) });
  await app.get(DemoSeeder).run();
  await app.listen(0, '127.0.0.1');
  return {
    api: new ApiClient(await app.getUrl()),
    lines,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}

describe('request logs keep secrets out', () => {
  let t: Awaited<ReturnType<typeof startLoggedApp>>;
  beforeAll(async () => {
    t = await startLoggedApp();
  });
  afterAll(() => t?.close());

  it('logs neither session tokens, cookies, passwords nor invitation secrets', async () => {
    const { api, lines } = t;
    const login = await api.post('/api/auth/login', { email: 'chair@accord.example', password: 'accord-demo' });
    const chair = new ApiClient(api.baseUrl, login.body.token);
    const [dialogue] = (await chair.get('/api/dialogues')).body.dialogues;
    const invite = await chair.post(`/api/dialogues/${dialogue.id}/invitations`, { role: 'observer' });
    await api.get(`/api/invitations/${invite.body.token}`);
    await api.get(`/invite/${invite.body.token}`, { accept: 'application/json', cookie: `accord_session=${login.body.token}` });

    const log = lines.join('');
    expect(log).toContain('/api/invitations/[redacted]');
    for (const secret of [login.body.token, login.body.token.split('.')[1], invite.body.token, 'accord-demo']) {
      expect(log).not.toContain(secret);
    }
  });

  it('never logs a request body: not a title, not bad JSON, not what the chair steers in session mode', async () => {
    const { api, lines } = t;
    const chair = new ApiClient(api.baseUrl, (await api.post('/api/auth/login', { email: 'chair@accord.example', password: 'accord-demo' })).body.token);
    const [dialogue] = (await chair.get('/api/dialogues')).body.dialogues;
    const [document] = (await chair.get(`/api/dialogues/${dialogue.id}/documents`)).body.documents;
    lines.length = 0;
    const created = await chair.post('/api/dialogues', { title: 'Marker-title-0451', description: 'Marker-description-0451' });
    expect(created.status).toBe(201);
    expect((await chair.post('/api/dialogues', '{"title": "Marker-bad-json-0451"')).status).toBe(400);
    // The floor and the current paragraph stay in the room (Chatham House): whatever the route answers.
    await chair.request('PUT', `/api/dialogues/${dialogue.id}/documents/${document.id}/session-mode`, {
      paragraphId: 'Marker-paragraph-0451',
      floorAffiliationId: 'Marker-floor-0451',
    });
    const log = lines.join('');
    expect(log).toContain('/session-mode');
    expect(log).not.toMatch(/Marker-/);
  });
});

describe('which requests are logged, one line each', () => {
  let t: Awaited<ReturnType<typeof startLoggedApp>>;
  beforeAll(async () => {
    t = await startLoggedApp();
  });
  afterAll(() => t?.close());

  const logged = () => t.lines.map((line) => JSON.parse(line) as Line).filter((line) => line.req);

  it('skips the web app’s files, its index.html for client-side routes and passing health checks', async () => {
    const { api } = t;
    t.lines.length = 0;
    const html = { accept: 'text/html' };
    const asset = await api.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect((await api.get('/favicon.svg')).status).toBe(200);
    expect((await api.get('/', html)).status).toBe(200);
    expect((await api.get('/dialogues/3f0c6a4e-6a0e-4b57-9a59-0a4f2f4e7a10', html)).status).toBe(200);
    expect((await api.get('/health')).status).toBe(200);
    expect(logged()).toEqual([]);
  });

  it('still logs every API request, and a missing file, as one line that says what happened', async () => {
    const { api } = t;
    t.lines.length = 0;
    expect((await api.get('/api/auth/session')).status).toBe(200);
    expect((await api.get('/api/me')).status).toBe(401);
    expect((await api.get('/api/no-such-route')).status).toBe(404);
    expect((await api.get('/assets/missing-000000.js')).status).toBe(404);
    const lines = logged();
    expect(lines.map((line) => [line.req!.url, line.res!.statusCode])).toEqual([
      ['/api/auth/session', 200],
      ['/api/me', 401],
      ['/api/no-such-route', 404],
      ['/assets/missing-000000.js', 404],
    ]);
    expect(lines[0]!.msg).toMatch(/^GET \/api\/auth\/session 200 \d+ms$/);
    expect(lines.every((line) => line.level === 30)).toBe(true);
  });

  it('logs a routine answer after all when it is slow, and any failure as an error', () => {
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    logOnlyIfUnusual(res);
    expect(requestLogLevel(res, undefined, 5)).toBe('silent');
    expect(requestLogLevel(res, undefined, SLOW_REQUEST_MS)).toBe('info');
    res.statusCode = 503;
    expect(requestLogLevel(res, undefined, 5)).toBe('error');
    res.statusCode = 404;
    expect(requestLogLevel(res, undefined, 5)).toBe('info');
    const api = new ServerResponse(new IncomingMessage(new Socket()));
    expect(requestLogLevel(api, undefined, 5)).toBe('info');
    expect(requestLogLevel(api, new Error('socket hang up'), 5)).toBe('error');
  });
});

describe('log format: readable lines for a person at a terminal, JSON for machines', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is pretty in development at a terminal, JSON in a pipe, in CI and in production; LOG_FORMAT decides when set', () => {
    const tty = { stdoutIsTTY: true };
    const pipe = { stdoutIsTTY: false };
    expect(loadConfig({}, tty).logFormat).toBe('pretty');
    expect(loadConfig({}, pipe).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production' }, tty).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'test' }, tty).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, tty).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, pipe).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' }, tty)).toThrow(/LOG_FORMAT: json or pretty/);
  });

  it('pretty: one short line per request, without the fields meant for machines', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const logger = createLogger({ logLevel: 'info', logFormat: 'pretty' });
    logger.info({ req: { id: 1, method: 'GET', url: '/api/me' }, res: { statusCode: 200 }, responseTime: 12 }, 'GET /api/me 200 12ms');
    logger.warn({ context: 'Errors' }, 'something odd');
    vi.restoreAllMocks();
    const text = stripVTControlCharacters(written.join(''));
    expect(text.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/me 200 12ms$/),
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] WARN: \[Errors\] something odd$/),
    ]);
  });
});

/**
 * A server stopped with SIGTERM (a deploy, a rolling restart, one of several servers leaving) closes
 * its sockets itself. socket.io never reconnects after a server-side close, so the SDK must, unless
 * the server said the session is over (`fatal`). The bench's failover figure found clients that
 * stayed disconnected for good after a graceful stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccordApi, AccordClient } from '@accord/client';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft, draftOf } from '../../apps/server/test/support/rolling-text.js';
import { freePort, launch, requireBuiltServer, type ServerProcess, withTimeout } from '../support/built-server.js';

const usePostgres = Boolean(process.env.DATABASE_URL);

describe(`a graceful stop and restart (${usePostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let env: Record<string, string>;
  let server: ServerProcess | null = null;
  let database: TestDatabase | null = null;
  let dir = '';
  let url = '';
  const clients: AccordClient[] = [];

  beforeAll(async () => {
    requireBuiltServer();
    if (usePostgres) database = await createTestDatabase(process.env.DATABASE_URL, { migrate: false });
    else dir = mkdtempSync(join(tmpdir(), 'accord-graceful-'));
    const port = await freePort();
    env = { PORT: String(port), SEED_DEMO: 'true', LOG_LEVEL: 'warn', ...(database ? { DATABASE_URL: database.url! } : { PGLITE_DIR: dir }) };
    server = await launch(env, 90_000);
    url = `http://127.0.0.1:${port}`;
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    if (server?.running) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the SDK reconnects by itself after SIGTERM, and an edit made while the server was away is saved', async () => {
    const api = new AccordApi({ baseUrl: url });
    await api.signIn('arandia@accord.example', 'accord-demo');
    const chair = new AccordApi({ baseUrl: url });
    await chair.signIn('chair@accord.example', 'accord-demo');
    const [dialogue] = await chair.dialogues.list();
    const { id: documentId } = await chair.documents.create(dialogue!.id, { title: 'Graceful restart', symbol: `T15/GRACE/${Date.now().toString(36)}` });

    const client = await AccordClient.connect({ url, token: api.token!, transports: ['websocket'], reconnectionDelayMaxMs: 500 });
    clients.push(client);
    const handle = client.open(documentId);
    await handle.synced;
    draft(handle.doc).insert(0, 'before ');
    await handle.whenSaved();

    server!.child.kill('SIGTERM');
    await withTimeout(server!.exited, 30_000, 'the server to stop');
    expect(server!.child.exitCode).toBe(0);
    draft(handle.doc).insert(0, 'while away ');
    server = await launch(env, 90_000);

    await withTimeout(handle.whenSaved(), 20_000, 'the edit made while the server was away to be saved after the restart');
    expect(client.connected).toBe(true);
    const reader = await AccordClient.connect({ url, token: chair.token!, transports: ['websocket'] });
    clients.push(reader);
    const fresh = reader.open(documentId);
    await fresh.synced;
    expect(draftOf(fresh.doc)).toContain('while away before');
  }, 180_000);
});

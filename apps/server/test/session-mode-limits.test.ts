/**
 * Two guards on session mode, against a real server and real sockets: a steward who steers in a
 * flood is slowed (each change goes to every socket in the room), and a member whose role or
 * affiliation changes while the document is open is told the room's state again, since events to
 * them were held back while the server re-read their membership.
 */
import { AccordClient } from '@accord/client';
import type { SessionMode } from '@accord/contract';
import { sessionModes } from '@accord/db';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import { fromJSON } from '@accord/text';
import { listBlocks } from '@accord/text/amendments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../src/seed/demo-data.js';
import { eventually } from './support/eventually.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let chair: ApiClient;
let dialogueId: string;
let documentId: string;
const paragraphs: string[] = [];
const clients: AccordClient[] = [];

const path = () => `/api/dialogues/${dialogueId}/documents/${documentId}/session-mode`;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestServer({ database });
  chair = await t.login(demo.chair.email);
  dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
  const documents = (await chair.get(`/api/dialogues/${dialogueId}/documents`)).body.documents as Array<{ id: string; symbol: string }>;
  documentId = documents.find((d) => d.symbol === demoDocument.symbol)!.id;
  const content = (await chair.get(`/api/dialogues/${dialogueId}/documents/${documentId}/text`)).body.content;
  for (const block of listBlocks(fromJSON(content))) if (block.kind === 'paragraph') paragraphs.push(block.id);
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
  await database?.close();
});

describe('session mode limits', { timeout: 120_000 }, () => {
  it('a flood of steering is refused as RATE_LIMITED past a burst, and only accepted changes count', async () => {
    const [seeded] = await t.db.select().from(sessionModes);
    const before = seeded?.version ?? 0;
    // Sent at once, so the flood outruns the refill however slow the machine: 120 steers against a
    // burst of 60 and 10 a second are refused in part unless answering them takes over 6 s.
    const FLOOD = 120;
    const answers = await Promise.all(
      Array.from({ length: FLOOD }, (_, i) => chair.request<any>('PUT', path(), { paragraphId: paragraphs[i % paragraphs.length] })),
    );
    const accepted = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(accepted.length + limited.length).toBe(FLOOD);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body.error.code).toBe('RATE_LIMITED');
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    // The version counts exactly the accepted changes: a refusal wrote nothing.
    const [row] = await t.db.select().from(sessionModes);
    expect(row!.version).toBe(before + accepted.length);
    // The budget refills: a moment later the chair steers again.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await chair.request('PUT', path(), { paragraphId: paragraphs[0] })).status).toBe(200);
  });

  it('a member whose affiliation changes with the document open is told the room again', async () => {
    const arandia = await t.login(demo.arandia.email);
    const client = await AccordClient.connect({ url: t.url, token: arandia.token!, transports: ['websocket'] });
    clients.push(client);
    const heard: SessionMode[] = [];
    client.onEvent('session_mode.changed', (data) => heard.push(data.sessionMode));
    await client.open(documentId).synced;
    const state = (await chair.get<SessionMode>(path())).body;

    const members = (await chair.get(`/api/dialogues/${dialogueId}/members`)).body.members as Array<{ userId: string; displayName: string }>;
    const arandiaId = members.find((m) => m.displayName === demo.arandia.displayName)!.userId;
    const changed = await chair.request('PATCH', `/api/dialogues/${dialogueId}/members/${arandiaId}`, {
      role: 'delegate',
      affiliation: { name: 'Republic of Arandia (Mission in Geneva)', kind: 'government' },
    });
    expect(changed.status).toBe(204);
    await eventually(() => expect(heard.at(-1)).toEqual(state), 5_000);
  });
});

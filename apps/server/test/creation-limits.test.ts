/**
 * Creating dialogues, documents and comments is rate-limited per user (MAX_DIALOGUES_PER_HOUR,
 * MAX_DOCUMENTS_PER_HOUR, MAX_COMMENTS_PER_HOUR): any signed-in user may open a dialogue, so without a
 * limit one account could fill the database. A refusal is 429 RATE_LIMITED with Retry-After, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { snapshot } from './support/snapshot.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

describe('creation limits per user', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { MAX_DIALOGUES_PER_HOUR: '3', MAX_DOCUMENTS_PER_HOUR: '4', MAX_COMMENTS_PER_HOUR: '3' } });
  });
  afterAll(() => t?.close());

  it('refuses the fourth dialogue in an hour with 429 RATE_LIMITED and Retry-After, changing nothing', async () => {
    const observer = await t.login(demo.observer.email);
    for (let i = 1; i <= 3; i++) expect((await observer.post('/api/dialogues', { title: `Side event ${i}` })).status).toBe(201);
    const before = await snapshot(t.db);
    const refused = await observer.post('/api/dialogues', { title: 'One too many' });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await snapshot(t.db)).toBe(before);
    // Per user: another member is not affected.
    expect((await (await t.login(demo.ngo.email)).post('/api/dialogues', { title: 'NGO caucus' })).status).toBe(201);
  });

  it('holds under simultaneous requests: 12 at once create exactly 3', async () => {
    const icrc = await t.login(demo.icrc.email);
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => icrc.post('/api/dialogues', { title: `Burst ${i}` }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    const mine = (await icrc.get('/api/dialogues')).body.dialogues.filter((d: { title: string }) => d.title.startsWith('Burst '));
    expect(mine).toHaveLength(3);
  });

  it('refuses the fifth document in an hour, across dialogues, changing nothing', async () => {
    const veloria = await t.login(demo.veloria.email);
    const first = (await veloria.post('/api/dialogues', { title: 'Bilateral one' })).body.id as string;
    const second = (await veloria.post('/api/dialogues', { title: 'Bilateral two' })).body.id as string;
    for (let i = 1; i <= 4; i++) {
      const dialogueId = i % 2 ? first : second;
      expect((await veloria.post(`/api/dialogues/${dialogueId}/documents`, { title: 'Draft', symbol: `BIL/${i}` })).status).toBe(201);
    }
    const before = await snapshot(t.db);
    const refused = await veloria.post(`/api/dialogues/${first}/documents`, { title: 'Draft', symbol: 'BIL/5' });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('refuses the fourth comment in an hour (threads and replies together), changing nothing', async () => {
    const secretariat = await t.login(demo.secretariat.email);
    const dialogueId = (await secretariat.get('/api/dialogues')).body.dialogues[0].id as string;
    const documentId = (await secretariat.get(`/api/dialogues/${dialogueId}/documents`)).body.documents[0].id as string;
    const base = `/api/dialogues/${dialogueId}/documents/${documentId}/comments`;
    const paragraphId = (await secretariat.get(base)).body.threads[0].anchor.paragraphId as string;
    const opened = await secretariat.post(base, { paragraphId, audience: 'stewards', body: 'First' });
    expect(opened.status).toBe(201);
    for (const body of ['Second', 'Third']) expect((await secretariat.post(`${base}/${opened.body.thread.id}/replies`, { body })).status).toBe(201);
    const before = await snapshot(t.db);
    const refused = await secretariat.post(base, { paragraphId, audience: 'stewards', body: 'Fourth' });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('checks authorization first: a refused outsider spends nothing', async () => {
    const chair = await t.login(demo.chair.email);
    const dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id as string;
    const outsider = await t.login(demo.arandia.email);
    const own = (await outsider.post('/api/dialogues', { title: 'Arandia only' })).body.id as string;
    for (let i = 0; i < 6; i++) {
      // A delegate may not create documents in the demo dialogue: 403, whatever the count.
      expect((await outsider.post(`/api/dialogues/${dialogueId}/documents`, { title: 'No', symbol: `NO/${i}` })).status).toBe(403);
    }
    for (let i = 1; i <= 4; i++) expect((await outsider.post(`/api/dialogues/${own}/documents`, { title: 'Own', symbol: `OWN/${i}` })).status).toBe(201);
  });

  it('defaults to 20 dialogues, 100 documents and 600 comments and 200 amendments per user per hour', () => {
    expect(loadConfig({}).creation).toEqual({ dialoguesPerHour: 20, documentsPerHour: 100, commentsPerHour: 600, amendmentsPerHour: 200 });
  });
});

/**
 * Exports cost the server time: a 20,000-paragraph DOCX held the server's one thread for six seconds
 * and its PDF held Chromium for over two minutes, and any member, an observer too, could ask again
 * and again. Each member now has an export time budget (the history's replay rate; here one
 * millisecond a second, so the second export in a row is refused) and one PDF at a time.
 */
import type { TestDatabase } from '@accord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AmendmentsFixture, closeDemoServer, type DemoName, openDemoServer } from './support/amendments.js';
import { download } from './support/exports.js';
import { demo, type TestServer } from './support/test-server.js';

let database: TestDatabase;
let t: TestServer;
let f: AmendmentsFixture;
const tokens = new Map<DemoName, string>();

beforeAll(async () => {
  ({ database, t, f } = await openDemoServer({ HISTORY_REPLAY_MS_PER_SECOND: '1' }));
  for (const name of Object.keys(demo) as DemoName[]) tokens.set(name, (await t.login(demo[name].email)).token!);
});

afterAll(() => closeDemoServer({ database, t, f }));

const exportAs = (as: DemoName, format: string) =>
  download(t.url, tokens.get(as), `/api/dialogues/${f.dialogueId}/documents/${f.demoDocumentId}/export?format=${format}`);

describe('an export time budget per member', () => {
  it('an export past the budget is a 429 with Retry-After; another member is not held up by it', async () => {
    const first = await exportAs('observer', 'docx');
    expect(first.status).toBe(200);
    const second = await exportAs('observer', 'docx');
    expect(second.status, second.text.slice(0, 200)).toBe(429);
    expect(JSON.parse(second.text).error.code).toBe('RATE_LIMITED');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await exportAs('ngo', 'docx')).status).toBe(200);
  });
});

describe('one PDF at a time per member', () => {
  it('two PDFs asked for at once by one member: one is made, the other refused; another member still gets theirs', async () => {
    const [a, b, other] = await Promise.all([exportAs('arandia', 'pdf'), exportAs('arandia', 'pdf'), exportAs('veloria', 'pdf')]);
    expect([a.status, b.status].toSorted()).toEqual([200, 429]);
    expect(other.status).toBe(200);
    expect(new TextDecoder().decode((a.status === 200 ? a : b).bytes.subarray(0, 5))).toBe('%PDF-');
  });
});

/// <reference lib="dom" />
/**
 * The client never repairs by deleting (issue 9, fault 1). A text stored before the server checked
 * content against the schema can hold what the editor cannot show: here an unknown mark on the
 * words of Box I(1) (the binding deletes a text run it cannot convert, and sends the deletion as the
 * member's edit) and a status that is an object whose toString cannot be called (which blanked the
 * app for everyone). Rule: a delegate's editor opened on such a text stays read-only, says why, and
 * writes nothing: the server's log gains no row; the rest of the page works.
 */
import { documentUpdates, openDatabase } from '@accord/db';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type AccordStorage, type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the end-to-end suite: ${availability.reason}\n`);

/** The database a stopped server left, opened from the test: the server holds PGlite's files while it runs. */
async function withDatabase<T>(storage: AccordStorage, work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ url: storage.env.DATABASE_URL, pgliteDir: storage.env.PGLITE_DIR, migrate: false, maxConnections: 1 });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function logOf(storage: AccordStorage, documentId: string) {
  const rows = await withDatabase(storage, (db) => db.select().from(documentUpdates));
  return rows.filter((row) => row.documentId === documentId).toSorted((a, b) => a.seq - b.seq);
}

/** Stores an update as a server from before the schema check would have stored whatever a client sent. */
async function storeLegacyContent(storage: AccordStorage, documentId: string): Promise<void> {
  const rows = await logOf(storage, documentId);
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.update);
  const before = Y.encodeStateVector(doc);
  const boxes = doc.getXmlFragment(ROLLING_TEXT_FIELD);
  const paragraphOf = (box: number) => (boxes.get(box) as Y.XmlElement).get(1) as Y.XmlElement;
  doc.transact(() => {
    const words = new Y.XmlText();
    (paragraphOf(0).get(0) as Y.XmlElement).insert(0, [words]);
    words.insert(0, 'Words an old client marked with a mark nobody knows.', { evil: true });
    paragraphOf(1).setAttribute('status', { toString: 1 } as never);
    const safe = new Y.XmlText();
    (paragraphOf(2).get(0) as Y.XmlElement).insert(0, [safe]);
    safe.insert(0, 'Words every editor can show.');
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  await withDatabase(storage, (db) =>
    db.insert(documentUpdates).values({ documentId, seq: rows.length + 1, update, userId: rows[0]!.userId, sessionId: 'legacy', connectionId: 'legacy' }),
  );
}

describe.runIf(availability.run)('a text holding content the editor cannot show', { timeout: 120_000 }, () => {
  let server: RunningServer | null = null;
  let browser: Browser;
  let documentId: string;
  let documentUrl: string;
  let textApi: string;

  beforeAll(async () => {
    const first = await startAccord();
    const headers = { authorization: `Bearer ${await first.token('chair@accord.example')}`, 'content-type': 'application/json' };
    const { dialogues } = (await (await fetch(`${first.url}/api/dialogues`, { headers })).json()) as { dialogues: Array<{ id: string }> };
    const dialogueId = dialogues[0]!.id;
    const created = await fetch(`${first.url}/api/dialogues/${dialogueId}/documents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'An old text', symbol: 'T15/AWS/2025/LEGACY' }),
    });
    documentId = ((await created.json()) as { id: string }).id;
    await first.stop({ keepStorage: true });
    await storeLegacyContent(first.storage, documentId);
    [server, browser] = await Promise.all([startAccord({ storage: first.storage }), launchChromium()]);
    documentUrl = `${server!.url}/dialogues/${dialogueId}/documents/${documentId}`;
    textApi = `${server!.url}/api/dialogues/${dialogueId}/documents/${documentId}/text`;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    (page as Page & { errors?: string[] }).errors = errors;
    await page.goto(documentUrl);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  it("a delegate's editor stays read-only, says why, and the server's log gains no row", async () => {
    const page = await openAs('arandia@accord.example');
    const notice = page.locator('.unrenderable-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('This text holds content this editor cannot show, so editing is turned off and nothing of it is lost.');
    expect(await notice.textContent()).toContain('unknown mark "evil"');
    const editor = page.getByRole('textbox', { name: 'Rolling text' });
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    expect(await editor.getAttribute('aria-describedby')).toBe(await notice.getAttribute('id'));
    // The rest of the text is shown, and the page did not fail.
    await expect.poll(() => editor.textContent()).toContain('Words every editor can show.');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.screenshot({ path: screenshotPath('unrenderable-content') });
    // Trying to type changes nothing.
    await editor.click();
    await page.keyboard.type('typed anyway');
    await page.keyboard.press('Backspace');
    expect(await editor.textContent()).not.toContain('typed anyway');
    // Time for anything the page might send to arrive, then the text endpoint still answers.
    await page.waitForTimeout(1500);
    const running = server!;
    const token = await running.token('chair@accord.example');
    const text = await fetch(textApi, { headers: { authorization: `Bearer ${token}` } });
    expect([200, 409]).toContain(text.status);
    await page.context().close();

    // Read once the server has stopped: PGlite's files belong to the server while it runs.
    server = null;
    await running.stop({ keepStorage: true });
    try {
      const rows = await logOf(running.storage, documentId);
      expect(rows.map((row) => row.sessionId)).toEqual(['server', 'legacy']);
    } finally {
      await running.storage.release();
    }
  });
});

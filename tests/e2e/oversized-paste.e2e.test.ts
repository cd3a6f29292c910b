/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';

/**
 * Issue 9, fault 8, in a real browser: a delegate pastes about 1.5 MB of text into a paragraph and
 * types a word. The paste is refused before it is applied, with a message saying how large it is,
 * what the limit is, and to paste in parts; the editor stays; the word is saved; the server's text
 * never holds the paste, also after the page is reloaded (the offline copy is clean).
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the oversized-paste end-to-end test: ${availability.reason}\n`);

interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  content?: PmNode[];
}

function textOf(node: PmNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join('');
}

function findNode(node: PmNode, id: string): PmNode | undefined {
  if (node.attrs?.id === id) return node;
  for (const child of node.content ?? []) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

const saveStatus = (page: Page) => page.getByTestId('save-status');

describe.runIf(availability.run)('an oversized paste in a real browser', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let documentUrl: string;
  let documentApi: string;
  let token: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    token = await server.token('chair@accord.example');
    const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const { dialogues } = await get<{ dialogues: Array<{ id: string }> }>('/api/dialogues');
    const { documents } = await get<{ documents: Array<{ id: string }> }>(`/api/dialogues/${dialogues[0]!.id}/documents`);
    documentUrl = `${server.url}/dialogues/${dialogues[0]!.id}/documents/${documents[0]!.id}`;
    documentApi = `${server.url}/api/dialogues/${dialogues[0]!.id}/documents/${documents[0]!.id}/text`;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function serverText(): Promise<{ text: string; content: PmNode }> {
    const response = await fetch(documentApi, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as { text: string; content: PmNode };
  }

  it('is refused before it is applied, with its size, the limit and "paste it in parts"; the word typed after it is saved; the server never holds it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(documentUrl);
    await page.getByLabel('Email address').fill('arandia@accord.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    const before = await serverText();

    const target = page.locator('[data-paragraph][data-status="under_negotiation"]').first();
    const id = (await target.getAttribute('data-id'))!;
    const text = page.locator(`[data-paragraph][data-id="${id}"] [data-paragraph-text]`);
    const box = (await text.boundingBox())!;
    await text.click({ position: { x: box.width - 2, y: box.height - 4 } });
    await page.keyboard.press('End');
    const paragraphBefore = textOf(findNode(before.content, id)!.content![0]!);

    // The paste, as the browser delivers it: a paste event carrying 1.5 MB of plain text.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(27_000));
      document.querySelector('.rolling-text')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const alert = page.getByRole('alert').filter({ hasText: 'Paste it in parts' });
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toMatch(/about 1\.\d MB, and one change can be at most 1 MiB\. Paste it in parts\./);
    await page.screenshot({ path: screenshotPath('oversized-paste-refused') });

    // The editor is still there, and the next word goes in and is saved.
    await page.keyboard.type(' ensure');
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 20_000 }).toBe('Saved');
    const after = await serverText();
    expect(textOf(findNode(after.content, id)!.content![0]!)).toBe(`${paragraphBefore} ensure`);
    expect(after.text).not.toContain('Lorem ipsum');
    expect(after.text.length).toBe(before.text.length + ' ensure'.length);

    // A reload (the offline copy, then a resync) brings nothing of the paste back.
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 20_000 }).toBe('Saved');
    expect((await serverText()).text).toBe(after.text);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

/// <reference lib="dom" />
import type { AccordApi } from '@accord/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';

/**
 * The rules of the room in a real browser, on the demo text: for a delegate an agreed paragraph is
 * read-only and says why, typing in it changes nothing, and there is no status control; the chair
 * trying to mark a paragraph with open brackets agreed is told which brackets remain.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the end-to-end suite: ${availability.reason}\n`);

const paragraphCited = (page: Page, citation: string) => page.locator(`[data-paragraph][data-citation="${citation}"]`);
/** A paragraph's words without the drawn label, status and note. */
const wordsOf = (page: Page, citation: string) => paragraphCited(page, citation).locator('[data-paragraph-text]').evaluate((el) => el.textContent ?? '');

/** Box I(1)'s line in the server's plain text. */
const heldLine = (text: string) => text.split('\n').find((line) => line.startsWith('1. The characterisation set out'));

describe.skipIf(!availability.run)('the rules of the room in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let documentUrl = '';
  let chairApi: AccordApi;
  let place = { dialogueId: '', documentId: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairApi = await server.api('chair@accord.example');
    const [dialogue] = await chairApi.dialogues.list();
    const [document] = await chairApi.documents.list(dialogue!.id);
    place = { dialogueId: dialogue!.id, documentId: document!.id };
    documentUrl = `${server.url}/dialogues/${place.dialogueId}/documents/${place.documentId}`;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  async function serverText(): Promise<string> {
    return (await chairApi.documents.text(place.dialogueId, place.documentId)).text;
  }

  async function openAs(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${email}] page error: ${error.message}\n`));
    await page.goto(documentUrl);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    return page;
  }

  it('a delegate: an agreed paragraph is read-only with a note why, typing in it changes nothing, no status control', async () => {
    const arandia = await openAs('arandia@accord.example');
    const agreed = paragraphCited(arandia, 'Box I(1)');
    await expect.poll(() => agreed.getAttribute('class')).toContain('rt-locked');
    expect(await agreed.getAttribute('title')).toBe('Agreed: only the chair or the secretariat may reopen it');
    expect(await agreed.locator('.rt-locked-note').textContent()).toBe('Agreed: only the chair or the secretariat may reopen it');
    // Under negotiation: not locked.
    expect(await paragraphCited(arandia, 'Box I(2)').getAttribute('class')).not.toContain('rt-locked');

    const before = await wordsOf(arandia, 'Box I(1)');
    const held = heldLine(await serverText());
    expect(held).toBeDefined();
    await agreed.locator('[data-paragraph-text]').click();
    await arandia.keyboard.type('Arandia wants this changed ');
    await arandia.keyboard.press('Backspace');
    await expect.poll(() => arandia.getByRole('alert').filter({ hasText: 'Not changed' }).textContent()).toContain(
      'Box I(1) is agreed: only the chair or the secretariat may reopen it',
    );
    expect(await wordsOf(arandia, 'Box I(1)')).toBe(before);
    expect(await arandia.getByLabel('Status').count()).toBe(0);
    await agreed.scrollIntoViewIfNeeded();
    await arandia.screenshot({ path: screenshotPath('rules-agreed-paragraph-delegate') });

    // Typing in a paragraph under negotiation still works and is saved.
    await paragraphCited(arandia, 'Box III(1)').locator('[data-paragraph-text]').click();
    await arandia.keyboard.press('End');
    await arandia.keyboard.type(' Typed by Arandia.');
    await expect.poll(async () => await serverText(), { timeout: 20_000 }).toContain('Typed by Arandia.');
    expect(heldLine(await serverText())).toBe(held);
  });

  it('the chair marking a paragraph with open brackets agreed is told which brackets remain', async () => {
    const chair = await openAs('chair@accord.example');
    expect(await paragraphCited(chair, 'Box I(1)').getAttribute('class')).not.toContain('rt-locked');
    await paragraphCited(chair, 'Box III(1)').locator('[data-paragraph-text]').click();
    await chair.getByLabel('Status').selectOption({ label: 'Agreed' });
    const alert = chair.getByRole('alert').filter({ hasText: 'Not changed' });
    await expect.poll(() => alert.textContent()).toContain('Box III(1) still has 4 open brackets: [High Contracting Parties], [States], [shall], [should]');
    expect(await paragraphCited(chair, 'Box III(1)').getAttribute('data-status')).toBe('under_negotiation');
    await chair.screenshot({ path: screenshotPath('rules-open-brackets-chair') });
    expect(await alert.isVisible()).toBe(true);
  });
});

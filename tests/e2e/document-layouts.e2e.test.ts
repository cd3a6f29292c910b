/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccordApi } from '@accord/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium } from './support/browser.js';

/**
 * New documents and their boxes in a real browser (issue 14): the chair creates a blank text and a
 * five-box text with a changed title from the dialogue page (from the keyboard, axe-core checking the
 * form), names a box by typing in its title, and adds a box with the New box tool and its shortcut;
 * a delegate's box titles take no caret and stay as they are, and the delegate has no New box tool.
 * Screenshots go to $TMPDIR/accord-e2e-14/ for a person to look at.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the end-to-end suite: ${availability.reason}\n`);

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const shots = join(tmpdir(), 'accord-e2e-14');
const shot = (name: string) => join(shots, `layouts-${name}.png`);

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
  passes: unknown[];
}

/** axe-core's WCAG 2.1 A/AA violations inside the element `selector` picks (any impact). */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Injected as a script: the context bypasses the Content Security Policy that rightly forbids it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript });
  return page.evaluate(async (sel) => {
    const element = document.querySelector(sel);
    if (!element) throw new Error(`nothing matches ${sel}`);
    const result = await (window as unknown as { axe: { run(context: Element, options: object): Promise<AxeResult> } }).axe.run(element, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    if (result.passes.length === 0) throw new Error(`axe checked nothing in ${sel}`);
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
  }, selector);
}

const FORM = 'form[aria-labelledby="new-document-heading"]';
const titles = (page: Page) => page.locator('h2[data-box-title]');

describe.skipIf(!availability.run)('new documents and box titles in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let chairApi: AccordApi;
  let dialogueId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairApi = await server.api('chair@accord.example');
    dialogueId = (await chairApi.dialogues.list())[0]!.id;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, path: string, options: { axe?: boolean } = {}): Promise<Page> {
    // axe-core is injected as a script, which the page's Content Security Policy rightly forbids.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: options.axe ?? false });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${email}] page error: ${error.message}\n`));
    await page.goto(`${server.url}${path}`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  async function documentBySymbol(symbol: string): Promise<string> {
    const found = (await chairApi.documents.list(dialogueId)).find((d) => d.symbol === symbol);
    if (!found) throw new Error(`no document ${symbol}`);
    return found.id;
  }

  const serverText = async (symbol: string) => (await chairApi.documents.text(dialogueId, await documentBySymbol(symbol))).text;
  const documentPath = async (symbol: string) => `/dialogues/${dialogueId}/documents/${await documentBySymbol(symbol)}`;

  it('the chair creates a blank text, and a five-box text with a changed title, a box removed and one added, from the keyboard', async () => {
    const page = await signedIn('chair@accord.example', `/dialogues/${dialogueId}`, { axe: true });
    const form = page.locator(FORM);
    await form.waitFor({ timeout: 30_000 });
    // The template is chosen at first, its five CCW titles in the list.
    expect(await form.getByLabel('Five-box template').isChecked()).toBe(true);
    expect(await form.getByLabel('Box III', { exact: true }).inputValue()).toBe('Prohibitions and requirements');
    expect(await axeViolations(page, FORM)).toEqual([]);

    // A blank text.
    await form.getByLabel('Title', { exact: true }).fill('Blank draft');
    await form.getByLabel('Symbol').fill('T15/BLANK/1');
    await form.getByLabel('Blank text').check();
    expect(await form.getByLabel('Box I', { exact: true }).count()).toBe(0);
    await form.getByRole('button', { name: 'Create document' }).click();
    await expect.poll(() => form.getByRole('status').textContent().catch(() => '')).toContain('T15/BLANK/1 has been created.');
    expect(await serverText('T15/BLANK/1')).toBe('Box I.\n\n1.\n');

    // The five boxes, from the keyboard: Box III renamed, Box V removed, a box added and named.
    await form.getByLabel('Title', { exact: true }).fill('Five boxes');
    await form.getByLabel('Symbol').fill('T15/BOXES/1');
    expect(await form.getByLabel('Five-box template').isChecked()).toBe(true);
    await form.getByLabel('Box III', { exact: true }).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Prohibitions, restrictions and requirements');
    await form.getByRole('button', { name: 'Remove Box V' }).focus();
    await page.keyboard.press('Enter');
    // Focus goes to the box before the one removed (it was the last).
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('Measures across the life cycle, including legal reviews');
    await form.getByRole('button', { name: 'Add a box' }).focus();
    await page.keyboard.press('Space');
    // Focus lands in the new, empty Box V.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(await form.getByLabel('Box V', { exact: true }).getAttribute('id'));
    await page.keyboard.type('Final provisions');
    expect(await axeViolations(page, FORM)).toEqual([]);
    await form.screenshot({ path: shot('form-five-boxes') });
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByRole('status').textContent().catch(() => '')).toContain('T15/BOXES/1 has been created.');
    expect((await serverText('T15/BOXES/1')).split('\n').filter((line) => line.startsWith('Box '))).toEqual([
      'Box I. Characterisation of lethal autonomous weapons systems',
      'Box II. Application of international humanitarian law and the human element needed to comply with it',
      'Box III. Prohibitions, restrictions and requirements',
      'Box IV. Measures across the life cycle, including legal reviews',
      'Box V. Final provisions',
    ]);
    // The form is ready for the next document: the five CCW boxes again.
    expect(await form.getByLabel('Box V', { exact: true }).inputValue()).toBe('Accountability and responsibility');
  });

  it('a bad box title is shown beside its field, and nothing is created', async () => {
    const page = await signedIn('chair@accord.example', `/dialogues/${dialogueId}`);
    const form = page.locator(FORM);
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('Title', { exact: true }).fill('Too long');
    await form.getByLabel('Symbol').fill('T15/LONG/1');
    // Past the input's own limit, as a script or an old browser could send it.
    await form.getByLabel('Box II', { exact: true }).evaluate((input: HTMLInputElement) => input.removeAttribute('maxlength'));
    await form.getByLabel('Box II', { exact: true }).fill('x'.repeat(301));
    await form.getByRole('button', { name: 'Create document' }).click();
    const field = form.getByLabel('Box II', { exact: true });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${describedBy[0]}"]`).textContent()).toMatch(/300/);
    expect((await chairApi.documents.list(dialogueId)).some((d) => d.symbol === 'T15/LONG/1')).toBe(false);
    await form.screenshot({ path: shot('form-title-too-long') });
  });

  it('the chair names a blank text’s box by typing in its title, and adds boxes with New box and its shortcut', async () => {
    const page = await signedIn('chair@accord.example', await documentPath('T15/BLANK/1'));
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await titles(page).count()).toBe(1);
    await titles(page).first().click();
    await page.keyboard.type('Scope and purpose');
    await expect.poll(() => serverText('T15/BLANK/1'), { timeout: 20_000 }).toBe('Box I. Scope and purpose\n\n1.\n');

    // The New box tool: an empty box after this one, the caret in its title.
    const tool = page.getByRole('toolbar', { name: 'Text tools' }).getByRole('button', { name: 'New box' });
    expect(await tool.getAttribute('aria-keyshortcuts')).toBe('Control+Alt+Enter');
    await tool.click();
    await expect.poll(() => titles(page).count()).toBe(2);
    await page.keyboard.type('General obligations');
    await page.keyboard.press('Enter');
    await page.keyboard.type('States shall act in good faith.');
    // And its shortcut, from the new box's paragraph.
    await page.keyboard.press('Control+Alt+Enter');
    await expect.poll(() => titles(page).count()).toBe(3);
    await page.keyboard.type('Final provisions');
    await expect
      .poll(() => serverText('T15/BLANK/1'), { timeout: 20_000 })
      .toBe('Box I. Scope and purpose\n\n1.\n\nBox II. General obligations\n\n1. States shall act in good faith.\n\nBox III. Final provisions\n\n1.\n');
    await page.screenshot({ path: shot('chair-new-boxes') });

    // The shortcuts dialog lists it.
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => dialog.getByRole('row', { name: /Insert a new box after this one/ }).textContent()).toContain('Ctrl+Alt+Enter');
    await page.screenshot({ path: shot('shortcuts-dialog') });
    await page.keyboard.press('Escape');
  });

  it('a delegate cannot change a box title, and has no New box tool', async () => {
    const before = await serverText('T15/BOXES/1');
    const page = await signedIn('arandia@accord.example', await documentPath('T15/BOXES/1'));
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    const third = titles(page).nth(2);
    expect(await third.getAttribute('contenteditable')).toBe('false');
    expect(await third.getAttribute('title')).toBe('Box titles: only the chair or the secretariat may change them');
    await third.click();
    await page.keyboard.type('Arandia renames this ');
    await page.keyboard.press('Backspace');
    // The title as it was (after the drawn label "Box III"), nothing of what was typed.
    expect(await third.textContent()).toMatch(/Prohibitions, restrictions and requirements$/);
    expect(await third.textContent()).not.toContain('Arandia');
    expect(await page.getByRole('toolbar', { name: 'Text tools' }).getByRole('button', { name: 'New box' }).count()).toBe(0);
    // The shortcut does nothing but say why.
    await page.locator('[data-paragraph][data-citation="Box III(1)"] [data-paragraph-text]').click();
    await page.keyboard.press('Control+Alt+Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Not changed' }).textContent()).toContain('only the chair or the secretariat may add, remove or move a box');
    expect(await titles(page).count()).toBe(5);
    // The delegate still writes in the box.
    await page.keyboard.type('Arandia proposes words.');
    await expect.poll(() => serverText('T15/BOXES/1'), { timeout: 20_000 }).toContain('Box III. Prohibitions, restrictions and requirements\n\n1. Arandia proposes words.');
    await page.screenshot({ path: shot('delegate-box-titles') });
    expect((await serverText('T15/BOXES/1')).split('\n').filter((line) => line.startsWith('Box '))).toEqual(before.split('\n').filter((line) => line.startsWith('Box ')));
  });
});

/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotDir, screenshotPath } from './support/browser.js';

/**
 * The rolling text in a real browser: the production build served by the server, Debian's Chromium
 * driven by playwright-core, two people typing into one paragraph at once.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the end-to-end suite: ${availability.reason}\n`);

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

interface ServerText {
  text: string;
  content: PmNode;
}

interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  content?: PmNode[];
}

function findNode(node: PmNode, id: string): PmNode | undefined {
  if (node.attrs?.id === id) return node;
  for (const child of node.content ?? []) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

/** A node's text as the editor shows it, footnote markers aside. */
function textOf(node: PmNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join('');
}

async function eventually<T>(check: () => Promise<T>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const editor = (page: Page) => page.getByRole('textbox', { name: 'Rolling text' });
const saveStatus = (page: Page) => page.getByTestId('save-status');

/**
 * Measures, in the page, each key press until the frame after the editor has shown it: the delay a
 * person feels while typing. Figures are reported, not asserted: speed belongs to measurements.
 */
async function watchKeystrokes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const latencies: number[] = [];
    (window as unknown as { accordKeystrokes: number[] }).accordKeystrokes = latencies;
    document.addEventListener(
      'keydown',
      (event) => {
        const pressed = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => latencies.push(performance.now() - pressed), 0));
      },
      { capture: true },
    );
  });
}

function keystrokeLatencies(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { accordKeystrokes: number[] }).accordKeystrokes);
}

function summarise(values: number[]): { p50: number; p95: number; max: number; count: number } {
  const sorted = values.toSorted((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
  return { p50: at(0.5), p95: at(0.95), max: at(1), count: sorted.length };
}

/** A paragraph by its citation, "Box V(3bis)". */
const paragraphCited = (page: Page, citation: string) => page.locator(`[data-paragraph][data-citation="${citation}"]`);

/** An element's text without what the editor draws into it: labels, sponsor lists, others' carets. */
function textWithoutDrawings(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const drawn of copy.querySelectorAll('[contenteditable="false"], .collaboration-carets__caret')) drawn.remove();
  return copy.textContent ?? '';
}

/** What a paragraph's text reads in the page, without the labels and sponsor lists drawn around it. */
function paragraphText(page: Page, id: string): Promise<string> {
  return page.locator(`[data-paragraph][data-id="${id}"] [data-paragraph-text]`).evaluate(textWithoutDrawings);
}

describe.runIf(availability.run)('the rolling text in a real browser', { timeout: 90_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let documentUrl: string;
  let documentApi: string;
  let chairToken: string;
  const contexts: BrowserContext[] = [];
  const timings: Record<string, number> = {};
  const keystrokes: Record<string, { p50: number; p95: number; max: number; count: number }> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairToken = await server.token('chair@accord.example');
    const headers = { authorization: `Bearer ${chairToken}` };
    const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`, { headers })).json()) as T;
    const { dialogues } = await get<{ dialogues: Array<{ id: string }> }>('/api/dialogues');
    const dialogue = dialogues[0]!;
    const { documents } = await get<{ documents: Array<{ id: string }> }>(`/api/dialogues/${dialogue.id}/documents`);
    const document = documents[0]!;
    documentUrl = `${server.url}/dialogues/${dialogue.id}/documents/${document.id}`;
    documentApi = `${server.url}/api/dialogues/${dialogue.id}/documents/${document.id}/text`;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    if (Object.keys(timings).length > 0) {
      const report = { openToTypableMs: timings, keystrokeToPaintWhileOtherTypesMs: keystrokes };
      writeFileSync(join(screenshotDir, 'timings.json'), `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`Time from opening the document to a typable editor (ms): ${JSON.stringify(timings)}\n`);
      process.stdout.write(`Key press to painted character while the other person types (ms): ${JSON.stringify(keystrokes)}\n`);
    }
  });

  async function serverText(): Promise<ServerText> {
    const response = await fetch(documentApi, { headers: { authorization: `Bearer ${chairToken}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as ServerText;
  }

  /** A new browser context (its own cookies and storage), signed in, with the document open and ready. */
  async function openAs(email: string, viewport = { width: 1280, height: 800 }, options: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${email}] page error: ${error.message}\n`));
    await page.goto(documentUrl);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    // Signed in now: open the document afresh and time it the way a participant meets it.
    const started = Date.now();
    await page.goto(documentUrl);
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    timings[email] = Date.now() - started;
    return page;
  }

  it('two delegates typing into the same paragraph at once end with the same text, which the server holds', async () => {
    const [arandia, veloria] = await Promise.all([openAs('arandia@accord.example'), openAs('veloria@accord.example')]);
    await expect.poll(() => editor(arandia).getAttribute('contenteditable')).toBe('true');

    const target = arandia.locator('[data-paragraph][data-status="under_negotiation"]').first();
    const id = (await target.getAttribute('data-id'))!;
    expect(id).toBeTruthy();
    const before = await paragraphText(arandia, id);

    // Both put the cursor at the end of the same paragraph (its last line), then type at the same time.
    for (const page of [arandia, veloria]) {
      const text = page.locator(`[data-paragraph][data-id="${id}"] [data-paragraph-text]`);
      const box = (await text.boundingBox())!;
      await text.click({ position: { x: box.width - 2, y: box.height - 4 } });
      await page.keyboard.press('End');
    }
    const typedA = ' Arandia proposes stronger wording.';
    const typedB = ' Veloria suggests a qualifier.';
    await Promise.all([watchKeystrokes(arandia), watchKeystrokes(veloria)]);
    // 80 ms a key: a fast typist's 12 characters a second, each, at the same time.
    await Promise.all([arandia.keyboard.type(typedA, { delay: 80 }), veloria.keyboard.type(typedB, { delay: 80 })]);
    keystrokes.arandia = summarise(await keystrokeLatencies(arandia));
    keystrokes.veloria = summarise(await keystrokeLatencies(veloria));

    await expect.poll(() => saveStatus(arandia).textContent(), { timeout: 20_000 }).toBe('Saved');
    await expect.poll(() => saveStatus(veloria).textContent(), { timeout: 20_000 }).toBe('Saved');
    const converged = await eventually(async () => {
      const [a, b] = await Promise.all([paragraphText(arandia, id), paragraphText(veloria, id)]);
      expect(a).toBe(b);
      return a;
    });
    // Neither person's characters were lost or interleaved into nonsense: each typed run is intact.
    expect(converged.startsWith(before)).toBe(true);
    expect(converged).toContain(typedA);
    expect(converged).toContain(typedB);
    expect(converged).toHaveLength(before.length + typedA.length + typedB.length);

    const held = await serverText();
    const paragraph = findNode(held.content, id);
    expect(paragraph).toBeDefined();
    expect(textOf(paragraph!.content![0]!)).toBe(converged);

    // Each sees the other: in the list of people here, and as a labelled caret.
    await expect.poll(() => arandia.getByLabel('People in this document').textContent()).toContain('Mateo Ferreira');
    await expect.poll(() => veloria.getByLabel('People in this document').textContent()).toContain('Amara Okonkwo');
    await expect.poll(() => arandia.locator('.collaboration-carets__label').allTextContents()).toContainEqual(expect.stringContaining('Mateo Ferreira'));
    await arandia.screenshot({ path: screenshotPath('two-delegates-arandia') });
    await veloria.screenshot({ path: screenshotPath('two-delegates-veloria') });
  });

  it('renders the negotiation conventions: labels, brackets with sponsors, alternatives and statuses', async () => {
    const page = await openAs('chair@accord.example');
    const labels = await page.locator('[data-paragraph]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-label') ?? ''));
    expect(labels.length).toBeGreaterThanOrEqual(20);
    // Numbers restart in each box; the citation ("Box III(2bis)") names each paragraph once.
    const citations = await page.locator('[data-paragraph]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-citation')));
    expect(citations).toContain('Box I(1)');
    expect(new Set(citations).size).toBe(labels.length);
    expect(labels.some((l) => /^\d+bis$/.test(l))).toBe(true);
    expect(labels.some((l) => l.endsWith('Alt 1'))).toBe(true);
    expect(labels.some((l) => l.endsWith('Alt 2'))).toBe(true);

    const statuses = await page.locator('[data-paragraph]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['under_negotiation', 'agreed_ad_ref', 'agreed']));
    // Status is written out, not shown by colour alone.
    await expect.poll(() => editor(page).textContent()).toContain('Agreed ad referendum');

    const brackets = page.locator('[data-bracket]');
    expect(await brackets.count()).toBeGreaterThan(5);
    // The square brackets themselves are drawn around bracketed text.
    const drawn = await brackets.first().evaluate((el) => [getComputedStyle(el, '::before').content, getComputedStyle(el, '::after').content]);
    expect(drawn[0]).toContain('[');
    expect(drawn[1]).toContain(']');
    expect(await page.locator('[data-bracket][data-sponsors]').count()).toBeGreaterThan(0);

    // The outline lists the five boxes, each with its count of open brackets.
    const outline = page.getByRole('navigation', { name: 'Outline' });
    const outlineText = (await outline.textContent()) ?? '';
    for (const box of ['Box I', 'Box II', 'Box III', 'Box IV', 'Box V']) expect(outlineText).toContain(box);
    expect(outlineText).toMatch(/\d+ open brackets?/);

    await page.screenshot({ path: screenshotPath('rolling-text-1280x800') });
    await page.screenshot({ path: screenshotPath('rolling-text-1280x800-full'), fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: screenshotPath('rolling-text-tablet-820') });
  });

  it('a delegate inserts a "bis" paragraph and brackets a phrase for a sponsor, the chair sets its status; the other sees it and the server holds it', async () => {
    const [arandia, veloria, chair] = await Promise.all([openAs('arandia@accord.example'), openAs('veloria@accord.example'), openAs('chair@accord.example')]);

    // Enter at the end of Box V(3) opens a paragraph between 3 and 4: it is "3bis", and 4 stays 4.
    const text = paragraphCited(arandia, 'Box V(3)').locator('[data-paragraph-text]');
    const box = (await text.boundingBox())!;
    await text.click({ position: { x: box.width - 2, y: box.height - 4 } });
    await arandia.keyboard.press('End');
    await arandia.keyboard.press('Enter');
    await arandia.keyboard.type('States should keep records of each activation');
    await expect.poll(() => paragraphCited(arandia, 'Box V(3bis)').count()).toBe(1);
    expect(await paragraphCited(arandia, 'Box V(4)').count()).toBe(1);

    // Select "of each activation" and bracket it from the keyboard: the picker offers Arandia's own delegation, checked.
    for (let i = 0; i < 'of each activation'.length; i++) await arandia.keyboard.press('Shift+ArrowLeft');
    await arandia.keyboard.press('Control+Alt+b');
    await expect.poll(() => arandia.getByRole('checkbox', { name: 'Arandia' }).isChecked()).toBe(true);
    await arandia.getByRole('button', { name: 'Bracket', exact: true }).click();
    await expect.poll(() => saveStatus(arandia).textContent(), { timeout: 20_000 }).toBe('Saved');
    // Only the chair and the secretariat change a status (the rules of the room): a delegate has no control for it.
    expect(await arandia.getByLabel('Status').count()).toBe(0);
    const atChair = paragraphCited(chair, 'Box V(3bis)');
    await expect.poll(() => atChair.count(), { timeout: 20_000 }).toBe(1);
    await atChair.locator('[data-paragraph-text]').click();
    await chair.getByLabel('Status').selectOption({ label: 'Agreed ad referendum' });
    await expect.poll(() => saveStatus(chair).textContent(), { timeout: 20_000 }).toBe('Saved');

    const seen = paragraphCited(veloria, 'Box V(3bis)');
    await expect.poll(() => seen.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => seen.locator('[data-bracket]').evaluate(textWithoutDrawings)).toBe('of each activation');
    expect(await seen.locator('[data-bracket]').getAttribute('data-sponsors')).toBe('["Arandia"]');
    await expect.poll(() => seen.getAttribute('data-status')).toBe('agreed_ad_ref');

    const held = (await serverText()).text;
    expect(held).toMatch(/^3bis\. States should keep records \[of each activation\]\{Arandia\} \{agreed ad ref\}$/m);
    await seen.scrollIntoViewIfNeeded();
    await veloria.screenshot({ path: screenshotPath('bis-paragraph-bracket-seen-by-veloria') });

    // The browser kept Arandia's copy of the text for offline work; signing out leaves none behind.
    const offlineCopies = () => arandia.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('accord:')));
    expect(await offlineCopies()).toHaveLength(1);
    await arandia.getByRole('button', { name: 'Sign out' }).click();
    await arandia.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(offlineCopies).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 A and AA), for an editor and for a reader', async () => {
    for (const email of ['veloria@accord.example', 'icrc@accord.example']) {
      // axe is injected as a script, which the server's Content Security Policy rightly forbids.
      const page = await openAs(email, { width: 1280, height: 800 }, { bypassCSP: true });
      await page.addScriptTag({ path: axeScript });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
      });
      expect(violations, email).toEqual([]);
    }
  });

  it('the text tools keep their one tab stop when the cursor moves where no status applies (a box title)', async () => {
    // The chair: only stewards have the status list (the rules of the room).
    const page = await openAs('chair@accord.example');
    const toolbar = page.getByRole('toolbar', { name: 'Text tools' });
    await page.locator('[data-paragraph] [data-paragraph-text]').first().click();
    // The status list is the last tool used: it holds the tab stop.
    await toolbar.getByLabel('Status').focus();
    await page.locator('[data-box-title]').first().click();
    // No status applies there: the list shows none.
    await expect.poll(() => toolbar.getByLabel('Status').inputValue()).toBe('');
    // Back from the text to the tools, as a keyboard user goes.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') !== null)).toBe(true);
  });

  it('a civil-society participant reads the text but cannot change it', async () => {
    const page = await openAs('ngo@accord.example');
    const before = (await serverText()).text;
    await expect.poll(() => editor(page).getAttribute('contenteditable')).toBe('false');
    await expect.poll(() => saveStatus(page).textContent()).toBe('Read-only');
    // Their toolbar holds only Comment (issue 10) and Propose amendment (issue 11): none of the tools that change the text.
    expect(await page.getByRole('toolbar', { name: 'Text tools' }).getByRole('button').allTextContents()).toEqual(['Propose amendment', 'Comment']);
    await page.screenshot({ path: screenshotPath('civil-society-read-only') });

    const first = page.locator('[data-paragraph] [data-paragraph-text]').first();
    const shown = await first.textContent();
    await first.click();
    await page.keyboard.type('civil society was here');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    expect(await first.textContent()).toBe(shown);
    // Give a stray write every chance to arrive before checking the server's copy.
    await new Promise((r) => setTimeout(r, 500));
    expect((await serverText()).text).toBe(before);
  });
});

/// <reference lib="dom" />
import { createRequire } from 'node:module';
import { emptyRollingText, toPlainText } from '@accord/text';
import type { AccordApi } from '@accord/client';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { draftAsChair } from './support/chair-draft.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';
import { paragraphCited } from './support/comment-pages.js';

/**
 * Issue 11 end to end, in Chromium, each participant in a browser of their own, signed in through
 * the form: an NGO participant proposes a replacement for Box I(1) with a justification; Arandia and
 * Veloria support it from the panel while everyone else watches the support grow live; the chair
 * accepts it in brackets and both delegates' editors show "[shall][should]" sponsored by both, live;
 * the compilation lists it as accepted; the observer never has a button to propose, support or
 * decide; a delegate cannot type in an agreed paragraph and has no status control. axe-core checks
 * the panel, the propose dialog and the compilation.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the amendments end-to-end test: ${availability.reason}\n`);

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SHALL = 'States shall ensure that weapon systems remain under meaningful human control throughout their life cycle.';
const SHOULD = 'States should ensure that weapon systems remain under meaningful human control throughout their life cycle.';
const BRACKETED = 'States [shall][should]{Arandia, Veloria} ensure that weapon systems remain under meaningful human control throughout their life cycle.';
const AGREED = 'International humanitarian law continues to apply fully to all weapon systems.';
const JUSTIFICATION = 'An obligation of conduct is more likely to find consensus among delegations.';
/** Box I: (1) under negotiation, the amendment's target; (2) agreed, locked for delegates. */
const BOX_I = `1. ${SHALL}\n2. ${AGREED} {agreed}`;
const TITLE = 'Replace Box I(1)';
/** The affiliations the Chatham House Rule keeps out of the amendment views (not out of bracket sponsors: those are states' positions). */
const SUPPORTER_NAMES = ['Arandia', 'Veloria'];
/** How long a live change may take to reach another browser on a busy two-core machine. */
const LIVE = { timeout: 15_000 };

type Who = 'ngo' | 'arandia' | 'veloria' | 'chair' | 'observer';

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
  passes: unknown[];
}

const panel = (page: Page): Locator => page.getByRole('region', { name: 'Amendments' });
const card = (page: Page): Locator => panel(page).getByRole('article', { name: TITLE });
const supportLine = (page: Page): Promise<string | null> => card(page).locator('.amendment-support').textContent();
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { accordNotReloaded?: boolean }).accordNotReloaded === true);
/** A paragraph's words without the drawn label, status, note and markers. */
const wordsOf = (page: Page, citation: string) =>
  paragraphCited(page, citation)
    .locator('[data-paragraph-text]')
    .first()
    .evaluate((element) => {
      // What the editor draws into the paragraph (its label and status, markers, others' carets) is not its text.
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => {
          // Inside the paragraph only: a reader's whole editor is contenteditable="false".
          const drawn = node.parentElement?.closest('[contenteditable="false"], .collaboration-carets__caret');
          return drawn && drawn !== element && element.contains(drawn) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        },
      });
      let words = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) words += (node as Text).data;
      return words;
    });
/** The brackets in a paragraph of the editor, as the DOM has them: their words and sponsors. */
const bracketsIn = (page: Page, citation: string) =>
  paragraphCited(page, citation)
    .locator('span[data-bracket]')
    .evaluateAll((spans) => spans.map((span) => ({ text: span.textContent ?? '', sponsors: JSON.parse(span.getAttribute('data-sponsors') ?? '[]') as string[] })));
/** Every button a participant could use on an amendment, anywhere on the page. */
const AMENDMENT_BUTTONS = /^(Propose|Support|Co-sponsor|Endorse|Withdraw|Accept|Reject)/;

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
    // A check that found nothing to look at would pass anything.
    if (result.passes.length === 0) throw new Error(`axe checked nothing in ${sel}`);
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
  }, selector);
}

/** Brings the amendments tab forward and waits for the list. */
async function showAmendments(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Amendments/ }).click();
  await panel(page).locator('.comments-total').filter({ hasText: /open$/ }).waitFor(LIVE);
}

/** Box I(1) below the sticky toolbar and the panel beside it, for a screenshot. */
async function shoot(page: Page, name: string): Promise<void> {
  await paragraphCited(page, 'Box I(1)').evaluate((paragraph) => window.scrollBy(0, paragraph.getBoundingClientRect().top - 380));
  await page.screenshot({ path: screenshotPath(`amendments-e2e-${name}`) });
}

describe.runIf(availability.run)('amendments in a real browser: propose, support, accept in brackets, compile', { timeout: 90_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let chairApi: AccordApi;
  let dialogueId = '';
  let documentId = '';
  let documentUrl = '';
  const pages = {} as Record<Who, Page>;

  /** The document's plain text as the server holds it now. */
  const serverText = async () => (await chairApi.documents.text(dialogueId, documentId)).text;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairApi = await server.api('chair@accord.example');
    const [dialogue] = await chairApi.dialogues.list();
    dialogueId = dialogue!.id;
    // A text of its own whose Box I(1) is under negotiation (the demo's is agreed), written by the
    // chair's editor over the socket, as drafting is done.
    const document = await chairApi.documents.create(dialogueId, { title: 'Elements on meaningful human control', symbol: `AMD/E2E/${Date.now().toString(36)}` });
    documentId = document.id;
    documentUrl = `${server.url}/dialogues/${dialogueId}/documents/${documentId}`;
    const wanted = toPlainText(emptyRollingText()).replace('\n1.\n', `\n${BOX_I}\n`);
    await draftAsChair(server.url, chairApi, dialogueId, documentId, wanted);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A browser context of its own, signed in through the form, the text open and ready. */
  async function openAs(who: Who, options: { axe?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: options.axe ?? false });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
    await page.goto(documentUrl);
    await page.getByLabel('Email address').fill(`${who}@accord.example`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => wordsOf(page, 'Box I(1)'), LIVE).toBe(SHALL);
    // Set once, gone after any reload: what follows arrived in the page as it was.
    await page.evaluate(() => ((window as unknown as { accordNotReloaded: boolean }).accordNotReloaded = true));
    return page;
  }

  it('five participants sign in, each in a browser of their own, and open the text: no amendments yet', async () => {
    pages.ngo = await openAs('ngo', { axe: true });
    pages.arandia = await openAs('arandia');
    pages.veloria = await openAs('veloria');
    pages.chair = await openAs('chair');
    pages.observer = await openAs('observer', { axe: true });
    for (const who of ['ngo', 'arandia', 'observer'] as const) await showAmendments(pages[who]);
    for (const who of ['ngo', 'arandia', 'observer'] as const) {
      expect(await panel(pages[who]).locator('.comments-total').textContent(), who).toBe('0 open');
      expect(await panel(pages[who]).locator('.comments-empty').textContent(), who).toMatch(/^No open amendments\./);
    }
    expect(await paragraphCited(pages.ngo, 'Box I(1)').getAttribute('data-status')).toBe('under_negotiation');
    await shoot(pages.ngo, '01-ngo-opened');
  });

  it('the NGO proposes a replacement for Box I(1) with a justification, in a dialog that shows the redline; the text is unchanged', async () => {
    const { ngo } = pages;
    // Civil society reads the text: the cursor goes in, the wording does not change.
    expect(await ngo.getByRole('textbox', { name: 'Rolling text' }).getAttribute('contenteditable')).toBe('false');
    await paragraphCited(ngo, 'Box I(1)').locator('[data-paragraph-text]').click();
    // The panel follows the cursor: its button names the paragraph.
    await panel(ngo).getByRole('button', { name: 'Propose an amendment to Box I(1)' }).waitFor(LIVE);
    await ngo.getByRole('toolbar', { name: 'Text tools' }).getByRole('button', { name: 'Propose amendment' }).click();

    const dialog = ngo.getByRole('dialog', { name: 'Propose an amendment to Box I(1)' });
    await dialog.waitFor();
    expect(await dialog.locator('.propose-current blockquote').textContent()).toBe(SHALL);
    expect(await dialog.getByRole('radio', { name: 'Replace its text' }).isChecked()).toBe(true);
    const proposed = dialog.getByLabel('Proposed text');
    // Opened on the current wording, the caret at its end, ready to change it.
    expect(await proposed.inputValue()).toBe(SHALL);
    await expect.poll(() => proposed.evaluate((field) => document.activeElement === field)).toBe(true);
    await proposed.fill(SHOULD);
    await dialog.getByLabel('Justification (optional)').fill(JUSTIFICATION);
    const redline = dialog.getByRole('group', { name: 'Your change as a redline' });
    await expect.poll(() => redline.locator('del').allTextContents()).toEqual(['[removed: shall]']);
    expect(await redline.locator('ins').allTextContents()).toEqual(['[added: should]']);
    expect(await axeViolations(ngo, 'dialog[open]'), 'the propose dialog').toEqual([]);
    await ngo.screenshot({ path: screenshotPath('amendments-e2e-02-ngo-propose-dialog') });
    await dialog.getByRole('button', { name: 'Submit amendment' }).scrollIntoViewIfNeeded();
    await ngo.screenshot({ path: screenshotPath('amendments-e2e-02b-ngo-propose-dialog-submit') });

    await dialog.getByRole('button', { name: 'Submit amendment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const mine = card(ngo);
    await mine.waitFor(LIVE);
    expect(await mine.locator('.amendment-status').textContent()).toBe('Status: Submitted');
    expect(await mine.locator('.amendment-meta').textContent()).toMatch(/^Proposed by you · /);
    expect(await mine.locator('.amendment-justification').textContent()).toBe(`Justification: ${JUSTIFICATION}`);
    expect(await supportLine(ngo)).toBe('No support yet.');
    // Its own organization does not endorse its own proposal (the proposal is its support); only its proposer withdraws it.
    expect(await mine.getByRole('button').allTextContents()).toEqual(['Withdraw amendment']);
    expect(await ngo.getByRole('button', { name: '1 open amendment to Box I(1)' }).count()).toBe(1);
    // An amendment is a record of its own: the text is as it was.
    expect(await wordsOf(ngo, 'Box I(1)')).toBe(SHALL);
    expect(await serverText()).toContain(`\n1. ${SHALL}\n`);
    expect(await axeViolations(ngo, '.side-panels'), 'the amendments panel').toEqual([]);
    await shoot(ngo, '03-ngo-proposed');
  });

  it('the delegates see it live, marked in the text; Arandia supports it from the panel and everyone sees the support live', async () => {
    const { arandia, veloria, ngo, chair, observer } = pages;
    // Arandia has the panel open: the card arrives in it.
    await card(arandia).waitFor(LIVE);
    expect(await card(arandia).locator('.amendment-meta').textContent()).toMatch(/^Proposed by Civil society · /);
    // Veloria has the comments in front: the marker in the text brings the amendments forward.
    const marker = veloria.getByRole('button', { name: '1 open amendment to Box I(1)' });
    await marker.waitFor(LIVE);
    await marker.click();
    await card(veloria).waitFor(LIVE);
    expect(await panel(veloria).getByRole('radio', { name: 'Box I(1)' }).isChecked()).toBe(true);
    for (const [who, page] of Object.entries({ arandia, veloria })) {
      expect(await notReloaded(page), who).toBe(true);
      expect(await supportLine(page), who).toBe('No support yet.');
      expect(await card(page).getByRole('button').allTextContents(), who).toEqual(['Support', 'Co-sponsor']);
    }
    await showAmendments(chair);
    await card(chair).waitFor(LIVE);
    await shoot(veloria, '04-veloria-sees-it-live');

    await card(arandia).getByRole('button', { name: 'Support', exact: true }).click();
    await expect.poll(() => card(arandia).locator('.amendment-yours').textContent(), LIVE).toBe('Your delegation supports this.');
    expect(await card(arandia).getByRole('button').allTextContents()).toEqual(['Withdraw support']);
    for (const [who, page] of Object.entries({ arandia, veloria, ngo, chair, observer })) {
      await expect.poll(() => supportLine(page), { ...LIVE, message: who }).toBe('Supported by 1 government.');
    }
    await shoot(arandia, '05-arandia-supported');
  });

  it('Veloria supports it too: two governments, live for everyone; under the Chatham House Rule no card names them', async () => {
    const { arandia, veloria, ngo, chair, observer } = pages;
    await card(veloria).getByRole('button', { name: 'Support', exact: true }).click();
    for (const [who, page] of Object.entries({ arandia, veloria, ngo, chair, observer })) {
      await expect.poll(() => supportLine(page), { ...LIVE, message: who }).toBe('Supported by 2 governments.');
      expect(await notReloaded(page), who).toBe(true);
      const shown = (await panel(page).textContent()) ?? '';
      for (const name of SUPPORTER_NAMES) expect(shown, `${who} sees ${name}`).not.toContain(name);
    }
    await shoot(ngo, '06-ngo-sees-two-governments');
  });

  it('the observer sees the amendment but has no button to propose, support or decide; the chair has the decisions', async () => {
    const { observer, chair } = pages;
    await card(observer).waitFor(LIVE);
    expect(await observer.getByRole('button', { name: AMENDMENT_BUTTONS }).allTextContents()).toEqual([]);
    expect(await observer.getByRole('toolbar', { name: 'Text tools' }).count()).toBe(0);
    expect(await card(observer).getByRole('group', { name: `Actions on ${TITLE}` }).count()).toBe(0);
    expect(await card(observer).getByRole('button').count()).toBe(0);
    // Clicking in the text names no paragraph to propose for: the panel still has no button.
    await paragraphCited(observer, 'Box I(1)').locator('[data-paragraph-text]').click();
    expect(await observer.getByRole('button', { name: AMENDMENT_BUTTONS }).allTextContents()).toEqual([]);
    expect(await observer.locator('.read-only-notice').textContent()).toBe('You can read this text.');
    await shoot(observer, '07-observer-no-buttons');

    // The same card, for the chair, holds the decisions (and the chair supports nothing).
    expect(await card(chair).getByRole('group', { name: `Actions on ${TITLE}` }).getByRole('button').allTextContents()).toEqual([
      'Accept as proposed',
      'Accept in brackets',
      'Reject…',
    ]);
    await shoot(chair, '08-chair-before-deciding');
  });

  it('the chair accepts it in brackets: both delegates’ editors show [shall][should] sponsored by Arandia and Veloria, live', async () => {
    const { chair, arandia, veloria, ngo } = pages;
    await card(chair).getByRole('button', { name: 'Accept in brackets' }).click();
    await expect.poll(() => panel(chair).locator('.amendments-notice').textContent(), LIVE).toBe(`${TITLE}: accepted in brackets. The text shows it now.`);
    // Decided, it leaves the list of open amendments.
    await expect.poll(() => card(chair).count(), LIVE).toBe(0);

    for (const [who, page] of Object.entries({ arandia, veloria })) {
      await expect.poll(() => bracketsIn(page, 'Box I(1)'), { ...LIVE, message: who }).toEqual([
        { text: 'shall', sponsors: [] },
        { text: 'should', sponsors: expect.arrayContaining(SUPPORTER_NAMES) },
      ]);
      const sponsored = paragraphCited(page, 'Box I(1)').locator('span[data-bracket][data-sponsors]');
      for (const name of SUPPORTER_NAMES) expect(await sponsored.getAttribute('data-sponsors'), who).toContain(name);
      expect(await wordsOf(page, 'Box I(1)'), who).toContain('shallshould ensure that weapon systems');
      expect(await notReloaded(page), who).toBe(true);
      // No open amendment left: the marker is gone, and the decided one is under "Decided".
      await expect.poll(() => page.locator('.amendment-marker').count(), { ...LIVE, message: who }).toBe(0);
    }
    expect(await serverText()).toContain(`\n1. ${BRACKETED}\n`);
    await expect.poll(() => bracketsIn(ngo, 'Box I(1)'), LIVE).toHaveLength(2);

    await panel(arandia).getByRole('radiogroup', { name: 'Show amendments' }).getByRole('radio', { name: 'Decided' }).check();
    await card(arandia).waitFor(LIVE);
    expect(await card(arandia).locator('.amendment-status').textContent()).toBe('Status: Accepted');
    expect(await card(arandia).locator('.amendment-decision').textContent()).toMatch(/^Accepted in brackets by Chair on /);
    await shoot(arandia, '09-arandia-bracket-live');
    await paragraphCited(veloria, 'Box I(1)').locator('span[data-bracket][data-sponsors]').hover();
    await shoot(veloria, '10-veloria-bracket-live');
    await shoot(chair, '11-chair-accepted');
  });

  it('the compilation lists it as accepted, under Box I(1), with its justification and support by category', async () => {
    const { arandia, observer } = pages;
    await arandia.getByRole('link', { name: 'Compilation of amendments' }).click();
    await arandia.getByRole('heading', { level: 1, name: /^Compilation of amendments/ }).waitFor(LIVE);
    const under = arandia.getByRole('list', { name: 'Amendments to Box I(1)' });
    const compiled = under.getByRole('article', { name: TITLE });
    await compiled.waitFor(LIVE);
    expect(await compiled.locator('.amendment-status').textContent()).toBe('Status: Accepted');
    expect(await compiled.locator('.amendment-decision').textContent()).toMatch(/^Accepted in brackets by Chair on /);
    expect(await compiled.locator('.amendment-justification').textContent()).toBe(`Justification: ${JUSTIFICATION}`);
    expect(await compiled.locator('.amendment-support').textContent()).toBe('Supported by 2 governments.');
    expect(await compiled.getByRole('button').count()).toBe(0);
    expect(await arandia.locator('.compilation .meta').textContent()).toMatch(/· 1 accepted$/);
    await compiled.scrollIntoViewIfNeeded();
    await arandia.screenshot({ path: screenshotPath('amendments-e2e-12-compilation'), fullPage: true });

    // "Download as text": the same compilation as plain text.
    const download = arandia.getByRole('link', { name: 'Download as text' });
    const plain = await arandia.context().request.get(new URL((await download.getAttribute('href'))!, server.url).toString());
    expect(plain.status()).toBe(200);
    const text = await plain.text();
    expect(text).toContain(`Box I(1) ${BRACKETED}`);
    expect(text).toContain('Amendment 1: Replace, accepted. Proposed by Civil society; supported by 2 governments.');
    expect(text).toContain(`Justification: ${JUSTIFICATION}`);

    // The observer reads the same compilation, without a button; axe checks the page.
    await observer.goto(`${documentUrl}/compilation`);
    const observed = observer.getByRole('list', { name: 'Amendments to Box I(1)' }).getByRole('article', { name: TITLE });
    await observed.waitFor(LIVE);
    expect(await observed.locator('.amendment-status').textContent()).toBe('Status: Accepted');
    expect(await observer.getByRole('button', { name: AMENDMENT_BUTTONS }).count()).toBe(0);
    expect(await axeViolations(observer, 'body'), 'the compilation').toEqual([]);
  });

  it('a delegate cannot type in the agreed Box I(2): the editor refuses with its note, and there is no status control; the chair has one', async () => {
    const { veloria, chair } = pages;
    const agreed = paragraphCited(veloria, 'Box I(2)');
    await expect.poll(() => agreed.getAttribute('class')).toContain('rt-locked');
    expect(await agreed.locator('.rt-locked-note').textContent()).toBe('Agreed: only the chair or the secretariat may reopen it');
    const before = await serverText();
    await agreed.locator('[data-paragraph-text]').click();
    await veloria.keyboard.press('End');
    await veloria.keyboard.type(' Veloria reopens this.');
    await veloria.keyboard.press('Backspace');
    await expect.poll(() => veloria.getByRole('alert').filter({ hasText: 'Not changed' }).locator('p').textContent(), LIVE).toBe(
      'Not changed: Box I(2) is agreed: only the chair or the secretariat may reopen it.',
    );
    expect(await wordsOf(veloria, 'Box I(2)')).toBe(AGREED);
    expect(await veloria.getByLabel('Status').count()).toBe(0);
    await agreed.scrollIntoViewIfNeeded();
    await veloria.screenshot({ path: screenshotPath('amendments-e2e-13-veloria-agreed-refused') });
    // Nothing reached the server (a refused keystroke would have been saved within this time).
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await serverText()).toBe(before);

    // The positive control: the chair's toolbar has the status of the paragraph at the cursor.
    await paragraphCited(chair, 'Box I(2)').locator('[data-paragraph-text]').click();
    await expect.poll(() => chair.getByLabel('Status').inputValue()).toBe('agreed');
  });
});

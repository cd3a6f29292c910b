/// <reference lib="dom" />
import { AccordApiError } from '@accord/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium, screenshotPath } from './support/browser.js';
import {
  commentsPanel,
  dragToSelect,
  highlightedThreads,
  highlightOf,
  listedThreads,
  openTotal,
  outlineCommentCounts,
  pageContent,
  paragraphCited,
  selectedText,
  threadCard,
} from './support/comment-pages.js';
import { recordWire, type WireRecorder } from './support/wire-recorder.js';

/**
 * Issue 10 end to end, in Chromium: in the demo dialogue (Chatham House Rule) an NGO participant
 * comments on words of Box II(1) for `governments`; a delegate sees it live and replies; the
 * observer and the ICRC participant (civil society too, so outside `governments`) see nothing of it,
 * live or after a reload; no name crosses the rule; the chair resolves it and both sides see that live.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the comments end-to-end test: ${availability.reason}\n`);

const CITATION = 'Box II(1)';
const QUOTE = 'applies in full to all weapon systems';
const BODY = 'Please keep "in full": without it, Box II(1) reads as if some systems were partly outside the law.';
const REPLY = 'Agreed. We will hold "in full" in the informal consultations.';
const SENTINEL = 'A later word for everyone, so that live delivery has had its chance.';
/** Who wrote them, which the Chatham House Rule keeps from everyone else. */
const NGO = ['Priya Raman', 'Campaign for Meaningful Human Control'];
const ARANDIA = ['Amara Okonkwo', 'Republic of Arandia'];
/**
 * Where the page shows who is here: the list of people and their carets in the text. Attendance is
 * not attribution (the rule lets participants know who is in the room), so names there are checked
 * apart: see the NGO's caret below.
 */
const PRESENCE = ['.presence', '.collaboration-carets__caret'];
/** How long what follows a change (highlights drawn, counts updated) may take on a busy machine. */
const SETTLE = { timeout: 10_000 };
/** How long a live change may take to be shown, generously: the figures are printed. */
const LIVE_MS = 5_000;

type Who = 'ngo' | 'arandia' | 'observer' | 'icrc' | 'chair';

/** What a viewer outside the audience sees, before and after: it must not move. */
interface Glimpse {
  threads: string[];
  highlighted: string[];
  outline: Record<string, number>;
  open: number;
}

async function glimpse(page: Page): Promise<Glimpse> {
  return { threads: await listedThreads(page), highlighted: await highlightedThreads(page), outline: await outlineCommentCounts(page), open: await openTotal(page) };
}

/**
 * The text is ready and its comments are drawn: every listed thread highlighted (the seeded ones
 * are all on words still in the text) and the outline's counts adding up to the panel's.
 */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
  await expect.poll(() => openTotal(page).then(() => true, () => false), { timeout: 15_000 }).toBe(true);
  await expect.poll(async () => (await highlightedThreads(page)).join() === (await listedThreads(page)).toSorted().join(), SETTLE).toBe(true);
  await expect.poll(async () => Object.values(await outlineCommentCounts(page)).reduce((a, b) => a + b, 0) === (await openTotal(page)), SETTLE).toBe(true);
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { accordNotReloaded?: boolean }).accordNotReloaded === true);

describe.runIf(availability.run)('comments in a real browser, under the Chatham House Rule', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let dialogueId: string;
  let documentId: string;
  let documentUrl: string;
  const pages = {} as Record<Who, Page>;
  const wires = {} as Record<Who, WireRecorder>;
  const before = {} as Record<Who, Glimpse>;
  const latencyMs: Record<string, number> = {};
  let threadId: string;
  /** Others' carets in the delegate's text when the thread reached her: where and whose. */
  let caretsWhenArrived: { citation: string | null; label: string }[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    const chair = await server.api('chair@accord.example');
    const [dialogue] = await chair.dialogues.list();
    const [document] = await chair.documents.list(dialogue!.id);
    dialogueId = dialogue!.id;
    documentId = document!.id;
    documentUrl = `${server.url}/dialogues/${dialogueId}/documents/${documentId}`;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (Object.keys(latencyMs).length > 0) process.stdout.write(`Comments shown live to others, from the click (ms): ${JSON.stringify(latencyMs)}\n`);
  });

  /** A context of its own, signed in, the rolling text open and its comments loaded. */
  async function openAs(who: Who): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`[${who}] page error: ${error.message}\n`));
    wires[who] = recordWire(page);
    // Signed in over HTTP in the context (its cookie), to spare a slow machine five sign-in pages:
    // the sign-in form has its own tests.
    const signedIn = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: `${who}@accord.example`, password: DEMO_PASSWORD },
      headers: { origin: server.url },
    });
    expect(signedIn.status(), who).toBe(200);
    await page.goto(documentUrl);
    await settled(page);
    // Set once, gone after any reload: proves a change arrived in the page as it was.
    await page.evaluate(() => ((window as unknown as { accordNotReloaded: boolean }).accordNotReloaded = true));
    return page;
  }

  /** Shows the words and the thread side by side for a screenshot. */
  async function frame(page: Page): Promise<void> {
    await paragraphCited(page, CITATION).scrollIntoViewIfNeeded();
    if (threadId && (await threadCard(page, threadId).count()) > 0) await threadCard(page, threadId).scrollIntoViewIfNeeded();
  }

  it('five participants open the rolling text with its comments', async () => {
    const opened = await Promise.all((['ngo', 'arandia', 'observer', 'icrc', 'chair'] as const).map(async (who) => [who, await openAs(who)] as const));
    for (const [who, page] of opened) {
      pages[who] = page;
      before[who] = await glimpse(page);
    }
    // The seeded threads: every viewer has some to see, and the text has highlights to compare with.
    for (const who of Object.keys(before) as Who[]) expect(before[who].threads.length, who).toBeGreaterThan(0);
    // Box II(1) carries no thread yet, for anyone.
    for (const page of Object.values(pages)) expect(await paragraphCited(page, CITATION).locator('.comment-highlight').count()).toBe(0);
    await frame(pages.ngo);
    await pages.ngo.screenshot({ path: screenshotPath('comments-e2e-1-ngo-opened') });
  });

  it('civil society selects words in its read-only text and comments for governments, seeing who will read it', async () => {
    const ngo = pages.ngo;
    await expect.poll(() => ngo.getByRole('textbox', { name: 'Rolling text' }).getAttribute('contenteditable'), SETTLE).toBe('false');
    const composer = ngo.getByRole('dialog', { name: 'Comment' });

    // The shortcut opens the composer on the selected words.
    await dragToSelect(ngo, CITATION, QUOTE);
    expect(await selectedText(ngo)).toBe(QUOTE);
    await ngo.keyboard.press('Control+Alt+m');
    await composer.waitFor();
    expect(await composer.locator('.composer-place').textContent()).toBe(CITATION);
    expect(await composer.locator('blockquote').textContent()).toBe(QUOTE);
    await ngo.keyboard.press('Escape');
    await composer.waitFor({ state: 'hidden' });

    // Closed, it leaves the words selected (written back to the page once focus is back, a frame
    // later); the toolbar's Comment button opens it on them too.
    await expect.poll(() => selectedText(ngo), SETTLE).toBe(QUOTE);
    await ngo.getByRole('toolbar', { name: 'Text tools' }).getByRole('button', { name: 'Comment', exact: true }).click();
    await composer.waitFor();
    expect(await composer.locator('blockquote').textContent()).toBe(QUOTE);
    const audiences = composer.getByRole('group', { name: 'Who will see it' });
    const governments = audiences.getByRole('radio', { name: /^Governments/ });
    await governments.check();
    // Each choice says who will read it, in words, and the rule is recalled next to the comment.
    expect(await governments.evaluate((radio) => radio.closest('label')?.textContent)).toBe('GovernmentsThe chair, the secretariat and delegations');
    expect(await audiences.textContent()).toContain('The chair and the secretariat only');
    expect(await composer.textContent()).toContain('Under the Chatham House Rule others see only your category, never your name.');
    await composer.getByLabel('Your comment').fill(BODY);
    await ngo.screenshot({ path: screenshotPath('comments-e2e-2-ngo-composer') });

    // Those in the audience wait for it from before the click, so the time they take is measured.
    let clicked = Date.now();
    const seen = Promise.all(
      (['arandia', 'chair'] as const).map(async (who) => {
        await commentsPanel(pages[who]).locator('article', { hasText: BODY }).waitFor({ timeout: LIVE_MS });
        latencyMs[`new thread → ${who}`] = Date.now() - clicked;
      }),
    );
    clicked = Date.now();
    await composer.getByRole('button', { name: 'Post comment' }).click();
    await composer.waitFor({ state: 'hidden' });

    const mine = commentsPanel(ngo).locator('article', { hasText: BODY });
    await mine.waitFor();
    threadId = (await mine.getAttribute('data-thread-id'))!;
    expect(threadId).toBeTruthy();
    expect(await mine.locator('.comment-author').allTextContents()).toEqual(['You']);
    expect(await mine.locator('.audience-badge').textContent()).toBe('Audience: Governments');
    await expect.poll(() => highlightOf(ngo, threadId).allTextContents().then((parts) => parts.join('')), SETTLE).toBe(QUOTE);
    await seen;
    await frame(ngo);
    await ngo.screenshot({ path: screenshotPath('comments-e2e-3-ngo-posted') });
  });

  it('a delegate sees it live, by category only, on highlighted words, and replies; the NGO sees the reply live, by category only', async () => {
    const { arandia, ngo } = pages;
    const card = threadCard(arandia, threadId);
    await card.waitFor();
    // The NGO's cursor is shared like everyone's; give it the time it takes to be drawn, then note it.
    await arandia.locator('.collaboration-carets__label', { hasText: NGO[0] }).waitFor({ timeout: 3_000 }).catch(() => undefined);
    caretsWhenArrived = await arandia.locator('.collaboration-carets__label').evaluateAll((labels) =>
      labels.map((label) => ({ citation: label.closest('[data-paragraph]')?.getAttribute('data-citation') ?? null, label: label.textContent ?? '' })),
    );
    expect(await notReloaded(arandia)).toBe(true);
    expect(await card.locator('.thread-place').textContent()).toBe(CITATION);
    expect(await card.locator('.thread-quote').textContent()).toBe(QUOTE);
    expect(await card.locator('.comment-author').allTextContents()).toEqual(['Civil society']);
    expect(await card.locator('.comment-body').textContent()).toBe(BODY);
    await expect.poll(() => highlightOf(arandia, threadId).allTextContents().then((parts) => parts.join('')), SETTLE).toBe(QUOTE);
    await expect.poll(() => outlineCommentCounts(arandia).then((c) => c['Box II']), SETTLE).toBe(before.arandia.outline['Box II']! + 1);
    expect(await openTotal(arandia)).toBe(before.arandia.open + 1);
    // It came over the live socket, and nothing about comments that the browser received names its
    // author (presence does, by design: see PRESENCE).
    expect(wires.arandia.comments().filter((m) => m.includes(threadId) && m.includes('comments.thread_created')).length).toBeGreaterThan(0);
    for (const name of NGO) {
      expect(await pageContent(arandia, PRESENCE), name).not.toContain(name);
      expect(wires.arandia.comments().filter((m) => m.includes(name)), name).toEqual([]);
    }
    await card.click();
    await frame(arandia);
    await arandia.screenshot({ path: screenshotPath('comments-e2e-4-arandia-sees-it-live') });

    const reply = card.getByLabel('Reply');
    await reply.fill(REPLY);
    const ngoCard = threadCard(ngo, threadId);
    const replySeen = ngoCard.locator('.comment-body', { hasText: REPLY }).waitFor({ timeout: LIVE_MS });
    const clicked = Date.now();
    await card.getByRole('button', { name: 'Reply', exact: true }).click();
    await replySeen;
    latencyMs['reply → ngo'] = Date.now() - clicked;
    expect(await notReloaded(ngo)).toBe(true);
    expect(await ngoCard.locator('.comment-author').allTextContents()).toEqual(['You', 'Government']);
    await expect.poll(() => card.locator('.comment-author').allTextContents(), SETTLE).toEqual(['Civil society', 'You']);
    for (const name of ARANDIA) {
      expect(await pageContent(ngo, PRESENCE), name).not.toContain(name);
      expect(wires.ngo.comments().filter((m) => m.includes(name)), name).toEqual([]);
    }
    await frame(ngo);
    await ngo.screenshot({ path: screenshotPath('comments-e2e-5-ngo-sees-reply-live') });
  });

  // KNOWN LEAK, for the web app to fix (then make this `it`): a reader's selection is shared as a
  // caret labelled with her name and affiliation, so the delegate saw "Priya Raman · Campaign for
  // Meaningful Human Control" on exactly the words a "Civil society" comment then appeared on.
  it('under the Chatham House Rule, no caret names the NGO on the words her comment is on', () => {
    const onTheWords = caretsWhenArrived.filter((caret) => caret.citation === CITATION);
    for (const name of NGO) expect(onTheWords.map((caret) => caret.label).join('\n')).not.toContain(name);
  });

  it('the observer and the ICRC participant see nothing of it: not live, not after a reload', async () => {
    const { observer, icrc } = pages;
    // A reply for everyone on a seeded thread, sent after ours: once it is shown, every earlier event
    // on the same socket has arrived too (a socket delivers in order).
    const arandiaApi = await server.api('arandia@accord.example');
    const everyone = (await arandiaApi.comments.list(dialogueId, documentId)).find((t) => t.audience === 'everyone' && t.status === 'open')!;
    await arandiaApi.comments.reply(dialogueId, documentId, everyone.id, SENTINEL);

    const outsiders = [['observer', observer], ['icrc', icrc]] as const;
    async function seeNothing(who: 'observer' | 'icrc', page: Page, when: string): Promise<void> {
      await threadCard(page, everyone.id).locator('.comment-body', { hasText: SENTINEL }).waitFor({ timeout: LIVE_MS });
      await expect.poll(() => highlightedThreads(page), SETTLE).toEqual(before[who].highlighted);
      expect(await glimpse(page), `${who} ${when}`).toEqual(before[who]);
      expect(await paragraphCited(page, CITATION).locator('.comment-highlight').count()).toBe(0);
      const content = await pageContent(page);
      for (const secret of [threadId, BODY, REPLY]) expect(content, `${who} ${when}`).not.toContain(secret);
      for (const secret of [threadId, BODY, REPLY]) expect(wires[who].containing(secret), `${who} ${when}`).toEqual([]);
    }

    for (const [who, page] of outsiders) {
      await seeNothing(who, page, 'live');
      expect(await notReloaded(page)).toBe(true);
      await frame(page);
      await page.screenshot({ path: screenshotPath(`comments-e2e-6-${who}-sees-nothing`) });
    }
    await Promise.all(outsiders.map(([, page]) => page.reload()));
    for (const [who, page] of outsiders) {
      await settled(page);
      await seeNothing(who, page, 'after a reload');
      await frame(page);
      await page.screenshot({ path: screenshotPath(`comments-e2e-7-${who}-after-reload`) });
    }
    // Asked directly, the server answers as for a thread that does not exist.
    for (const email of ['observer@accord.example', 'icrc@accord.example']) {
      const api = await server.api(email);
      const asked = await api.comments.get(dialogueId, documentId, threadId).then(() => null, (error: unknown) => error);
      expect(asked, email).toBeInstanceOf(AccordApiError);
      expect((asked as AccordApiError).code, email).toBe('NOT_FOUND');
    }
  });

  it('the chair resolves it; the delegate and the NGO see it resolved live', async () => {
    const { chair, arandia, ngo } = pages;
    for (const page of [arandia, ngo]) await commentsPanel(page).getByRole('radiogroup', { name: 'Show threads' }).getByRole('radio', { name: 'All' }).check();
    const chairCard = threadCard(chair, threadId);
    await expect.poll(() => chairCard.locator('.comment-author').allTextContents(), SETTLE).toEqual(['Civil society', 'Government']);

    let clicked = Date.now();
    const shown = Promise.all(
      (['arandia', 'ngo'] as const).map(async (who) => {
        await threadCard(pages[who], threadId).locator('.thread-status', { hasText: 'Resolved' }).waitFor({ timeout: LIVE_MS });
        latencyMs[`resolved → ${who}`] = Date.now() - clicked;
      }),
    );
    clicked = Date.now();
    await chairCard.getByRole('button', { name: 'Resolve' }).click();
    await shown;

    for (const [who, page] of [['arandia', arandia], ['ngo', ngo]] as const) {
      expect(await notReloaded(page), who).toBe(true);
      const card = threadCard(page, threadId);
      expect(await card.getByLabel('Reply').count(), who).toBe(0);
      // Open counts drop back to what they were before the thread.
      await expect.poll(() => outlineCommentCounts(page), { ...SETTLE, message: who }).toEqual(before[who].outline);
      expect(await openTotal(page), who).toBe(before[who].open);
    }
    await frame(arandia);
    await arandia.screenshot({ path: screenshotPath('comments-e2e-8-arandia-sees-it-resolved') });

    // A tablet's width: the panel folds behind a toggle and still shows the thread.
    await ngo.setViewportSize({ width: 820, height: 1180 });
    // Posting a thread unfolds the panel, so it may be open already.
    const toggle = commentsPanel(ngo).locator('.comments-toggle');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    expect(await toggle.textContent()).toBe('Hide comments');
    await threadCard(ngo, threadId).scrollIntoViewIfNeeded();
    expect(await threadCard(ngo, threadId).isVisible()).toBe(true);
    await ngo.screenshot({ path: screenshotPath('comments-e2e-9-ngo-820') });
  });
});

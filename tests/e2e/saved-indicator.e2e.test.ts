/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, DEMO_PASSWORD, startAccord } from './support/accord-server.js';
import { browserAvailability, launchChromium } from './support/browser.js';

/**
 * The saved indicator in Chromium (issue 14): in view while the text scrolls, for writers, readers
 * and observers, on a wide and a narrow screen; no "Saving…" flash while typing; "Offline" within 2 s
 * of the network going (the browser offline, and the server stopped with SIGSTOP); signing out
 * offline keeps the unsent edits, ends the server's session once it can, and the edits are saved
 * when the person signs in again; a signed-out page logs no error.
 */

const availability = browserAvailability();
if (!availability.run) process.stderr.write(`Skipping the end-to-end suite: ${availability.reason}\n`);

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const outDir = join(process.env.TMPDIR || tmpdir(), 'accord-e2e-14');
const shot = (name: string) => join(outDir, `saved-indicator-${name}.png`);

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

const OFFLINE = 'Offline — changes kept on this device';
const saveStatus = (page: Page) => page.getByTestId('save-status');

/** The server process listening on the port of `url`, for SIGSTOP: a server that stops answering. */
function serverPid(url: string): number {
  const { port } = new URL(url);
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process found listening on ${port}: ${out}`);
  return Number(pid);
}

/** Milliseconds from now until the indicator reads `text`, measured in the page (no polling delay). */
async function timeToStatus(page: Page, text: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { accordStatusAt?: number | null };
    w.accordStatusAt = null;
    const target = document.querySelector('[data-testid="save-status"]')!;
    const observer = new MutationObserver(() => {
      if (target.textContent === wanted && w.accordStatusAt === null) {
        w.accordStatusAt = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(target, { childList: true, characterData: true, subtree: true });
  }, text);
  const started = Date.now();
  await act();
  const at = await (async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const seen = await page.evaluate(() => (window as unknown as { accordStatusAt: number | null }).accordStatusAt);
      if (seen !== null) return seen;
      if (Date.now() > deadline) throw new Error(`the indicator never read "${text}"`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return at - started;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Types at the end of the first paragraph under negotiation. */
async function typeIntoText(page: Page, words: string, delay = 60): Promise<void> {
  const text = page.locator('[data-paragraph][data-status="under_negotiation"] [data-paragraph-text]').first();
  await text.click();
  await page.keyboard.press('End');
  await page.keyboard.type(words, { delay });
}

/** Whether the indicator is inside the viewport and not covered by anything. */
function statusInView(page: Page): Promise<{ inView: boolean; top: number; bottom: number; scrollY: number }> {
  return saveStatus(page).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const atCentre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const inView = box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0 && !!atCentre && element.contains(atCentre);
    return { inView, top: Math.round(box.top), bottom: Math.round(box.bottom), scrollY: Math.round(window.scrollY) };
  });
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
  });
  expect(violations, label).toEqual([]);
}

describe.runIf(availability.run)('the saved indicator and signing out, in a real browser', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let documentUrl = '';
  let documentApi = '';
  let chairToken = '';
  const contexts: BrowserContext[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    [server, browser] = await Promise.all([startAccord(), launchChromium()]);
    chairToken = await server.token('chair@accord.example');
    const headers = { authorization: `Bearer ${chairToken}` };
    const get = async <T,>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`, { headers })).json()) as T;
    const { dialogues } = await get<{ dialogues: Array<{ id: string }> }>('/api/dialogues');
    const dialogue = dialogues[0]!;
    const { documents } = await get<{ documents: Array<{ id: string }> }>(`/api/dialogues/${dialogue.id}/documents`);
    documentUrl = `${server.url}/dialogues/${dialogue.id}/documents/${documents[0]!.id}`;
    documentApi = `${server.url}/api/dialogues/${dialogue.id}/documents/${documents[0]!.id}/text`;
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    if (Object.keys(timings).length > 0) {
      writeFileSync(join(outDir, 'saved-indicator-timings.json'), `${JSON.stringify({ timeToOfflineMs: timings }, null, 2)}\n`);
      process.stdout.write(`Time from the network going to "Offline" (ms): ${JSON.stringify(timings)}\n`);
    }
  });

  const serverText = async (): Promise<string> => {
    const response = await fetch(documentApi, { headers: { authorization: `Bearer ${chairToken}` } });
    return ((await response.json()) as { text: string }).text;
  };

  async function newPage(viewport = { width: 1280, height: 800 }, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    return { context, page };
  }

  async function openAs(email: string, viewport?: { width: number; height: number }, options?: { bypassCSP?: boolean }) {
    const opened = await newPage(viewport, options);
    await opened.page.goto(documentUrl);
    await signIn(opened.page, email);
    await opened.page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => saveStatus(opened.page).textContent(), { timeout: 20_000 }).toMatch(/^(Saved|Read-only)$/);
    return opened;
  }

  it('stays in view while a long text scrolls: a delegate, a civil-society reader, an observer, and on a narrow screen', async () => {
    const cases: Array<{ who: string; email: string; viewport?: { width: number; height: number }; expected: string }> = [
      { who: 'delegate', email: 'arandia@accord.example', expected: 'Saved' },
      { who: 'civil-society', email: 'ngo@accord.example', expected: 'Read-only' },
      { who: 'observer', email: 'observer@accord.example', expected: 'Read-only' },
      { who: 'delegate-narrow', email: 'veloria@accord.example', viewport: { width: 390, height: 800 }, expected: 'Saved' },
    ];
    for (const { who, email, viewport, expected } of cases) {
      const { page, context } = await openAs(email, viewport);
      expect(await saveStatus(page).textContent()).toBe(expected);
      // Down to the last paragraph, then half way back: the bar must follow both ways.
      await page.locator('[data-paragraph]').last().scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 400));
      const bottom = await statusInView(page);
      expect(bottom.scrollY, `${who}: the text scrolls`).toBeGreaterThan(800);
      expect(bottom.inView, `${who} at the end: ${JSON.stringify(bottom)}`).toBe(true);
      await page.screenshot({ path: shot(`scrolled-${who}`) });
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      const middle = await statusInView(page);
      expect(middle.inView, `${who} in the middle: ${JSON.stringify(middle)}`).toBe(true);
      await context.close();
    }
  });

  it('shows no "Saving…" while a person types at an ordinary pace, and its live region stays quiet until the state has settled', async () => {
    const { page } = await openAs('arandia@accord.example');
    await page.evaluate(() => {
      const record: Array<{ at: number; shown: string; announced: string }> = [];
      (window as unknown as { accordIndicator: typeof record }).accordIndicator = record;
      const shown = document.querySelector('[data-testid="save-status"]')!;
      const announced = document.querySelector('[data-testid="save-status-announced"]')!;
      const note = () => record.push({ at: performance.now(), shown: shown.textContent ?? '', announced: announced.textContent ?? '' });
      const observer = new MutationObserver(note);
      for (const target of [shown, announced]) observer.observe(target, { childList: true, characterData: true, subtree: true });
    });
    const before = await serverText();
    await typeIntoText(page, ' The Group notes the views expressed by delegations.', 90);
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 20_000 }).toBe('Saved');
    await new Promise((r) => setTimeout(r, 1500));
    const record = await page.evaluate(() => (window as unknown as { accordIndicator: Array<{ at: number; shown: string; announced: string }> }).accordIndicator);
    writeFileSync(join(outDir, 'saved-indicator-typing-record.json'), `${JSON.stringify(record, null, 2)}\n`);
    expect(record.map((r) => r.shown)).not.toContain('Saving…');
    expect(record.map((r) => r.announced)).not.toContain('Saving…');
    // "Saved" only once the server holds every word.
    expect(await serverText()).not.toBe(before);
    expect(await serverText()).toContain('The Group notes the views expressed by delegations.');
    await page.screenshot({ path: shot('after-typing') });
  });

  it('says "Offline" within 2 s when the browser goes offline, and "Saved" again when it is back, with what was typed meanwhile', async () => {
    const { page, context } = await openAs('veloria@accord.example');
    const ms = await timeToStatus(page, OFFLINE, () => context.setOffline(true));
    timings.browserOffline = ms;
    process.stdout.write(`Browser offline to "Offline": ${ms} ms\n`);
    expect(ms).toBeLessThanOrEqual(2000);
    await typeIntoText(page, ' Typed on a dead network.');
    await page.screenshot({ path: shot('browser-offline') });
    await context.setOffline(false);
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 30_000 }).toBe('Saved');
    expect(await serverText()).toContain('Typed on a dead network.');
    await context.close();
  });

  it('says "Offline" within 2 s when the server stops answering (SIGSTOP), and saves what was typed once it answers again', async () => {
    const { page, context } = await openAs('arandia@accord.example');
    // Let the page's first round of requests finish, so the server is idle when it stops.
    await new Promise((r) => setTimeout(r, 1000));
    const pid = serverPid(server.url);
    let stopped = false;
    try {
      const ms = await timeToStatus(page, OFFLINE, async () => {
        process.kill(pid, 'SIGSTOP');
        stopped = true;
      });
      timings.serverStopped = ms;
      process.stdout.write(`Server stopped to "Offline": ${ms} ms\n`);
      expect(ms).toBeLessThanOrEqual(2000);
      await typeIntoText(page, ' Typed while the server was silent.');
      await page.screenshot({ path: shot('server-stopped') });
    } finally {
      if (stopped) process.kill(pid, 'SIGCONT');
    }
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 30_000 }).toBe('Saved');
    expect(await serverText()).toContain('Typed while the server was silent.');
    await context.close();
  });

  it('signs out offline at once, keeps only the copy with unsent edits, ends the server session once it can (across a reload), and the edits are saved on the next sign-in', async () => {
    const { page, context } = await openAs('veloria@accord.example');
    const words = ' Kept on the device through sign-out.';
    const copies = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('accord:')));
    expect(await copies()).toHaveLength(1);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const serverSession = async () => ((await (await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).json()) as { me: unknown }).me;
    expect(await serverSession()).not.toBeNull();

    await context.setOffline(true);
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 5000 }).toBe(OFFLINE);
    await typeIntoText(page, words);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const signOutMs = Date.now() - started;
    process.stdout.write(`Sign out while offline to the sign-in page: ${signOutMs} ms\n`);
    expect(signOutMs).toBeLessThan(2000);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'signed out on this device' }).count()).toBe(1);
    await page.screenshot({ path: shot('signed-out-offline') });
    // The copy holds the unsent words: kept. The server still holds the session.
    await new Promise((r) => setTimeout(r, 500));
    expect(await copies()).toHaveLength(1);
    expect(await serverSession()).not.toBeNull();

    // The network returns but the server cannot yet be told (its logout refused on the way), and the
    // page is reloaded: it must not sign Veloria back in with the cookie the server still honours.
    await page.route('**/api/auth/logout', (route) => route.abort());
    const sessionChecks: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/session') || request.url().endsWith('/api/me')) sessionChecks.push(request.url());
    });
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await page.getByText('Signed in as').count()).toBe(0);
    expect(sessionChecks).toEqual([]);
    expect(await serverSession()).not.toBeNull();
    await page.screenshot({ path: shot('reloaded-sign-out-pending') });

    // The server can be told again: the session ends within the retry interval.
    await page.unroute('**/api/auth/logout');
    await expect.poll(serverSession, { timeout: 15_000 }).toBeNull();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'signed out on this device' }).count()).toBe(0);
    expect(await serverText()).not.toContain(words.trim());

    // Veloria signs in again and opens the text: the kept words are sent and saved.
    await page.goto(documentUrl);
    await signIn(page, 'veloria@accord.example');
    await page.locator('[data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 20_000 }).toBe('Saved');
    await expect.poll(serverText, { timeout: 10_000 }).toContain(words.trim());
    await page.screenshot({ path: shot('signed-in-again-saved') });

    // Everything is saved now: signing out (online) leaves no copy behind, ends the session at
    // once, and shows no pending notice.
    const cookieNow = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(copies).toEqual([]);
    const sessionNow = await fetch(`${server.url}/api/auth/session`, { headers: { cookie: cookieNow } });
    expect(((await sessionNow.json()) as { me: unknown }).me).toBeNull();
    expect(await page.getByRole('status').filter({ hasText: 'signed out on this device' }).count()).toBe(0);
    await context.close();
  });

  it('a signed-out page load logs no error to the console', async () => {
    const { page, context } = await newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(documentUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    await page.screenshot({ path: shot('signed-out-load') });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violations (axe-core) on the document with the indicator, and on the pending sign-out notice', async () => {
    const { page, context } = await openAs('arandia@accord.example', undefined, { bypassCSP: true });
    await context.setOffline(true);
    await expect.poll(() => saveStatus(page).textContent(), { timeout: 5000 }).toBe(OFFLINE);
    await expectNoAxeViolations(page, 'document, offline');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoAxeViolations(page, 'sign-in with the pending notice');
    await context.setOffline(false);
    await context.close();
  });
});

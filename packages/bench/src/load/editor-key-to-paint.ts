/**
 * The web editor's key-to-paint in Chromium, on the built app the Accord server serves: a delegate
 * types into the first paragraph of a 500-paragraph document whose comments panel lists the threads
 * they may see, and into an equal document without threads. Each key is pressed through the
 * DevTools protocol (a trusted keystroke, as from a keyboard); the page times it from the keydown
 * event's timestamp until the first frame after the editor's DOM changed has been painted
 * (requestAnimationFrame, then a task after that frame). Both documents are open at once, each in
 * a browser context of its own, and the keys alternate between them one by one, so whatever else
 * the machine does at a moment falls on both figures alike.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { EditorPaintResult } from '../protocol.js';
import { distribution } from '../stats.js';
import { sleep } from './connect-clients.js';

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
/** A quick typist: 8 to 12 characters a second. */
const KEY_GAP_MS = [80, 125] as const;
const TYPED = 'the parties agree to consult further ';
const READY_TIMEOUT_MS = 60_000;
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export interface EditorPaintPlan {
  url: string;
  dialogueId: string;
  email: string;
  password: string;
  withThreads: { documentId: string; visibleThreads: number };
  withoutThreads: { documentId: string };
  /** Per document: as many with the threads as without. */
  keystrokes: number;
  progress(message: string): Promise<unknown>;
}

export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((path): path is string => !!path && existsSync(path));
}

/** Why the browser phase cannot run here, or null when it can. */
export async function browserPhaseBlocked(url: string): Promise<string | null> {
  if (!findChromium()) return 'no Chromium found (install it, or set CHROMIUM_PATH)';
  const page = await fetch(url, { headers: { accept: 'text/html' } }).then((response) => response.text());
  if (!page.includes('<html') && !page.includes('<!doctype')) return 'the web app is not built (apps/web/dist): run `pnpm build`';
  return null;
}

export async function editorKeyToPaint(plan: EditorPaintPlan): Promise<EditorPaintResult> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath: findChromium()!,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const documentUrl = (documentId: string) => `${plan.url}/dialogues/${plan.dialogueId}/documents/${documentId}`;
    const without = await signedIn(browser, plan, documentUrl(plan.withoutThreads.documentId));
    await panelCount(without, 0);
    const withThreads = await signedIn(browser, plan, documentUrl(plan.withThreads.documentId));
    const panelThreads = await panelCount(withThreads, plan.withThreads.visibleThreads);
    await plan.progress(`signed in to the web app twice; the panel lists ${panelThreads ?? 'no'} threads; typing`);
    for (const page of [without, withThreads]) await placeCaret(page);
    for (let i = 0; i < plan.keystrokes; i++) {
      const key = TYPED[i % TYPED.length]!;
      // Which document goes first alternates too, so neither always follows the other's frame.
      const order = i % 2 === 0 ? [without, withThreads] : [withThreads, without];
      for (const page of order) {
        await page.keyboard.press(key === ' ' ? 'Space' : key);
        // The page's CSP forbids the eval behind waitForFunction; the probe answers when it has the sample.
        await page.evaluate(`window.accordBenchPainted(${i + 1})`);
        await sleep(KEY_GAP_MS[0] + Math.random() * (KEY_GAP_MS[1] - KEY_GAP_MS[0]));
      }
      if ((i + 1) % 100 === 0) await plan.progress(`${i + 1} of ${plan.keystrokes} keys typed into each document`);
    }
    const withThreadsMs = distribution(await samples(withThreads));
    const withoutThreadsMs = distribution(await samples(without));
    return {
      keystrokes: withThreadsMs.count + withoutThreadsMs.count,
      visibleThreads: plan.withThreads.visibleThreads,
      panelThreads,
      withThreadsMs,
      withoutThreadsMs,
    };
  } finally {
    await browser.close();
  }
}

async function samples(page: Page): Promise<number[]> {
  return (await page.evaluate('window.accordBenchPaint.slice()')) as number[];
}

/** A browser context of its own, signed in, with the document open and its editor ready. */
export async function signedIn(browser: Browser, plan: Pick<EditorPaintPlan, 'email' | 'password'>, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(url);
  await page.getByLabel('Email address').fill(plan.email);
  await page.getByLabel('Password').fill(plan.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
  return page;
}

/**
 * Waits until the comments panel lists `expected` threads (for at most a minute), so every card is
 * on the page before the first timed key; answers how many it lists, or null when there is no panel.
 */
async function panelCount(page: Page, expected: number): Promise<number | null> {
  const panel = page.locator('aside[aria-label="Comments"]');
  const found = await panel.waitFor({ timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  if (!found) return null;
  const cards = panel.locator('[data-thread-id]');
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let listed = await cards.count();
  while (listed < expected && Date.now() < deadline) {
    await sleep(250);
    listed = await cards.count();
  }
  return listed;
}

/** The caret at the end of the first paragraph, and the probe installed. */
export async function placeCaret(page: Page, probe = INSTALL_PROBE): Promise<void> {
  const paragraph = page.locator('[data-paragraph] [data-paragraph-text]').first();
  const box = (await paragraph.boundingBox())!;
  await paragraph.click({ position: { x: Math.max(1, box.width - 2), y: Math.max(1, box.height - 4) } });
  await page.keyboard.press('End');
  // The page settles (highlights drawn, the caret placed) before the first timed key.
  await sleep(1_000);
  await page.evaluate(probe);
}

/**
 * Runs in the page (a string: this package compiles without the DOM's types): one sample per
 * keydown, once the editor's DOM has changed and the frame showing it has been painted.
 */
const INSTALL_PROBE = paintProbe(false);

/**
 * The probe's source. `caretParagraphOnly`: a key's sample ends only when the paragraph holding the
 * caret changes (E1, where another person's words also change the page); otherwise at the first change.
 */
export function paintProbe(caretParagraphOnly: boolean): string {
  return `(() => {
  const samples = [];
  const waiters = [];
  window.accordBenchPaint = samples;
  window.accordBenchPainted = (n) => new Promise((resolve, reject) => {
    if (samples.length >= n) return resolve(true);
    const timer = setTimeout(() => reject(new Error('keystroke ' + n + ' never reached the editor')), 10000);
    waiters.push({ n, resolve: () => { clearTimeout(timer); resolve(true); } });
  });
  const editor = document.querySelector('.ProseMirror[contenteditable="true"]') || document.querySelector('[contenteditable="true"]');
  if (!editor) throw new Error('no editable editor on the page');
  const caretParagraph = () => {
    if (!${caretParagraphOnly}) return null;
    const node = window.getSelection() && window.getSelection().anchorNode;
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element && element.closest('[data-paragraph]');
  };
  let pending = null;
  document.addEventListener('keydown', (event) => { pending = { at: event.timeStamp, seen: false, paragraph: caretParagraph() }; }, { capture: true });
  new MutationObserver((records) => {
    const key = pending;
    if (!key || key.seen) return;
    const mine = (r) => key.paragraph.contains(r.target) || r.target.contains(key.paragraph) || Array.from(r.removedNodes).includes(key.paragraph);
    if (key.paragraph && !records.some(mine)) return;
    key.seen = true;
    requestAnimationFrame(() => setTimeout(() => {
      samples.push(performance.now() - key.at);
      if (pending === key) pending = null;
      for (const waiter of waiters.splice(0)) {
        if (samples.length >= waiter.n) waiter.resolve();
        else waiters.push(waiter);
      }
    }, 0));
  }).observe(editor, { subtree: true, childList: true, characterData: true });
})()`;
}

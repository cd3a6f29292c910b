/**
 * The web editor's key-to-paint in Chromium, on the built app the Accord server serves: a delegate
 * types into the first paragraph of a 500-paragraph document whose comments panel lists the threads
 * they may see, and into an equal document without threads. Each key is pressed through the
 * DevTools protocol (a trusted keystroke, as from a keyboard); the page times it from the keydown
 * event's timestamp until the first frame after the editor's DOM changed has been painted
 * (requestAnimationFrame, then a task after that frame). The two documents alternate in rounds, so
 * a drifting machine affects both alike.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { EditorPaintResult } from '../protocol.js';
import { distribution } from '../stats.js';
import { sleep } from './connect-clients.js';

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const ROUNDS = 2;
/** A quick typist: 8 to 12 characters a second. */
const KEY_GAP_MS = [80, 125] as const;
const TYPED = 'the parties agree to consult further ';
const READY_TIMEOUT_MS = 60_000;

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
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const documentUrl = (documentId: string) => `${plan.url}/dialogues/${plan.dialogueId}/documents/${documentId}`;
    await page.goto(documentUrl(plan.withoutThreads.documentId));
    await page.getByLabel('Email address').fill(plan.email);
    await page.getByLabel('Password').fill(plan.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
    await plan.progress('signed in to the web app; typing');

    const withThreads: number[] = [];
    const withoutThreads: number[] = [];
    let panelThreads: number | null = null;
    const perRound = Math.ceil(plan.keystrokes / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      await open(page, documentUrl(plan.withoutThreads.documentId));
      await panelCount(page, 0);
      withoutThreads.push(...(await typeAndTime(page, perRound)));
      await open(page, documentUrl(plan.withThreads.documentId));
      panelThreads = await panelCount(page, plan.withThreads.visibleThreads);
      withThreads.push(...(await typeAndTime(page, perRound)));
      await plan.progress(`browser round ${round + 1} of ${ROUNDS}: ${withoutThreads.length} + ${withThreads.length} keystrokes timed`);
    }
    return {
      keystrokes: withThreads.length + withoutThreads.length,
      visibleThreads: plan.withThreads.visibleThreads,
      panelThreads,
      withThreadsMs: distribution(withThreads),
      withoutThreadsMs: distribution(withoutThreads),
    };
  } finally {
    await browser.close();
  }
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-ready="true"]').waitFor({ timeout: READY_TIMEOUT_MS });
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

async function typeAndTime(page: Page, keystrokes: number): Promise<number[]> {
  const paragraph = page.locator('[data-paragraph] [data-paragraph-text]').first();
  const box = (await paragraph.boundingBox())!;
  await paragraph.click({ position: { x: Math.max(1, box.width - 2), y: Math.max(1, box.height - 4) } });
  await page.keyboard.press('End');
  // The page settles (highlights drawn, the caret placed) before the first timed key.
  await sleep(1_000);
  await page.evaluate(INSTALL_PROBE);
  for (let i = 0; i < keystrokes; i++) {
    const key = TYPED[i % TYPED.length]!;
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    // The page's CSP forbids the eval behind waitForFunction; the probe answers when it has the sample.
    await page.evaluate(`window.accordBenchPainted(${i + 1})`);
    await sleep(KEY_GAP_MS[0] + Math.random() * (KEY_GAP_MS[1] - KEY_GAP_MS[0]));
  }
  return (await page.evaluate('window.accordBenchPaint.slice()')) as number[];
}

/**
 * Runs in the page (a string: this package compiles without the DOM's types): one sample per
 * keydown, once the editor's DOM has changed and the frame showing it has been painted.
 */
const INSTALL_PROBE = `(() => {
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
  let pending = null;
  document.addEventListener('keydown', (event) => { pending = { at: event.timeStamp, seen: false }; }, { capture: true });
  new MutationObserver(() => {
    const key = pending;
    if (!key || key.seen) return;
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

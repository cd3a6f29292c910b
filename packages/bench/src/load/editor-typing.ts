/**
 * E1's browser phase: a delegate types at the end of the first paragraph of a long bracketed text in
 * the built web app in Chromium while someone else types into another paragraph of the same document
 * (`typeElsewhere`, an SDK client in this process); beside it, in the same browser, the same delegate
 * types into a short plain document no one else is in. Keys are trusted keystrokes through the
 * DevTools protocol and alternate between the two pages one by one (as C1's phase does), so whatever
 * else the machine does at a moment falls on both figures alike.
 *
 * The probe is C1's, except that only a change to the paragraph holding the caret ends a sample:
 * the other person's words, painted in between, are not the key's paint.
 */
import { writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { EditorTypingFigures } from '../protocol.js';
import { distribution } from '../stats.js';
import { sleep } from './connect-clients.js';
import { CHROMIUM_ARGS, findChromium, paintProbe, placeCaret, signedIn } from './editor-key-to-paint.js';

const KEY_GAP_MS = [80, 125] as const;
const TYPED = 'the parties agree to consult further ';

export interface EditorTypingPlan {
  url: string;
  dialogueId: string;
  email: string;
  password: string;
  busyDocumentId: string;
  quietDocumentId: string;
  keystrokes: number;
  /** Starts the other person typing; the returned function stops them and answers how many characters they typed. */
  typeElsewhere(): () => Promise<number>;
  progress(message: string): Promise<unknown>;
}


export async function editorTyping(plan: EditorTypingPlan): Promise<EditorTypingFigures> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath: findChromium()!, headless: true, args: CHROMIUM_ARGS });
  try {
    const documentUrl = (documentId: string) => `${plan.url}/dialogues/${plan.dialogueId}/documents/${documentId}`;
    const quiet = await signedIn(browser, plan, documentUrl(plan.quietDocumentId));
    const busy = await signedIn(browser, plan, documentUrl(plan.busyDocumentId));
    const drawn = (await busy.evaluate(`[
      document.querySelectorAll('.ProseMirror [data-bracket]').length,
      document.querySelectorAll('.ProseMirror sup.rt-sponsors').length,
      document.querySelectorAll('.ProseMirror [data-paragraph]').length,
    ]`)) as [number, number, number];
    await plan.progress(`the long text's page draws ${drawn[2]} paragraphs, ${drawn[0]} bracket elements and ${drawn[1]} sponsor marks; typing`);
    for (const page of [quiet, busy]) await placeCaret(page, CARET_PARAGRAPH_PROBE);
    const meters = await Promise.all([quiet, busy].map(mainThreadMeter));
    const stopProfile = process.env.BENCH_E1_PROFILE ? await profile(busy, process.env.BENCH_E1_PROFILE) : null;
    const stop = plan.typeElsewhere();
    let peerChars = 0;
    try {
      for (let i = 0; i < plan.keystrokes; i++) {
        const key = TYPED[i % TYPED.length]!;
        const order = i % 2 === 0 ? [quiet, busy] : [busy, quiet];
        for (const page of order) {
          await page.keyboard.press(key === ' ' ? 'Space' : key);
          await page.evaluate(`window.accordBenchPainted(${i + 1})`);
          await sleep(KEY_GAP_MS[0] + Math.random() * (KEY_GAP_MS[1] - KEY_GAP_MS[0]));
        }
        if ((i + 1) % 50 === 0) await plan.progress(`${i + 1} of ${plan.keystrokes} keys typed into each document`);
      }
    } finally {
      peerChars = await stop();
      await stopProfile?.();
    }
    const [quietUse, busyUse] = await Promise.all(meters.map((meter) => meter()));
    return {
      busyTaskMsPerKey: busyUse!.taskMs / plan.keystrokes,
      quietTaskMsPerKey: quietUse!.taskMs / plan.keystrokes,
      busyScriptMsPerKey: busyUse!.scriptMs / plan.keystrokes,
      quietScriptMsPerKey: quietUse!.scriptMs / plan.keystrokes,
      busyMs: distribution(await samples(busy)),
      quietMs: distribution(await samples(quiet)),
      bracketElements: drawn[0],
      sponsorElements: drawn[1],
      paragraphElements: drawn[2],
      peerChars,
    };
  } finally {
    await browser.close();
  }
}

/**
 * The page's main-thread time from now until the returned function is called: CPU spent, so less
 * disturbed than a wall-clock figure by whatever else the machine runs.
 */
async function mainThreadMeter(page: Page): Promise<() => Promise<{ taskMs: number; scriptMs: number }>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const read = async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { taskMs: value('TaskDuration') * 1000, scriptMs: value('ScriptDuration') * 1000 };
  };
  const start = await read();
  return async () => {
    const end = await read();
    return { taskMs: end.taskMs - start.taskMs, scriptMs: end.scriptMs - start.scriptMs };
  };
}

/** With BENCH_E1_PROFILE=<file>: the long text's page profiled over the typing (a .cpuprofile for DevTools). */
async function profile(page: Page, path: string): Promise<() => Promise<void>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  return async () => {
    const { profile: taken } = await session.send('Profiler.stop');
    await writeFile(path, JSON.stringify(taken));
  };
}

async function samples(page: Page): Promise<number[]> {
  return (await page.evaluate('window.accordBenchPaint.slice()')) as number[];
}

/** C1's probe (editor-key-to-paint.ts), counting only changes inside the paragraph that holds the caret. */
const CARET_PARAGRAPH_PROBE = paintProbe(true);

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Where screenshots go: gitignored, and looked at by a person after a run. */
export const screenshotDir = resolve(dirname(fileURLToPath(import.meta.url)), '../screenshots');

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The system's Chromium; Playwright's own browser downloads are not used (nor reachable in CI). */
export function findChromium(): string | undefined {
  return candidates.find((path): path is string => !!path && existsSync(path));
}

/**
 * Whether the browser suite runs. On a developer's machine without Chromium it is skipped with a
 * reason; in CI (CI set) a missing browser is a failure, so the suite can never silently vanish.
 */
export function browserAvailability(): { run: boolean; reason?: string } {
  if (findChromium()) return { run: true };
  const reason = 'no Chromium found (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH)';
  if (process.env.CI) throw new Error(`End-to-end tests need a browser in CI: ${reason}`);
  return { run: false, reason };
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found');
  mkdirSync(screenshotDir, { recursive: true });
  // Playwright gives every launch a fresh, temporary profile. The flags keep a headless browser from
  // calling home, which a closed network answers with a storm of refused connections.
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export function screenshotPath(name: string): string {
  return join(screenshotDir, `${name}.png`);
}

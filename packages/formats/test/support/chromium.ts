/**
 * Real Chromium and poppler for the PDF tests. Missing tools skip the tests with the reason on a
 * developer's machine, and fail them in CI (CI=true), where .ci/run installs both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function onPath(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why the PDF tests cannot run here, or null when Chromium, pdftotext, pdftoppm and pdfinfo are all present. */
export function missingPdfTools(): string | null {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push(`Chromium (${CHROMIUM_PATH}; set CHROMIUM_PATH)`);
  for (const tool of ['pdftotext', 'pdftoppm', 'pdfinfo']) if (!onPath(tool)) missing.push(`${tool} (poppler-utils)`);
  return missing.length === 0 ? null : `missing ${missing.join(', ')}`;
}

export const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false';

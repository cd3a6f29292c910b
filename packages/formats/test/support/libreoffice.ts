/**
 * LibreOffice as the tests' reader of our Word files. `soffice --convert-to txt` for plain reading;
 * lo_convert.py (UNO, python3-uno) to accept or reject all tracked changes and to read footnotes.
 * Each run has its own profile directory, so parallel runs never share one.
 *
 * Absent LibreOffice: the tests skip, saying why — except under CI=true, where they fail, since CI
 * installs it (.ci/run) and a missing reader must not pass for a green run.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'lo_convert.py');

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
}

export const office = {
  soffice: onPath('soffice'),
  ci: process.env.CI === 'true' || process.env.CI === '1',
};

/** Why the LibreOffice tests cannot run here, or null when they can. Under CI, absence is an error. */
export function officeMissing(): string | null {
  if (office.soffice) return null;
  const reason = 'LibreOffice (soffice) is not installed';
  if (office.ci) throw new Error(`${reason}, and CI=true: CI must run the LibreOffice tests (install libreoffice-writer and python3-uno)`);
  return reason;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'accord-docx-'));
}

/** Writes each file and converts them all with one LibreOffice start; returns each text (BOM removed). */
export async function convertToText(files: Record<string, Uint8Array>): Promise<Record<string, string>> {
  const dir = scratchDir();
  const profile = join(tmpdir(), `lo-${randomUUID()}`);
  try {
    const paths = Object.entries(files).map(([name, bytes]) => {
      const path = join(dir, `${name}.docx`);
      writeFileSync(path, bytes);
      return path;
    });
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, ...paths], { timeout: 120_000 });
    return Object.fromEntries(Object.keys(files).map((name) => [name, readText(join(dir, `${name}.txt`))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

function readText(path: string): string {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

export interface UnoJob {
  name: string;
  bytes: Uint8Array;
  changes: 'accept' | 'reject' | 'keep';
  stripComments?: boolean;
}

export interface UnoResult {
  text: string;
  redlines: number;
  redlinesLeft: number;
  types: string[];
  authors: string[];
  dates: string[];
  footnotes: string[];
}

/** Whether python3 can load the UNO bridge (python3-uno). */
export async function unoAvailable(): Promise<boolean> {
  try {
    await run('/usr/bin/python3', ['-c', 'import uno'], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** Runs the jobs in one LibreOffice through UNO (lo_convert.py). */
export async function throughUno(jobs: UnoJob[]): Promise<Record<string, UnoResult>> {
  const dir = scratchDir();
  try {
    return await unoIn(dir, jobs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function unoIn(dir: string, jobs: UnoJob[]): Promise<Record<string, UnoResult>> {
  const spec = jobs.map((job) => {
    const input = join(dir, `${job.name}.docx`);
    writeFileSync(input, job.bytes);
    return { in: input, out: join(dir, `${job.name}.txt`), changes: job.changes, stripComments: job.stripComments ?? false };
  });
  const specPath = join(dir, 'jobs.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const { stdout } = await run('/usr/bin/python3', [SCRIPT, specPath], { timeout: 180_000 });
  const report = JSON.parse(stdout) as { jobs: Array<Omit<UnoResult, 'text'> & { in: string; error?: string }> };
  const out: Record<string, UnoResult> = {};
  report.jobs.forEach((result, i) => {
    if (result.error) throw new Error(`LibreOffice could not process ${basename(result.in)}: ${result.error}`);
    out[jobs[i]!.name] = { ...result, text: readText(spec[i]!.out) };
  });
  return out;
}

/**
 * M1: the embedded default's memory at rest. The built server is started as the README's quick start
 * starts it (`node apps/server/dist/main.js`, no DATABASE_URL, so PGlite) on a fresh directory. Its
 * first start creates the database and seeds the demo; after `idleMs` its resident memory and peak
 * (VmRSS and VmHWM in /proc) are read, it is stopped with SIGTERM and started again on the same
 * directory, and read again. The peer in the same run: the bench's Hocuspocus launcher with its
 * database extension on PGlite, started and restarted the same way, with no client. Run by the
 * orchestrator itself, after every other workload, so nothing else of the bench runs meanwhile; on
 * PGlite whatever DATABASE_URL says, since the embedded default is what it measures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from '../run-workload.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServerProcess } from '../server-process.js';

export interface M1Spec {
  /** How long each server rests after it says it is listening, before its memory is read. */
  idleMs: number;
}

/** One start's memory: resident at rest, and the most the process ever had resident. */
export interface StartMemory {
  rssBytes: number;
  peakBytes: number;
  /** From launch until the server said it was listening. */
  startMs: number;
}

export interface M1Result {
  idleMs: number;
  accord: { firstStart: StartMemory; restart: StartMemory };
  hocuspocus: { firstStart: StartMemory; restart: StartMemory } | null;
  hocuspocusError: string | null;
}

/** The issue's target for the embedded default at rest, first start included. */
export const M1_TARGET_BYTES = 250 * 1024 * 1024;
const START_TIMEOUT_MS = 120_000;

export async function measureEmbeddedMemory(spec: M1Spec, repoRoot: string, log: (message: string) => void): Promise<M1Result> {
  const accord = await twoStarts('accord', (dir, port) => startAccord(repoRoot, dir, port), spec, log);
  let hocuspocus: M1Result['hocuspocus'] = null;
  let hocuspocusError: string | null = null;
  try {
    hocuspocus = await twoStarts('hocuspocus', startHocuspocus, spec, log);
  } catch (error) {
    hocuspocusError = error instanceof Error ? error.message : String(error);
    log(`hocuspocus FAILED: ${hocuspocusError}`);
  }
  return { idleMs: spec.idleMs, accord, hocuspocus, hocuspocusError };
}

interface Started {
  pid: number;
  stop(): Promise<void>;
}

async function twoStarts(
  name: string,
  start: (dir: string, port: number) => Promise<Started>,
  spec: M1Spec,
  log: (message: string) => void,
): Promise<{ firstStart: StartMemory; restart: StartMemory }> {
  const dir = await mkdtemp(join(tmpdir(), `accord-bench-m1-${name}-`));
  try {
    const port = await freePort();
    const firstStart = await oneStart(() => start(dir, port), spec);
    log(`${name}: first start ${mb(firstStart.rssBytes)} at rest, peak ${mb(firstStart.peakBytes)}`);
    const restart = await oneStart(() => start(dir, port), spec);
    log(`${name}: restart ${mb(restart.rssBytes)} at rest, peak ${mb(restart.peakBytes)}`);
    return { firstStart, restart };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function oneStart(start: () => Promise<Started>, spec: M1Spec): Promise<StartMemory> {
  const began = performance.now();
  const server = await start();
  const startMs = performance.now() - began;
  try {
    await sleep(spec.idleMs);
    return { ...readMemory(server.pid), startMs };
  } finally {
    await server.stop();
  }
}

/** The quick start's server: the built main.js with the environment of a shell without configuration. */
async function startAccord(repoRoot: string, dir: string, port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, PORT: String(port), HOST: '127.0.0.1' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'SEED_DEMO', 'NODE_OPTIONS']) delete env[name];
  const child = spawn(process.execPath, [join(repoRoot, 'apps/server/dist/main.js')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!/listening on http/.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the Accord server exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Accord server did not start:\n${output}`);
    }
    await sleep(50);
  }
  return { pid: child.pid!, stop: () => stopChild(child) };
}

async function startHocuspocus(dir: string, port: number): Promise<Started> {
  const server = await ServerProcess.launch('hocuspocus', { kind: 'pglite', dir }, port);
  return { pid: server.pid!, stop: () => server.stop() };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** VmRSS and VmHWM of a process (Linux's /proc). */
function readMemory(pid: number): { rssBytes: number; peakBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rssBytes: kb('VmRSS'), peakBytes: kb('VmHWM') };
}


const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** M1's table: each start of each server, Accord's ratio to Hocuspocus and to the target. */
export function formatM1(result: M1Result): string {
  const lines = [`M1 embedded default at rest (PGlite, the demo seeded, ${result.idleMs / 1000} s idle after start; target ≤ ${mb(M1_TARGET_BYTES)})`];
  lines.push('  start          | Accord RSS | Accord peak | Hocuspocus RSS | Hocuspocus peak | A / H RSS | start time A / H');
  for (const [label, key] of [['first start', 'firstStart'], ['restart', 'restart']] as const) {
    const a = result.accord[key];
    const h = result.hocuspocus?.[key];
    const ratio = h ? `${(a.rssBytes / h.rssBytes).toFixed(2)}×` : 'n/a';
    const times = `${(a.startMs / 1000).toFixed(1)} s / ${h ? `${(h.startMs / 1000).toFixed(1)} s` : 'n/a'}`;
    const verdict = a.rssBytes <= M1_TARGET_BYTES ? 'within target' : 'ABOVE target';
    lines.push(
      `  ${label.padEnd(14)} | ${mb(a.rssBytes).padStart(10)} | ${mb(a.peakBytes).padStart(11)} | ${(h ? mb(h.rssBytes) : 'n/a').padStart(14)} | ${(h ? mb(h.peakBytes) : 'n/a').padStart(15)} | ${ratio.padStart(9)} | ${times} (${verdict})`,
    );
  }
  if (result.hocuspocusError) lines.push(`  hocuspocus failed: ${result.hocuspocusError.split('\n')[0]}`);
  return lines.join('\n');
}

/**
 * Repeated in-process work, timed round by round: wall time and this process's CPU time. Variants
 * measured against each other run alternately, round by round after their warm-up rounds, so a
 * machine that slows down meanwhile slows them alike.
 */
import type { InProcessTimes } from '../protocol.js';
import { distribution } from '../stats.js';

export interface Round<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}

export async function timeRound<T>(run: () => T | Promise<T>): Promise<Round<T>> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Each of `variants` `warmup` times untimed, then `rounds` timed rounds of each, alternating.
 * Returns each variant's rounds (values included: the last one is usually checked or sized).
 */
export async function alternate<K extends string, T>(
  variants: Record<K, () => T | Promise<T>>,
  warmup: number,
  rounds: number,
): Promise<Record<K, Array<Round<T>>>> {
  const names = Object.keys(variants) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) await variants[name]();
  const timed = Object.fromEntries(names.map((name) => [name, [] as Array<Round<T>>])) as Record<K, Array<Round<T>>>;
  for (let i = 0; i < rounds; i++) for (const name of names) timed[name].push(await timeRound(variants[name]));
  return timed;
}

export function inProcessTimes(rounds: ReadonlyArray<Round<unknown>>): InProcessTimes {
  return { wallMs: distribution(rounds.map((round) => round.wallMs)), cpuMs: distribution(rounds.map((round) => round.cpuMs)) };
}

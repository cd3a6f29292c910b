/**
 * Which past positions of a long log W4 reads, so that what it measures is the checkpoint and its
 * tail, never a cache: every position once, and each group read newest first, so the server's
 * replica of the last read (which it steps forward, as for a slider) is never behind the next one.
 */
import type { DistanceReads } from '../protocol.js';

export interface Probe {
  seq: number;
  kind: DistanceReads['kind'];
  /** Updates after the checkpoint the read starts from. */
  distance: number;
}

/** `count` distinct positions in [2, end − 1], newest first, none in `taken`. */
export function randomPositions(count: number, end: number, random: () => number, taken: ReadonlySet<number> = new Set()): number[] {
  const picked = new Set<number>();
  const span = end - 2;
  for (let tries = 0; picked.size < Math.min(count, span - taken.size) && tries < count * 100; tries++) {
    const seq = 2 + Math.floor(random() * span);
    if (!taken.has(seq)) picked.add(seq);
  }
  return [...picked].toSorted((a, b) => b - a);
}

/**
 * For `count` stored checkpoints spread over the log, and for the pair with the widest gap, reads at
 * the checkpoint, 1 after, half way to the next and just before the next: the read's tail is then
 * 0, 1, half the gap and the whole gap less one updates. Newest first.
 */
export function checkpointProbes(checkpoints: readonly number[], count: number): Probe[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < checkpoints.length; i++) {
    const [at, next] = [checkpoints[i]!, checkpoints[i + 1]!];
    if (at >= 2 && next - at >= 4) pairs.push([at, next]);
  }
  if (pairs.length === 0) return [];
  const chosen = new Set<number>();
  const step = pairs.length / Math.min(count, pairs.length);
  for (let k = 0; k < Math.min(count, pairs.length); k++) chosen.add(Math.floor(k * step + step / 2));
  let widest = 0;
  pairs.forEach(([at, next], i) => {
    if (next - at > pairs[widest]![1] - pairs[widest]![0]) widest = i;
  });
  chosen.add(widest);
  const probes: Probe[] = [];
  for (const i of chosen) {
    const [at, next] = pairs[i]!;
    const half = Math.floor((next - at) / 2);
    probes.push(
      { seq: at, kind: 'at a checkpoint', distance: 0 },
      { seq: at + 1, kind: '1 after', distance: 1 },
      { seq: at + half, kind: 'half way to the next', distance: half },
      { seq: next - 1, kind: 'last before the next', distance: next - 1 - at },
    );
  }
  return probes.toSorted((a, b) => b.seq - a.seq);
}

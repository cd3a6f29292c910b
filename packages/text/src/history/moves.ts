/**
 * Which units moved: those that changed box (a paragraph) or paragraph (a sub-paragraph), and those
 * whose order among the units kept in the same place changed. The units that keep their order are the
 * longest common subsequence of the two orders; ids are unique, so that is the longest increasing
 * subsequence of the old positions read in the new order (n log n, for boxes of any length).
 */
import type { Unit, Units } from './units.js';

export function movedUnits(from: Units, to: Units): Set<string> {
  const moved = new Set<string>();
  const groups = new Map<string, Array<{ id: string; before: number }>>();
  for (const unit of to.list) {
    const old = from.byId.get(unit.id);
    if (!old || old.kind !== unit.kind) continue;
    const place = placeOf(unit);
    if (place !== placeOf(old)) {
      moved.add(unit.id);
      continue;
    }
    const group = groups.get(place) ?? [];
    group.push({ id: unit.id, before: old.index });
    groups.set(place, group);
  }
  for (const group of groups.values()) {
    const kept = new Set(longestIncreasing(group.map((g) => g.before)));
    group.forEach((g, i) => {
      if (!kept.has(i)) moved.add(g.id);
    });
  }
  return moved;
}

/** Where a unit stands: its box for a paragraph, its paragraph for a sub-paragraph. */
function placeOf(unit: Unit): string {
  return unit.kind === 'paragraph' ? `box:${unit.boxKey}` : `paragraph:${unit.paragraphId ?? ''}`;
}

/** The indices of one longest strictly increasing subsequence of `values`, in order. */
export function longestIncreasing(values: readonly number[]): number[] {
  // tails[k]: index of the smallest last value of an increasing run of length k + 1.
  const tails: number[] = [];
  const previous: number[] = Array.from({ length: values.length }, () => -1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i]!) kept.push(i);
  return kept.toReversed();
}

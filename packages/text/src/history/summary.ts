/** The counts a comparison opens with: per kind, and per box of the `to` side (and boxes only `from` has). */
import { COMPARISON_KINDS, type ComparisonChange, type ComparisonCounts, type ComparisonSummary } from './types.js';
import type { Units } from './units.js';

export function summarise(changes: readonly ComparisonChange[], before: Units, after: Units): ComparisonSummary {
  const total = zero();
  const byBox: ComparisonSummary['byBox'] = [];
  const rowOf = new Map<string, ComparisonCounts>();
  for (const box of [...after.boxes, ...before.boxes]) {
    if (rowOf.has(box.label)) continue;
    const row = { box: box.label, title: box.title, ...zero() };
    byBox.push(row);
    rowOf.set(box.label, row);
  }
  for (const change of changes) {
    total[change.kind]++;
    const row = rowOf.get(change.box);
    if (row) row[change.kind]++;
  }
  return { ...total, byBox };
}

function zero(): ComparisonCounts {
  return Object.fromEntries(COMPARISON_KINDS.map((kind) => [kind, 0])) as ComparisonCounts;
}

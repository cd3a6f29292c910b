import type { Distribution } from './protocol.js';

/** Nearest-rank percentiles; an empty sample gives NaN so that a missing figure cannot pass for zero. */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = Float64Array.from(samples).toSorted();
  const at = (q: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  };
}

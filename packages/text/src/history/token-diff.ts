/**
 * The shortest edit between two sequences of token keys (Myers' O(ND) algorithm), bounded: past
 * `maxEdit` tokens added or removed it gives up and returns null. Written here rather than taken from
 * jsdiff because a comparison runs on every read of a redline, and two unrelated long wordings must
 * cost milliseconds: on integer keys in typed arrays the bound of 1,000 is a few milliseconds, where
 * jsdiff's diffArrays, allocating on every step, takes over a hundred.
 */

export interface Run {
  op: 'equal' | 'delete' | 'insert';
  count: number;
}

export function diffKeys(from: readonly string[], to: readonly string[], maxEdit: number): Run[] | null {
  const codes = new Map<string, number>();
  const code = (key: string): number => {
    let c = codes.get(key);
    if (c === undefined) codes.set(key, (c = codes.size));
    return c;
  };
  const a = Int32Array.from(from, code);
  const b = Int32Array.from(to, code);

  // What both share at the start and the end needs no search.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = middleRuns(a.subarray(head, a.length - tail), b.subarray(head, b.length - tail), maxEdit);
  if (middle === null) return null;
  const runs: Run[] = [];
  const push = (op: Run['op'], count: number): void => {
    if (count === 0) return;
    const last = runs.at(-1);
    if (last?.op === op) last.count += count;
    else runs.push({ op, count });
  };
  push('equal', head);
  for (const run of middle) push(run.op, run.count);
  push('equal', tail);
  return runs;
}

function middleRuns(a: Int32Array, b: Int32Array, maxEdit: number): Run[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...(n > 0 ? [{ op: 'delete' as const, count: n }] : []), ...(m > 0 ? [{ op: 'insert' as const, count: m }] : [])];
  const max = Math.min(n + m, maxEdit);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: v over diagonals -d..d after step d, to walk the path back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Run[] {
  const ops: Array<Run['op']> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const at = (k: number): number => previous[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    while (x > startX) {
      ops.push('equal');
      x--;
      y--;
    }
    ops.push(down ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  while (x > 0) {
    ops.push('equal');
    x--;
  }
  const runs: Run[] = [];
  for (let i = ops.length - 1; i >= 0; i--) {
    const last = runs.at(-1);
    if (last && last.op === ops[i]) last.count++;
    else runs.push({ op: ops[i]!, count: 1 });
  }
  return runs;
}

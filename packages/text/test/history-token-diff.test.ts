/** The bounded Myers diff behind the redline: a shortest edit, both sequences rebuilt from it, null past the bound. */
import { diffArrays } from 'diff';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffKeys } from '../src/history/token-diff.js';
import { fcParams } from './support/fc-params.js';

function rebuild(runs: NonNullable<ReturnType<typeof diffKeys>>, from: string[], to: string[]): { a: string[]; b: string[]; edits: number } {
  const a: string[] = [];
  const b: string[] = [];
  let i = 0;
  let j = 0;
  let edits = 0;
  for (const run of runs) {
    for (let k = 0; k < run.count; k++) {
      if (run.op === 'equal') {
        expect(from[i]).toBe(to[j]);
        a.push(from[i++]!);
        b.push(to[j++]!);
      } else if (run.op === 'delete') {
        a.push(from[i++]!);
        edits++;
      } else {
        b.push(to[j++]!);
        edits++;
      }
    }
  }
  return { a, b, edits };
}

describe('diffKeys', () => {
  it('rebuilds both sequences with as few edits as jsdiff finds', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'd'), { maxLength: 40 });
    fc.assert(
      fc.property(seq, seq, (from, to) => {
        const runs = diffKeys(from, to, 1_000)!;
        const { a, b, edits } = rebuild(runs, from, to);
        expect(a).toEqual(from);
        expect(b).toEqual(to);
        const optimal = diffArrays(from, to).reduce((sum, c) => sum + (c.added || c.removed ? c.value.length : 0), 0);
        expect(edits).toBe(optimal);
      }),
      fcParams,
    );
  });

  it('gives up past the bound', () => {
    expect(diffKeys(['a', 'b', 'c'], ['x', 'y', 'z'], 5)).toBeNull();
    expect(diffKeys(['a', 'b', 'c'], ['x', 'y', 'z'], 6)).toEqual([
      { op: 'delete', count: 3 },
      { op: 'insert', count: 3 },
    ]);
    expect(diffKeys([], [], 0)).toEqual([]);
  });
});

/**
 * W2's editing history: the real automerge-paper trace (see /work/shared/traces/README.md; CC BY 4.0,
 * Martin Kleppmann's automerge-perf via Joseph Gentle's editing-traces) when it is on disk, otherwise
 * a generated one of the same shape: 259,778 single-character edits, 70% typing at a cursor, 30%
 * backspacing, now and then a jump elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from './typist.js';

/** [position, characters deleted, text inserted]; positions are code points (the trace is ASCII). */
export type Patch = [number, number, string];

export interface EditingTrace {
  source: 'automerge-paper' | 'generated';
  patches: Patch[];
  /** The text after every patch, when known without replaying (the whole real trace). */
  endContent: string | null;
}

interface SequentialTraceFile {
  startContent: string;
  endContent: string;
  txns: Array<{ patches: Patch[] }>;
}

const GENERATED_EDITS = 259_778;

export function loadEditingTrace(path: string, limit: number | null): EditingTrace {
  if (!existsSync(path)) {
    const patches = generatePatches(limit ?? GENERATED_EDITS);
    return { source: 'generated', patches, endContent: null };
  }
  const file = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as SequentialTraceFile;
  if (file.startContent !== '') throw new Error(`${path}: a trace that does not start empty is not supported`);
  const patches = file.txns.flatMap((txn) => txn.patches);
  const whole = limit === null || limit >= patches.length;
  return {
    source: 'automerge-paper',
    patches: whole ? patches : patches.slice(0, limit),
    endContent: whole ? file.endContent : null,
  };
}

function generatePatches(count: number): Patch[] {
  const random = seededRandom(2021);
  const patches: Patch[] = [];
  let length = 0;
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    if (random() < 0.02) cursor = Math.floor(random() * (length + 1));
    if (cursor > 0 && random() < 0.3) {
      patches.push([--cursor, 1, '']);
      length--;
    } else {
      patches.push([cursor++, 0, String.fromCharCode(97 + Math.floor(random() * 26))]);
      length++;
    }
  }
  return patches;
}

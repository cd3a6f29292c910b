/**
 * Two sequences of printed runs compared token by token: words, spaces and punctuation, and each
 * label, bracket, sponsor list, footnote and status as one token. Leaving out the 'delete' runs of
 * the result gives the newer runs, leaving out the 'insert' runs the older (adjacent words of one
 * look joined, as printText joins them).
 */
import { diffArrays } from 'diff';
import type { PrintedChange, PrintedRun } from './printed-types.js';

/** Past this many tokens added or removed, a wording is shown out and in whole (compareTexts' bound). */
const MAX_EDIT_TOKENS = 1000;

interface Token {
  key: string;
  run: PrintedRun;
}

const WORD_PIECES = /[\p{L}\p{N}\p{M}_'’-]+|\s+|[^\p{L}\p{N}\p{M}_'’\s-]/gu;

function tokensOf(runs: readonly PrintedRun[]): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    if (run.kind === 'footnote') {
      tokens.push({ key: `f|${run.inBracket}|${run.text}`, run });
    } else if (run.role !== 'words') {
      tokens.push({ key: `${run.role}|${run.inBracket}|${run.text}`, run });
    } else {
      const look = `w|${run.inBracket}|${run.em ?? false}|${run.strong ?? false}|`;
      for (const piece of run.text.match(WORD_PIECES) ?? []) tokens.push({ key: look + piece, run: { ...run, text: piece } });
    }
  }
  return tokens;
}

export function diffRuns(older: readonly PrintedRun[], newer: readonly PrintedRun[]): PrintedRun[] {
  const a = tokensOf(older);
  const b = tokensOf(newer);
  const runs: PrintedRun[] = [];
  const parts = diffArrays(
    a.map((t) => t.key),
    b.map((t) => t.key),
    { maxEditLength: MAX_EDIT_TOKENS },
  );
  if (parts === undefined) {
    for (const t of a) pushRun(runs, t.run, 'delete');
    for (const t of b) pushRun(runs, t.run, 'insert');
    return runs;
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  for (const part of parts) {
    for (let n = 0; n < part.count; n++) {
      if (part.removed) steps.push({ older: a[i++]!.run });
      else if (part.added) steps.push({ newer: b[j++]!.run });
      else steps.push({ older: a[i++]!.run, newer: b[j++]!.run });
    }
  }
  for (const cluster of clusters(steps)) {
    if (cluster.length === 1 && cluster[0]!.older && cluster[0]!.newer) {
      pushRun(runs, cluster[0]!.newer, undefined);
      continue;
    }
    // Within a cluster the older words go out first, then the newer come in: each side keeps its order.
    for (const step of cluster) if (step.older) pushRun(runs, step.older, 'delete');
    for (const step of cluster) if (step.newer) pushRun(runs, step.newer, 'insert');
  }
  return runs;
}

/** One token of the comparison: in the older runs, the newer, or both (unchanged). */
interface Step {
  older?: PrintedRun;
  newer?: PrintedRun;
}

/**
 * Changes with only spaces between them read as one change: "[military objectives] with lethal force"
 * replaced word by word would interleave each old word with its new one. A space kept between two
 * changed stretches is taken out and put back in with them; every other unchanged token stands alone.
 */
function clusters(steps: readonly Step[]): Step[][] {
  const out: Step[][] = [];
  const changed = (k: number): boolean => steps[k] !== undefined && !(steps[k]!.older && steps[k]!.newer);
  const space = (k: number): boolean => {
    const step = steps[k];
    return step?.newer?.kind === 'text' && step.newer.role === 'words' && /^\s+$/.test(step.newer.text);
  };
  let k = 0;
  while (k < steps.length) {
    if (!changed(k)) {
      out.push([steps[k++]!]);
      continue;
    }
    const cluster: Step[] = [];
    while (k < steps.length && (changed(k) || (space(k) && changed(k + 1)))) cluster.push(steps[k++]!);
    out.push(cluster);
  }
  return out;
}

/** Runs all marked with one change (a wording in or out whole). */
export function markRuns(runs: readonly PrintedRun[], change: PrintedChange): PrintedRun[] {
  return runs.map((run) => ({ ...run, change }));
}

/** Words of one look and one change are one run, as printText joins them; other runs stand alone. */
function pushRun(runs: PrintedRun[], run: PrintedRun, change: PrintedChange | undefined): void {
  const last = runs.at(-1);
  if (
    run.kind === 'text' &&
    run.role === 'words' &&
    last?.kind === 'text' &&
    last.role === 'words' &&
    last.change === change &&
    last.inBracket === run.inBracket &&
    (last.em ?? false) === (run.em ?? false) &&
    (last.strong ?? false) === (run.strong ?? false)
  ) {
    last.text += run.text;
    return;
  }
  const copy: PrintedRun = { ...run };
  if (change) copy.change = change;
  else delete copy.change;
  runs.push(copy);
}

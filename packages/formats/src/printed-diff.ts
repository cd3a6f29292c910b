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
  let i = 0;
  let j = 0;
  for (const part of parts) {
    if (part.removed) for (let n = 0; n < part.count; n++) pushRun(runs, a[i++]!.run, 'delete');
    else if (part.added) for (let n = 0; n < part.count; n++) pushRun(runs, b[j++]!.run, 'insert');
    else
      for (let n = 0; n < part.count; n++) {
        pushRun(runs, b[j++]!.run, undefined);
        i++;
      }
  }
  return runs;
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

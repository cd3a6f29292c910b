/**
 * The word-level redline of one unit's wording, and the notes that name what a reader must not miss:
 * brackets that appeared or fell (agreement), sponsors that joined or left a bracket, footnotes added,
 * removed or rewritten. Bracket boundaries and footnotes are parts of their own, never characters.
 */
import { diffKeys } from './token-diff.js';
import type { ComparisonNote, RedlinePart } from './types.js';
import type { Wording, WordingToken } from './wording-tokens.js';

/** Tokens (words, spaces, marks) added or removed past which a redline is not worked out word by word. */
export const MAX_EDIT_LENGTH = 1_000;

export interface Redline {
  redline: RedlinePart[];
  notes: ComparisonNote[];
}

type Op = RedlinePart['op'];
interface Step {
  op: Op;
  token: WordingToken;
  side: 'from' | 'to';
}

export function redlineOf(from: Wording, to: Wording): Redline {
  const pairs = matchBrackets(from, to);
  const fromKeys = from.tokens.map((t) => keyOf(t, pairs.fromKey));
  const toKeys = to.tokens.map((t) => keyOf(t, pairs.toKey));
  const steps = orderWithinChanges(diffSteps(from.tokens, to.tokens, fromKeys, toKeys));
  return { redline: partsOf(steps, from, to), notes: notesOf(steps, from, to, pairs) };
}

// -- brackets across the two wordings ----------------------------------------------------------------

interface BracketPairs {
  /** For each bracket of each side: the key its boundaries compare by. */
  fromKey: string[];
  toKey: string[];
  /** from bracket index → to bracket index. */
  toOf: Map<number, number>;
  fromOf: Map<number, number>;
}

/**
 * A bracket is the same on both sides when it keeps its id, or (its id renewed, as a re-parsed
 * wording renews it) when it holds the same words. Boundaries of one bracket align; boundaries of
 * different brackets never do, so "[shall][should]" → "[should]" drops the first bracket whole.
 */
function matchBrackets(from: Wording, to: Wording): BracketPairs {
  const toOf = new Map<number, number>();
  const fromOf = new Map<number, number>();
  const link = (f: number, t: number): void => {
    toOf.set(f, t);
    fromOf.set(t, f);
  };
  const toById = new Map<string, number>();
  to.brackets.forEach((b, t) => {
    if (b.id !== null && !toById.has(b.id)) toById.set(b.id, t);
  });
  from.brackets.forEach((b, f) => {
    const t = b.id === null ? undefined : toById.get(b.id);
    if (t !== undefined && !fromOf.has(t)) link(f, t);
  });
  // Keyed by words, so a paragraph a writer filled with thousands of brackets costs linear time.
  const unmatched = queues(
    to.brackets.flatMap((b, t) => (fromOf.has(t) ? [] : [t])),
    (t) => to.brackets[t]!.words,
  );
  from.brackets.forEach((b, f) => {
    if (toOf.has(f)) return;
    const t = unmatched.take(b.words);
    if (t !== undefined) link(f, t);
  });
  return {
    fromKey: from.brackets.map((_, f) => (toOf.has(f) ? `p${f}` : `f${f}`)),
    toKey: to.brackets.map((_, t) => (fromOf.has(t) ? `p${fromOf.get(t)}` : `t${t}`)),
    toOf,
    fromOf,
  };
}

// Keys start with characters no text holds, so the word "[" never equals a bracket boundary.
function keyOf(token: WordingToken, bracketKeys: readonly string[]): string {
  switch (token.kind) {
    case 'open':
      return `\u0000[${bracketKeys[token.bracket!]}`;
    case 'close':
      return `\u0000]${token.bracket === null ? '' : bracketKeys[token.bracket]}`;
    case 'footnote':
      return `\u0000^${token.text}`;
    default:
      return token.text;
  }
}

// -- the word diff ----------------------------------------------------------------------------------

function diffSteps(from: WordingToken[], to: WordingToken[], fromKeys: string[], toKeys: string[]): Step[] {
  const whole = (): Step[] => [...from.map((token) => ({ op: 'delete' as const, token, side: 'from' as const })), ...to.map((token) => ({ op: 'insert' as const, token, side: 'to' as const }))];
  // Bounded: two unrelated 20,000-character wordings would cost the diff seconds. The tokens that one
  // side holds more often than the other must all be added or removed, so their count is a lower
  // bound on the edit, found in linear time; past the bound the wording is replaced whole.
  if (editLowerBound(fromKeys, toKeys) > MAX_EDIT_LENGTH) return whole();
  const runs = diffKeys(fromKeys, toKeys, MAX_EDIT_LENGTH);
  if (runs === null) return whole();
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  for (const run of runs) {
    for (let k = 0; k < run.count; k++) {
      if (run.op === 'delete') steps.push({ op: 'delete', token: from[i++]!, side: 'from' });
      else if (run.op === 'insert') steps.push({ op: 'insert', token: to[j++]!, side: 'to' });
      else {
        steps.push({ op: 'equal', token: to[j]!, side: 'to' });
        i++;
        j++;
      }
    }
  }
  return steps;
}

function editLowerBound(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const key of a) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of b) counts.set(key, (counts.get(key) ?? 0) - 1);
  let bound = 0;
  for (const n of counts.values()) bound += Math.abs(n);
  return bound;
}

/** Between two kept pieces, what was removed comes before what was added: "[-a-][+b+][-c-]" reads badly. */
function orderWithinChanges(steps: Step[]): Step[] {
  const out: Step[] = [];
  let deleted: Step[] = [];
  let inserted: Step[] = [];
  const flush = (): void => {
    out.push(...deleted, ...inserted);
    deleted = [];
    inserted = [];
  };
  for (const step of steps) {
    if (step.op === 'delete') deleted.push(step);
    else if (step.op === 'insert') inserted.push(step);
    else {
      flush();
      out.push(step);
    }
  }
  flush();
  return out;
}

function partsOf(steps: Step[], from: Wording, to: Wording): RedlinePart[] {
  const parts: RedlinePart[] = [];
  for (const { op, token, side } of steps) {
    const isText = token.kind === 'word' || token.kind === 'space';
    const last = parts.at(-1);
    if (isText && last?.kind === 'text' && last.op === op && last.inBracket === token.inBracket) {
      last.text += token.text;
      continue;
    }
    const part: RedlinePart = { op, kind: isText ? 'text' : (token.kind as RedlinePart['kind']), text: token.text, inBracket: token.inBracket };
    if (token.kind === 'open') part.sponsors = [...(side === 'from' ? from : to).brackets[token.bracket!]!.sponsors];
    parts.push(part);
  }
  return parts;
}

// -- notes ------------------------------------------------------------------------------------------

function notesOf(steps: Step[], from: Wording, to: Wording, pairs: BracketPairs): ComparisonNote[] {
  const notes: ComparisonNote[] = [];
  const footnotes = footnoteMatches(from, to);
  let pendingRemoved: WordingToken[] = [];
  let pendingAdded: WordingToken[] = [];
  // Footnotes removed and added in one change, neither matched otherwise, are one footnote rewritten.
  const flushFootnotes = (): void => {
    const paired = Math.min(pendingRemoved.length, pendingAdded.length);
    for (let k = 0; k < pendingRemoved.length; k++) {
      if (k < paired) notes.push({ kind: 'footnote_changed', text: pendingAdded[k]!.text });
      else notes.push({ kind: 'footnote_removed', text: pendingRemoved[k]!.text });
    }
    for (let k = paired; k < pendingAdded.length; k++) notes.push({ kind: 'footnote_added', text: pendingAdded[k]!.text });
    pendingRemoved = [];
    pendingAdded = [];
  };
  const sponsorsNoted = new Set<number>();

  for (const { op, token, side } of steps) {
    if (op === 'equal') flushFootnotes();
    if (token.kind === 'open') {
      const index = token.bracket!;
      const partner = side === 'from' ? pairs.toOf.get(index) : pairs.fromOf.get(index);
      if (partner === undefined) {
        const bracket = (side === 'from' ? from : to).brackets[index]!;
        notes.push({ kind: side === 'from' ? 'bracket_removed' : 'bracket_added', text: bracket.words });
        continue;
      }
      const f = side === 'from' ? index : partner;
      if (sponsorsNoted.has(f)) continue;
      sponsorsNoted.add(f);
      notes.push(...sponsorNotes(from.brackets[f]!.sponsors, to.brackets[pairs.toOf.get(f)!]!));
    } else if (token.kind === 'footnote') {
      const match = side === 'from' ? footnotes.fromMatched.get(token) : footnotes.toMatched.get(token);
      if (match === 'changed' && side === 'to') notes.push({ kind: 'footnote_changed', text: token.text });
      if (match !== undefined || op === 'equal') continue;
      if (side === 'from') pendingRemoved.push(token);
      else pendingAdded.push(token);
    }
  }
  flushFootnotes();
  return notes;
}

function sponsorNotes(before: readonly string[], after: { words: string; sponsors: readonly string[] }): ComparisonNote[] {
  const notes: ComparisonNote[] = [];
  for (const sponsor of before) if (!after.sponsors.includes(sponsor)) notes.push({ kind: 'sponsor_removed', text: after.words, sponsor });
  for (const sponsor of after.sponsors) if (!before.includes(sponsor)) notes.push({ kind: 'sponsor_added', text: after.words, sponsor });
  return notes;
}

/**
 * Footnotes found on both sides: by id (`changed` when its text differs, `same` otherwise), then, for
 * ids renewed, by equal text. The rest were added, removed or rewritten.
 */
function footnoteMatches(from: Wording, to: Wording): { fromMatched: Map<WordingToken, 'same' | 'changed'>; toMatched: Map<WordingToken, 'same' | 'changed'> } {
  const fromMatched = new Map<WordingToken, 'same' | 'changed'>();
  const toMatched = new Map<WordingToken, 'same' | 'changed'>();
  const fromNotes = from.tokens.filter((t) => t.kind === 'footnote');
  const toNotes = to.tokens.filter((t) => t.kind === 'footnote');
  const toById = new Map<string, WordingToken>();
  for (const t of toNotes) if (t.footnoteId !== null && !toById.has(t.footnoteId)) toById.set(t.footnoteId, t);
  for (const f of fromNotes) {
    const t = f.footnoteId === null ? undefined : toById.get(f.footnoteId);
    if (t === undefined || toMatched.has(t)) continue;
    const how = f.text === t.text ? 'same' : 'changed';
    fromMatched.set(f, how);
    toMatched.set(t, how);
  }
  const unmatched = queues(
    toNotes.filter((t) => !toMatched.has(t)),
    (t) => t.text,
  );
  for (const f of fromNotes) {
    if (fromMatched.has(f)) continue;
    const t = unmatched.take(f.text);
    if (t === undefined) continue;
    fromMatched.set(f, 'same');
    toMatched.set(t, 'same');
  }
  return { fromMatched, toMatched };
}

/** Items by a key, each taken once, in order: matching by equal text in linear time. */
function queues<T>(items: readonly T[], keyFor: (item: T) => string): { take(key: string): T | undefined } {
  const byKey = new Map<string, { items: T[]; next: number }>();
  for (const item of items) {
    const key = keyFor(item);
    const queue = byKey.get(key);
    if (queue) queue.items.push(item);
    else byKey.set(key, { items: [item], next: 0 });
  }
  return {
    take(key) {
      const queue = byKey.get(key);
      return queue && queue.next < queue.items.length ? queue.items[queue.next++] : undefined;
    },
  };
}

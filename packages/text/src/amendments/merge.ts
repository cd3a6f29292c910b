/**
 * Bringing a proposal written against an older wording onto the current one: a three-way merge by
 * words (node-diff3), so a proposal to change one word still applies after others changed another.
 */
import { diff3Merge } from 'node-diff3';
import { TextFormatError } from '../errors.js';
import { parseBlockText } from './parse-block-text.js';

/** Tokens of the base's middle times those of the other two: about 0.2 to 0.6 s of node-diff3 at most. */
const MAX_MERGE_CELLS = 1_000_000;

export type MergeResult = { ok: true; text: string } | { ok: false; preview: string };

/**
 * Words, runs of spaces and single punctuation marks; an escape ("\[") stays one token so that a merge
 * never separates it from its character. Spaces are tokens of their own, so changes to two words with
 * a space between them do not conflict.
 */
const TOKEN = /\\[\s\S]|\s+|[\p{L}\p{N}\p{M}]+|[\s\S]/gu;

export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * `base` is the block's text the proposal was written against, `current` the block's text now.
 * A clean merge must also be a valid block text: a merge that unbalances a bracket is a conflict.
 * The preview marks each conflict "<<<< current ==== proposal >>>>". Changes to neighbouring words
 * (one space apart) can conflict: where exactly an inserted word goes between them is ambiguous.
 */
export function mergeProposal(base: string, current: string, proposal: string): MergeResult {
  if (current === base || current === proposal) return { ok: true, text: proposal };
  if (proposal === base) return { ok: true, text: current };

  const [c, b, p] = [tokenizeWords(current), tokenizeWords(base), tokenizeWords(proposal)];
  // Words all three share at the start and at the end are kept as they are; only the middles are
  // merged. node-diff3 costs the product of the lengths it compares (a 14,000-character paragraph
  // of common words took 40 s), and this runs on every read of an undecided amendment.
  let head = 0;
  while (head < c.length && head < b.length && head < p.length && c[head] === b[head] && b[head] === p[head]) head++;
  let tail = 0;
  const at = (tokens: string[]) => tokens[tokens.length - 1 - tail];
  while (tail < c.length - head && tail < b.length - head && tail < p.length - head && at(c) === at(b) && at(b) === at(p)) tail++;
  const middle = (tokens: string[]) => tokens.slice(head, tokens.length - tail);
  const [cm, bm, pm] = [middle(c), middle(b), middle(p)];
  // Past this the merge is left to the chair, as any conflict is: they accept with edited wording.
  if (bm.length * (cm.length + pm.length) > MAX_MERGE_CELLS) return { ok: false, preview: conflictMarks(current, proposal) };
  const regions = diff3Merge(cm, bm, pm, { excludeFalseConflicts: true });
  const prefix = c.slice(0, head).join('');
  const suffix = c.slice(c.length - tail).join('');
  let merged = prefix;
  let preview = prefix;
  let conflicted = false;
  for (const region of regions) {
    if (region.ok) {
      const words = region.ok.join('');
      merged += words;
      preview += words;
    } else if (region.conflict) {
      conflicted = true;
      preview += conflictMarks(region.conflict.a.join(''), region.conflict.b.join(''));
    }
  }
  merged += suffix;
  preview += suffix;
  if (conflicted) return { ok: false, preview };
  if (!parses(merged)) return { ok: false, preview: conflictMarks(current, proposal) };
  return { ok: true, text: merged };
}

/** Spaces both sides begin or end with stay outside the marks, where they were. */
function conflictMarks(current: string, proposal: string): string {
  const lead = sharedSpaces(current, proposal, /^\s*/);
  const trail = sharedSpaces(current.slice(lead.length), proposal.slice(lead.length), /\s*$/);
  const inner = (text: string): string => text.slice(lead.length, text.length - trail.length);
  return `${lead}<<<< ${inner(current)} ==== ${inner(proposal)} >>>>${trail}`;
}

function sharedSpaces(a: string, b: string, spaces: RegExp): string {
  const x = spaces.exec(a)![0];
  const y = spaces.exec(b)![0];
  return x.length <= y.length ? x : y;
}

function parses(text: string): boolean {
  try {
    parseBlockText(text);
    return true;
  } catch (error) {
    if (error instanceof TextFormatError) return false;
    throw error;
  }
}

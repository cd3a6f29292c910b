/**
 * A replacement brought in as options beside the existing wording, hunk by hunk:
 * "States shall not" → "States should not" becomes "States [shall][should]{Arandia} not".
 * Only where no hunk touches an existing bracket: an option cannot sit inside a bracket (they do not
 * nest), and changing a bracket's words or sponsors is a new version of the whole block.
 */
import { diffArrays } from 'diff';
import type { Node } from 'prosemirror-model';
import { deletionFootnote, newBracket, withBracket } from './bracketing.js';
import { hasWord, inlineTokens, type InlineToken } from './inline-tokens.js';

export type InlineOptions = { kind: 'unchanged' } | { kind: 'touches_brackets' } | { kind: 'inline'; content: Node[] };

interface Equal {
  equal: true;
  old: InlineToken[];
  new: InlineToken[];
}
interface Hunk {
  equal: false;
  old: InlineToken[];
  new: InlineToken[];
}
type Segment = Equal | Hunk;

export function inlineOptions(oldChildren: readonly Node[], newChildren: readonly Node[], sponsors: readonly string[], note: Node | null): InlineOptions {
  const segments = mergeHunksAcrossSpaces(segmentsOf(inlineTokens(oldChildren), inlineTokens(newChildren)));
  const hunks = segments.filter((s): s is Hunk => !s.equal);
  if (hunks.length === 0) return { kind: 'unchanged' };
  const lastHunk = hunks.at(-1);

  const content: Node[] = [];
  let previous: InlineToken | undefined;
  for (const segment of segments) {
    if (segment.equal) {
      content.push(...nodesOf(segment.old));
      previous = segment.old.at(-1) ?? previous;
      continue;
    }
    const options = optionsFor(segment, previous, sponsors, segment === lastHunk ? note : null);
    if (options === null) return { kind: 'touches_brackets' };
    content.push(...options);
    previous = segment.old.at(-1) ?? previous;
  }
  // The last hunk changed only spaces: the note still goes in, at the end.
  if (note && !content.includes(note)) content.push(note);
  return { kind: 'inline', content };
}

function segmentsOf(oldTokens: InlineToken[], newTokens: InlineToken[]): Segment[] {
  const segments: Segment[] = [];
  let o = 0;
  let n = 0;
  for (const change of diffArrays(
    oldTokens.map((t) => t.key),
    newTokens.map((t) => t.key),
  )) {
    const count = change.count;
    let segment = segments.at(-1);
    if (!change.added && !change.removed) {
      segments.push({ equal: true, old: oldTokens.slice(o, o + count), new: newTokens.slice(n, n + count) });
      o += count;
      n += count;
      continue;
    }
    if (!segment || segment.equal) {
      segment = { equal: false, old: [], new: [] };
      segments.push(segment);
    }
    if (change.removed) {
      segment.old.push(...oldTokens.slice(o, o + count));
      o += count;
    } else {
      segment.new.push(...newTokens.slice(n, n + count));
      n += count;
    }
  }
  return segments;
}

/** "a b c" → "x y z" is one option "[a b c][x y z]", not three options sharing two spaces. */
function mergeHunksAcrossSpaces(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const before = out.at(-1);
    const after = segments[i + 1];
    if (segment.equal && before && !before.equal && after && !after.equal && segment.old.every((t) => t.kind === 'space' && !t.inBracket)) {
      before.old.push(...segment.old, ...after.old);
      before.new.push(...segment.new, ...after.new);
      i++;
      continue;
    }
    if (!segment.equal && before && !before.equal) {
      before.old.push(...segment.old);
      before.new.push(...segment.new);
      continue;
    }
    out.push(segment.equal ? segment : { equal: false, old: [...segment.old], new: [...segment.new] });
  }
  return out;
}

/**
 * The nodes standing for one hunk: the old words in a bracket of their own, then the new words in a
 * bracket with the sponsors. Null when the hunk touches an existing bracket.
 */
function optionsFor(hunk: Hunk, previous: InlineToken | undefined, sponsors: readonly string[], note: Node | null): Node[] | null {
  if (hunk.old.some((t) => t.inBracket) || hunk.new.some((t) => t.inBracket)) return null;
  // Words inserted right after a bracket's opening or inside its words would land inside it.
  if (hunk.old.length === 0 && previous?.inBracket && previous.kind !== 'close') return null;

  const { lead, oldCore, newCore, trail } = splitSpaces(hunk);
  if (!hasWord(oldCore) && !hasWord(newCore)) {
    // Only spaces changed: nothing to negotiate. A footnote alone cannot be bracketed: a new version.
    if ([...hunk.old, ...hunk.new].some((t) => t.kind === 'footnote')) return null;
    return nodesOf(hunk.new);
  }
  if ((oldCore.length > 0 && !hasWord(oldCore)) || (newCore.length > 0 && !hasWord(newCore))) return null;

  const out = [...nodesOf(lead)];
  if (oldCore.length > 0) out.push(...withBracket(nodesOf(oldCore), newBracket([])));
  if (newCore.length > 0) out.push(...withBracket(nodesOf(newCore), newBracket(sponsors)));
  else out.push(deletionFootnote(sponsors, undefined));
  if (note) out.push(note);
  out.push(...nodesOf(trail));
  return out;
}

/**
 * The spaces at the ends of a hunk stay outside its brackets: spaces both sides share (taken from the
 * old wording), the inserted spaces around an insertion, the kept spaces around a deletion.
 */
function splitSpaces(hunk: Hunk): { lead: InlineToken[]; oldCore: InlineToken[]; newCore: InlineToken[]; trail: InlineToken[] } {
  let oldCore = hunk.old;
  let newCore = hunk.new;
  const lead: InlineToken[] = [];
  const trail: InlineToken[] = [];
  if (oldCore.length > 0 && newCore.length > 0) {
    while (oldCore.length > 0 && newCore.length > 0 && oldCore[0]!.kind === 'space' && oldCore[0]!.key === newCore[0]!.key) {
      lead.push(oldCore[0]!);
      oldCore = oldCore.slice(1);
      newCore = newCore.slice(1);
    }
    while (oldCore.length > 0 && newCore.length > 0 && oldCore.at(-1)!.kind === 'space' && oldCore.at(-1)!.key === newCore.at(-1)!.key) {
      trail.unshift(oldCore.at(-1)!);
      oldCore = oldCore.slice(0, -1);
      newCore = newCore.slice(0, -1);
    }
    return { lead, oldCore, newCore, trail };
  }
  const side = oldCore.length > 0 ? oldCore : newCore;
  let from = 0;
  let to = side.length;
  while (from < to && side[from]!.kind === 'space') from++;
  while (to > from && side[to - 1]!.kind === 'space') to--;
  const core = side.slice(from, to);
  return {
    lead: side.slice(0, from),
    oldCore: oldCore.length > 0 ? core : [],
    newCore: oldCore.length > 0 ? [] : core,
    trail: side.slice(to),
  };
}

function nodesOf(tokens: readonly InlineToken[]): Node[] {
  return tokens.flatMap((t) => t.nodes);
}

/**
 * Two texts as one printed redline, for tracked changes in Word and <ins>/<del> in HTML. Blocks are
 * aligned by permanent id, as compareTexts aligns them (its moves are moves here); a block kept in
 * place has its printed runs (label, words, brackets, sponsors, footnotes, status) compared token by
 * token. The rule every piece obeys: leaving out the 'delete' pieces gives printText(newer), leaving
 * out the 'insert' pieces gives printText(older), so Accept All and Reject All give the two texts.
 *
 * - A block only in the newer text is inserted whole (block.change and every run), one only in the
 *   older deleted whole, where it stood.
 * - A moved block is deleted where it stood (note "Moved to Box II(4)") and inserted where it stands
 *   (note "Moved from Box III(2)"), its sub-paragraphs with it.
 * - A box's `change` is its heading line alone: a renumbered or retitled box prints its old heading
 *   deleted and its new one inserted, and its blocks carry their own changes.
 */
import { computeLabels } from '@accord/text';
import { compareTexts, longestIncreasing } from '@accord/text/history';
import type { Node } from 'prosemirror-model';
import { printBoxes } from './printed.js';
import { diffRuns, markRuns } from './printed-diff.js';
import type { FrontMatter, PrintedBlock, PrintedBox, PrintedChange, PrintedDocument, PrintOptions } from './printed-types.js';

export interface RedlineAttribution {
  /** A category ("Chair", "Secretariat"), never a name. */
  author: string;
  /** ISO date-time stamped on each change. */
  date: string;
}

export function printRedline(older: Node, newer: Node, front: FrontMatter, opts: PrintOptions, attribution: RedlineAttribution): PrintedDocument {
  const moved = new Set(compareTexts(older, newer).changes.filter((c) => c.kind === 'moved').map((c) => c.paragraphId));
  const before = sideOf(older, opts);
  const after = sideOf(newer, opts);
  const boxes: PrintedBox[] = [];
  mergeAligned(before.boxes, after.boxes, (b) => b.key, null, {
    gone: (box) => boxes.push(wholeBox(box, 'delete', after)),
    added: (box) => boxes.push(wholeBox(box, 'insert', before)),
    kept: (old, box) => {
      const blocks: PrintedBlock[] = [];
      mergeParagraphs(old.paragraphs, box.paragraphs, blocks, { before, after, moved }, `box:${box.key}`);
      if (old.printed.heading === box.printed.heading) {
        boxes.push({ ...box.printed, blocks });
      } else {
        boxes.push({ ...old.printed, change: 'delete', blocks: [] });
        boxes.push({ ...box.printed, change: 'insert', blocks });
      }
    },
  });
  return { kind: 'redline', front, boxes, changeAuthor: attribution.author, changeDate: attribution.date };
}

// -- the two sides, keyed ----------------------------------------------------------------------------

interface KeyedBlock {
  /** The id, or for a repeated id or none a key by occurrence, as compareTexts keys its units. */
  key: string;
  citation: string;
  printed: PrintedBlock;
}

interface KeyedParagraph extends KeyedBlock {
  subs: KeyedBlock[];
}

interface KeyedBox {
  key: string;
  printed: PrintedBox;
  paragraphs: KeyedParagraph[];
}

interface Side {
  boxes: KeyedBox[];
  /** Every block by key, with the key of the box (or paragraph) it stands in. */
  byKey: Map<string, { block: KeyedBlock; place: string }>;
}

function sideOf(doc: Node, opts: PrintOptions): Side {
  const printed = printBoxes(doc, opts);
  // computeLabels lists boxes, paragraphs and their sub-paragraphs in the order printBoxes prints them.
  const citations = computeLabels(doc).list.filter((l) => l.kind !== 'box');
  const byKey: Side['byKey'] = new Map();
  const boxKeys = new Set<string>();
  let n = 0;
  const boxes = printed.map((box): KeyedBox => {
    const boxKey = occurrenceKey(boxKeys, box.id);
    boxKeys.add(boxKey);
    const paragraphs: KeyedParagraph[] = [];
    for (const block of box.blocks) {
      const key = occurrenceKey(byKey, block.id);
      const keyed = { key, citation: citations[n++]!.citation, printed: block };
      if (block.kind === 'paragraph') {
        paragraphs.push({ ...keyed, subs: [] });
        byKey.set(key, { block: keyed, place: `box:${boxKey}` });
      } else {
        const paragraph = paragraphs.at(-1)!;
        paragraph.subs.push(keyed);
        byKey.set(key, { block: keyed, place: `paragraph:${paragraph.key}` });
      }
    }
    return { key: boxKey, printed: box, paragraphs };
  });
  return { boxes, byKey };
}

/** units.ts's keys: the id the first time, then "id#2", …; "#1", "#2", … for no id. */
function occurrenceKey(taken: { has(key: string): boolean }, id: string): string {
  if (id !== '' && !taken.has(id)) return id;
  for (let occurrence = 2; ; occurrence++) {
    const key = id === '' ? `#${occurrence - 1}` : `${id}#${occurrence}`;
    if (!taken.has(key)) return key;
  }
}

// -- alignment --------------------------------------------------------------------------------------

interface Merge<T> {
  gone(item: T): void;
  added(item: T): void;
  kept(old: T, item: T): void;
}

/**
 * Walks two lists in one pass: the items both keep in the same order (the longest such run, found
 * among those `keepable` allows) are kept; between two kept items, those only the older list has come
 * first (where they stood), then those only the newer has.
 */
function mergeAligned<T>(olderItems: readonly T[], newerItems: readonly T[], key: (item: T) => string, keepable: ((key: string) => boolean) | null, merge: Merge<T>): void {
  const olderIndex = new Map(olderItems.map((item, i) => [key(item), i]));
  const candidates: Array<{ newer: number; older: number }> = [];
  newerItems.forEach((item, j) => {
    const k = key(item);
    const i = olderIndex.get(k);
    if (i !== undefined && (keepable === null || keepable(k))) candidates.push({ newer: j, older: i });
  });
  const kept = longestIncreasing(candidates.map((c) => c.older));
  let i = 0;
  let j = 0;
  for (const index of kept) {
    const pair = candidates[index]!;
    for (; i < pair.older; i++) merge.gone(olderItems[i]!);
    for (; j < pair.newer; j++) merge.added(newerItems[j]!);
    merge.kept(olderItems[i++]!, newerItems[j++]!);
  }
  for (; i < olderItems.length; i++) merge.gone(olderItems[i]!);
  for (; j < newerItems.length; j++) merge.added(newerItems[j]!);
}

interface Context {
  before: Side;
  after: Side;
  /** compareTexts' moved units: never kept in place, even where the order would allow it. */
  moved: ReadonlySet<string>;
}

/** A block is kept in place when it is the same kind on both sides, in the same place, and not moved. */
function keepableIn(ctx: Context, place: string) {
  return (key: string): boolean => {
    if (ctx.moved.has(key)) return false;
    const old = ctx.before.byKey.get(key);
    const now = ctx.after.byKey.get(key);
    return old !== undefined && now !== undefined && old.block.printed.kind === now.block.printed.kind && old.place === place && now.place === place;
  };
}

function mergeParagraphs(olderParagraphs: KeyedParagraph[], newerParagraphs: KeyedParagraph[], out: PrintedBlock[], ctx: Context, place: string): void {
  mergeAligned(olderParagraphs, newerParagraphs, (p) => p.key, keepableIn(ctx, place), {
    gone: (p) => out.push(...wholeParagraph(p, 'delete', ctx.after)),
    added: (p) => out.push(...wholeParagraph(p, 'insert', ctx.before)),
    kept: (old, p) => {
      out.push(changedBlock(old.printed, p.printed));
      mergeAligned(old.subs, p.subs, (s) => s.key, keepableIn(ctx, `paragraph:${p.key}`), {
        gone: (s) => out.push(wholeBlock(s, 'delete', ctx.after)),
        added: (s) => out.push(wholeBlock(s, 'insert', ctx.before)),
        kept: (oldSub, sub) => out.push(changedBlock(oldSub.printed, sub.printed)),
      });
    },
  });
}

// -- whole blocks -------------------------------------------------------------------------------------

function wholeBox(box: KeyedBox, change: PrintedChange, other: Side): PrintedBox {
  return { ...box.printed, change, blocks: box.paragraphs.flatMap((p) => wholeParagraph(p, change, other)) };
}

/**
 * A paragraph in or out whole, its sub-paragraphs with it. A moved paragraph's note is on the
 * paragraph; a sub-paragraph has one only if it went elsewhere than with its paragraph.
 */
function wholeParagraph(paragraph: KeyedParagraph, change: PrintedChange, other: Side): PrintedBlock[] {
  return [wholeBlock(paragraph, change, other), ...paragraph.subs.map((sub) => wholeBlock(sub, change, other, `paragraph:${paragraph.key}`))];
}

function wholeBlock(block: KeyedBlock, change: PrintedChange, other: Side, home?: string): PrintedBlock {
  const out: PrintedBlock = { ...block.printed, change, runs: markRuns(block.printed.runs, change) };
  const there = other.byKey.get(block.key);
  if (there && there.block.printed.kind === block.printed.kind && there.place !== home) out.note = change === 'delete' ? `Moved to ${there.block.citation}` : `Moved from ${there.block.citation}`;
  return out;
}

// -- a block kept in place ------------------------------------------------------------------------------

/** The newer block with its runs compared with the older's. */
function changedBlock(old: PrintedBlock, block: PrintedBlock): PrintedBlock {
  return { ...block, runs: diffRuns(old.runs, block.runs) };
}

/**
 * Where quoted words went when their Yjs items no longer hold them. y-tiptap rewrites items rather
 * than moving them (what it does is measured in test/comment-anchor.test.ts):
 *
 * - Enter inside a paragraph: the first part keeps its element and items; every character after the
 *   cut is deleted there and written again into a NEW paragraph inserted after it ("born" with it).
 * - Backspace at the start (join): the paragraph element is deleted (its items collected) and its
 *   text written again at the end of the text before it, in one insertion.
 * - Cut and paste of a paragraph (a move): deleted, and written again elsewhere with the same id.
 * - Undo: Y.UndoManager writes deleted items again, each new item right before its original (its
 *   rightOrigin is the original's id), and deletes what the undone change wrote.
 *
 * Each rule below follows one of these, and only by evidence in the items (never by searching the
 * document for the words): a copy pasted elsewhere is never born with a paragraph, never placed right
 * after the words' own tombstones, never re-created in front of them. Every rule ends with the text
 * at the place found equal to the quote.
 */
import * as Y from 'yjs';
import type { BlockIndex, BlockText, TextBlock } from './comment-anchor-blocks.js';
import { N } from './schema.js';
import { itemAt, pointId, type Point } from './comment-anchor-positions.js';
import { firstChildItem, isLive, itemOf, parentOf } from './comment-anchor-items.js';

export interface Found {
  block: TextBlock;
  from: number;
}

const MAX_HOPS = 6;

function sameId(a: Y.ID | null, b: Y.ID | null): boolean {
  return a !== null && b !== null && a.client === b.client && a.clock === b.clock;
}

function matches(text: BlockText, from: number, quote: string): boolean {
  return from >= 0 && text.plain.startsWith(quote, from);
}

/** Visible, consecutive characters of the text from `from` (no footnote or gap inside). */
function occurrences(plain: string, quote: string): number[] {
  const out: number[] = [];
  for (let i = plain.indexOf(quote); i >= 0; i = plain.indexOf(quote, i + 1)) out.push(i);
  return out;
}

/**
 * A sequence of characters of a block picked by a predicate on their items, with where each lies
 * in the block's plain text (-1: deleted) and its id: the "born" characters of a block, say.
 */
interface Picked {
  str: string;
  at: number[];
  ids: Y.ID[];
}

function pick(text: BlockText, keep: (item: Y.Item) => boolean): Picked {
  let str = '';
  const at: number[] = [];
  const ids: Y.ID[] = [];
  for (const u of text.units) {
    if (u.kind === 'element' || !keep(u.item)) continue;
    for (let j = 0; j < u.length; j++) {
      str += u.kind === 'chars' ? u.str[j] : '\u0000';
      at.push(u.kind === 'chars' ? u.offset + j : -1);
      ids.push(Y.createID(u.item.id.client, u.item.id.clock + j));
    }
  }
  return { str, at, ids };
}

/** Occurrences of the quote among picked characters that are also one visible run of the block. */
function pickedOccurrences(picked: Picked, quote: string): number[] {
  return occurrences(picked.str, quote).filter((o) => {
    for (let j = 1; j < quote.length; j++) if (picked.at[o + j] !== picked.at[o]! + j) return false;
    return picked.at[o]! >= 0;
  });
}

/** Characters written together with their block: by its creator, each appended at the end then. */
function bornWith(block: TextBlock): (item: Y.Item) => boolean {
  const creator = itemOf(block.container)!.id;
  return (item) => item.id.client === creator.client && item.id.clock > creator.clock && item.rightOrigin === null;
}

/** The tombstones from the start of the words back to the last visible character: where a cut was. */
function deletedBefore(text: BlockText, point: Point): number {
  let count = point.diff;
  for (let i = point.unit - 1; i >= 0 && text.units[i]!.kind === 'tombstone'; i--) count += text.units[i]!.length;
  return count;
}

function nothingVisibleFrom(text: BlockText, unit: number): boolean {
  for (let i = unit; i < text.units.length; i++) if (text.units[i]!.kind !== 'tombstone') return false;
  return true;
}

/**
 * Undo: the words deleted and written again. Their new items stand right before the originals and
 * name them as rightOrigin, so each new character maps back to exactly one original character.
 */
function followUndo(index: BlockIndex, block: TextBlock, origin: Y.ID, quote: string): Found | null {
  const text = index.text(block);
  let target = origin;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    let next: Y.ID | null = null;
    for (let i = 0; i < text.units.length && !next; i++) {
      const u = text.units[i]!;
      const right = u.item.rightOrigin;
      if (u.kind === 'element' || right === null || right.client !== target.client) continue;
      // An item split later keeps its rightOrigin: count from where the re-created item began.
      let first = i;
      while (first > 0) {
        const left = text.units[first - 1]!.item;
        const current = text.units[first]!.item;
        if (left.id.client !== current.id.client || left.id.clock + left.length !== current.id.clock || !sameId(left.rightOrigin, right)) break;
        first--;
      }
      const j = target.clock - right.clock - (u.item.id.clock - text.units[first]!.item.id.clock);
      if (j < 0 || j >= u.length) continue;
      if (u.kind === 'chars') return matches(text, u.offset + j, quote) ? { block, from: u.offset + j } : null;
      next = Y.createID(u.item.id.client, u.item.id.clock + j);
    }
    if (!next) return null;
    target = next;
  }
  return null;
}

/** The text blocks that a split of `block` writes its second part into: the next ones of its kind. */
function splitTargets(index: BlockIndex, block: TextBlock): TextBlock[] {
  const out: TextBlock[] = [];
  const parent = block.element.parent;
  for (let i = index.positionOf.get(block)! + 1; i < index.order.length && out.length < 3; i++) {
    const next = index.order[i]!;
    if (next.kind !== block.kind) continue;
    if (next.element.parent !== parent) break;
    out.push(next);
  }
  return out;
}

/**
 * Split: the words' items and everything after them deleted, and the words born with a block just
 * after, at the same distance from the cut. Followed again if they were cut once more there.
 */
function followSplit(index: BlockIndex, start: Point, quote: string, hops: number): Found | null {
  const text = index.text(start.block);
  if (start.item.deleted === false || !nothingVisibleFrom(text, start.unit)) return null;
  const distance = deletedBefore(text, start);
  for (const target of splitTargets(index, start.block)) {
    const targetText = index.text(target);
    const born = pick(targetText, bornWith(target));
    const candidates = pickedOccurrences(born, quote).filter((o) => o <= distance);
    if (candidates.length > 0) return { block: target, from: born.at[candidates.at(-1)!]! };
    if (hops >= MAX_HOPS || born.ids.length < distance + quote.length) continue;
    const id = born.ids[distance]!;
    const found = itemAt(index.ydoc.store, id);
    if (!found?.item.deleted) continue;
    const unit = targetText.unitOf.get(found.item);
    if (unit === undefined) continue;
    const next: Point = { item: found.item, diff: found.diff, block: target, unit, offset: targetText.units[unit]!.offset };
    const further = followSplit(index, next, quote, hops + 1) ?? followUndo(index, target, id, quote) ?? followJoinBack(index, next, quote);
    if (further) return further;
  }
  return null;
}

/**
 * A split joined back (Backspace at the start of the second part): the words come back as one
 * insertion written right after the tombstones the split left, at the same distance from them.
 */
function followJoinBack(index: BlockIndex, start: Point, quote: string): Found | null {
  const text = index.text(start.block);
  if (start.item.deleted === false) return null;
  let last = start.unit;
  while (last + 1 < text.units.length && text.units[last + 1]!.kind === 'tombstone') last++;
  const tail = text.units[last]!;
  const first = text.units[last + 1];
  if (!first || first.kind !== 'chars' || !sameId(first.item.origin, Y.createID(tail.item.id.client, tail.item.id.clock + tail.length - 1))) return null;
  const client = first.item.id.client;
  let clock = first.item.id.clock;
  const run = pick(text, (item) => {
    if (item.id.client !== client || item.id.clock !== clock) return false;
    clock += item.length;
    return true;
  });
  const distance = deletedBefore(text, start);
  const candidates = pickedOccurrences(run, quote);
  if (candidates.length === 0) return null;
  const closest = candidates.reduce((a, b) => (Math.abs(b - distance) < Math.abs(a - distance) ? b : a));
  return { block: start.block, from: run.at[closest]! };
}

/** From a point whose item is still in a live block: the words in place, or followed by one rule. */
export function followFromPoint(index: BlockIndex, start: Point, quote: string): Found | null {
  return followUndo(index, start.block, pointId(start), quote) ?? followSplit(index, start, quote, 0) ?? followJoinBack(index, start, quote);
}

/**
 * The words' items were collected, or lie in a deleted part of the text: the block that bears the
 * anchor's id now, if the words were born with it (a move, or a paragraph re-created by undo); else
 * where the deleted part went, judged from the deleted item nearest to the words that is still there.
 */
export function followLost(index: BlockIndex, paragraphId: string, startId: Y.ID | null, quote: string): Found | null {
  const home = index.byId.get(paragraphId);
  if (home && home.kind !== 'footnote') {
    const text = index.text(home);
    const born = pick(text, bornWith(home));
    const found = pickedOccurrences(born, quote)[0];
    if (found !== undefined) return { block: home, from: born.at[found]! };
  }
  const holder = startId ? deletedHolderOf(index, startId) : null;
  if (!holder) return null;
  const parent = parentOf(holder)!;
  const block = parent instanceof Y.XmlElement ? index.byContainer.get(parent) : undefined;
  // A text after a footnote, deleted whole: by a split (the rest of the text went with it), or by
  // a change an undo has written again.
  if (block) return followDeletedPart(index, block, holder, quote);
  return followJoin(index, holder, quote);
}

/**
 * The deleted item that held a character, nearest to it, whose parent is still in the document: a
 * paragraph or sub-paragraph element (deleted with its words), or a text inside a live block.
 */
function deletedHolderOf(index: BlockIndex, id: Y.ID): Y.Item | null {
  const store = index.ydoc.store;
  if (Y.getState(store, id.client) <= id.clock) return null;
  const struct = Y.getItem(store, id) as Y.Item | Y.GC;
  if (struct instanceof Y.Item) {
    // Not collected (a document with gc off): climb to the deleted item below a live type.
    for (let item: Y.Item | null = struct; item; item = itemOf(parentOf(item)!)) {
      const parent = parentOf(item);
      if (!parent) return null;
      if (item.deleted && isLive(parent)) return item;
    }
    return null;
  }
  // Collected with what held it: that holder was written just before its content by the same
  // client, so it is the nearest earlier item of that client that is still an item.
  const structs = store.clients.get(id.client) ?? [];
  const at = Y.findIndexSS(structs, id.clock);
  for (let i = at - 1; i >= 0 && i >= at - 64; i--) {
    const candidate = structs[i]!;
    if (!(candidate instanceof Y.Item)) continue;
    const parent = parentOf(candidate);
    return candidate.deleted && parent && isLive(parent) ? candidate : null;
  }
  return null;
}

/** The single occurrence of the quote among picked characters, or null (none, or ambiguous). */
function onlyOccurrence(picked: Picked, quote: string): number | null {
  const found = pickedOccurrences(picked, quote);
  return found.length === 1 ? picked.at[found[0]!]! : null;
}

function followDeletedPart(index: BlockIndex, block: TextBlock, part: Y.Item, quote: string): Found | null {
  const text = index.text(block);
  // Undo: the part written again right before itself.
  const again = new Set<Y.Item>();
  for (let child = firstChildItem(block.container); child; child = child.right) {
    if (!child.deleted && sameId(child.rightOrigin, part.id) && child.content instanceof Y.ContentType) {
      for (let item = firstChildItem(child.content.type); item; item = item.right) again.add(item);
    }
  }
  if (again.size > 0) {
    const from = onlyOccurrence(pick(text, (item) => again.has(item)), quote);
    return from === null ? null : { block, from };
  }
  // Split: this part and everything after it deleted, the words born once with a block just after.
  for (let child = part.right; child; child = child.right) if (!child.deleted) return null;
  for (const target of splitTargets(index, block)) {
    const from = onlyOccurrence(pick(index.text(target), bornWith(target)), quote);
    if (from !== null) return { block: target, from };
  }
  return null;
}

/**
 * Join: the deleted block's words written, in one insertion, at the end of the text before it:
 * the previous paragraph's texts (a paragraph joined), or the previous sibling (a sub-paragraph).
 */
function followJoin(index: BlockIndex, tombstone: Y.Item, quote: string): Found | null {
  let before = tombstone.left;
  while (before && (before.deleted || !(before.content instanceof Y.ContentType))) before = before.left;
  if (!before) return null;
  const element = (before.content as Y.ContentType).type;
  if (!(element instanceof Y.XmlElement)) return null;
  const blocks: TextBlock[] = [];
  const own = index.byContainer.get(element);
  if (own) blocks.push(own);
  else if (element.nodeName === N.paragraph) {
    for (const child of element.toArray()) {
      const block = child instanceof Y.XmlElement ? index.byContainer.get(child) : undefined;
      if (block) blocks.push(block);
    }
  }
  for (const block of blocks.toReversed()) {
    const text = index.text(block);
    // Characters appended at their text's end when written: a join's insertion, among others.
    const appended = pick(text, (item) => item.rightOrigin === null);
    const candidates = pickedOccurrences(appended, quote).filter((o) => sameInsertion(appended, o, quote.length));
    if (candidates.length > 0) return { block, from: appended.at[candidates.at(-1)!]! };
  }
  return null;
}

/** One client's characters in the order it wrote them (marks put format items between them). */
function sameInsertion(picked: Picked, from: number, length: number): boolean {
  for (let j = 1; j < length; j++) {
    const previous = picked.ids[from + j - 1]!;
    const id = picked.ids[from + j]!;
    if (id.client !== previous.client || id.clock <= previous.clock) return false;
  }
  return true;
}

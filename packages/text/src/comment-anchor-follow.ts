/**
 * Where quoted words went when their relative positions no longer hold them (rule b). y-tiptap
 * writes each change as a difference and rewrites items rather than moving them (measured in
 * test/comment-anchor.test.ts and the README):
 *
 * - Enter inside a paragraph: the first part keeps its element and items; every character after
 *   the cut is deleted there and written again, "born" with a NEW paragraph inserted after it.
 * - Backspace at the start (join): the two paragraphs' elements are matched to the joined one by
 *   similarity, so either survives: the second paragraph's words are written again at the end of
 *   the first's text, or the first paragraph's element is deleted and the second's element, renamed
 *   to the first's id, gets the first's words written again before its own.
 * - Cut and paste of a paragraph (a move): deleted, and born again elsewhere with the same id.
 * - Undo: Y.UndoManager writes deleted items again, each new item right before its original (its
 *   rightOrigin is the original's id), and deletes what the undone change wrote.
 *
 * The rules follow these by evidence, never by looking for the words anywhere else: the undone
 * items name their originals; a split or move writes the words where they were, counted within
 * what was born with the new block; and in every case the words must stand at the same distance
 * from the start or the end of their text as when the anchor was made or last refreshed
 * (comment-anchor-positions.ts keeps both distances in the positions). A pasted copy is never at
 * that place: it stands somewhere else, and the original is there or deleted. The one thing
 * nobody can tell is the same words written at the very place the deleted ones stood.
 */
import * as Y from 'yjs';
import type { BlockIndex, BlockText, TextBlock } from './comment-anchor-blocks.js';
import { firstChildItem, isLive, itemOf, parentOf } from './comment-anchor-items.js';
import { charUnitAt, elementOf, itemAt, type Place, placeOf, pointId, pointOf, type Point } from './comment-anchor-positions.js';
import { N } from './schema.js';

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

/** The words at `fromStart` of the text, or ending `fromEnd` characters before its end. */
function atPlace(text: BlockText, quote: string, place: Place): number | null {
  if (place.fromStart !== null && matches(text, place.fromStart, quote)) return place.fromStart;
  const from = place.fromEnd === null ? -1 : text.plain.length - place.fromEnd - quote.length;
  return matches(text, from, quote) ? from : null;
}

/**
 * Characters of a block picked by their items (deleted ones included, as placeholders), with
 * where each visible one lies in the block's plain text (-1: deleted) and its id.
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

/** The words at `offset` of the picked characters, or ending `fromEnd` before their end, if visible there as one run. */
function pickedAt(picked: Picked, quote: string, offset: number | null, fromEnd: number | null): number | null {
  for (const o of [offset, fromEnd === null ? null : picked.str.length - fromEnd - quote.length]) {
    if (o === null || o < 0 || !picked.str.startsWith(quote, o) || picked.at[o]! < 0) continue;
    let run = true;
    for (let j = 1; j < quote.length && run; j++) run = picked.at[o + j] === picked.at[o]! + j;
    if (run) return o;
  }
  return null;
}

/** Characters written together with their block: by its creator, each appended at the end then. */
function bornWith(block: TextBlock): (item: Y.Item) => boolean {
  const creator = itemOf(block.container)!.id;
  return (item) => item.id.client === creator.client && item.id.clock > creator.clock && item.rightOrigin === null;
}

/**
 * Whether everything from `unit` to the end of the block was deleted, as a split deletes the part
 * after the cut; words written there by someone who had not seen the split yet do not count. They
 * began a new insertion; text that was there before the split did not (a part of an item cut off
 * by a later deletion continues the item: its origin is the character before it in the same item).
 */
const key = (id: Y.ID) => `${id.client}:${id.clock}`;

function deletedToTheEnd(text: BlockText, unit: number): boolean {
  const later = new Set<string>();
  for (let i = unit; i < text.units.length; i++) {
    const u = text.units[i]!;
    if (u.kind === 'tombstone') continue;
    if (u.kind === 'element') return false;
    const { id, origin } = u.item;
    const continues = origin !== null && origin.client === id.client && origin.clock === id.clock - 1;
    if (continues && !later.has(key(origin))) return false;
    later.add(key(Y.createID(id.client, id.clock + u.length - 1)));
  }
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
 * Split: the words and everything after them deleted in their block, and the words born with a
 * block just after, as far from the cut as they were (or as far from the end). Followed again if
 * they were cut once more there.
 */
function followSplit(index: BlockIndex, start: Point, quote: string, place: Place, hops: number): Found | null {
  const text = index.text(start.block);
  if (!start.item.deleted || !deletedToTheEnd(text, start.unit)) return null;
  // The cut is where the tombstones begin: everything visible before it stayed.
  const fromCut = place.fromStart === null ? null : place.fromStart - start.offset;
  for (const target of splitTargets(index, start.block)) {
    const targetText = index.text(target);
    const born = pick(targetText, bornWith(target));
    const found = pickedAt(born, quote, fromCut, place.fromEnd);
    if (found !== null) return { block: target, from: born.at[found]! };
    if (hops >= MAX_HOPS || fromCut === null || fromCut < 0 || born.ids.length < fromCut + quote.length) continue;
    const id = born.ids[fromCut]!;
    const next = itemAt(index.ydoc.store, id);
    const unit = next ? targetText.unitOf.get(next.item) : undefined;
    if (!next?.item.deleted || unit === undefined) continue;
    const point: Point = { item: next.item, diff: next.diff, block: target, unit, offset: targetText.units[unit]!.offset };
    const further =
      followUndo(index, target, id, quote) ?? followSplit(index, point, quote, { fromStart: fromCut, fromEnd: place.fromEnd }, hops + 1) ?? followJoinBack(index, point, quote, fromCut);
    if (further) return further;
  }
  return null;
}

/**
 * A split joined back (Backspace at the start of the second part): the words come back in one
 * insertion written right after the tombstones the split left, as far from the cut as they were.
 */
function followJoinBack(index: BlockIndex, start: Point, quote: string, fromCut: number | null): Found | null {
  const text = index.text(start.block);
  if (!start.item.deleted || fromCut === null) return null;
  let last = start.unit;
  while (last + 1 < text.units.length && text.units[last + 1]!.kind === 'tombstone') last++;
  const tail = text.units[last]!;
  const first = text.units[last + 1];
  if (!first || first.kind !== 'chars' || !sameId(first.item.origin, Y.createID(tail.item.id.client, tail.item.id.clock + tail.length - 1))) return null;
  const client = first.item.id.client;
  let clock = first.item.id.clock;
  const run = pick(text, (item) => {
    if (item.id.client !== client || item.id.clock < clock) return false;
    clock = item.id.clock + item.length;
    return true;
  });
  const found = pickedAt(run, quote, fromCut, null);
  return found === null ? null : { block: start.block, from: run.at[found]! };
}

/**
 * The words' items were collected with their block (a move, a join, a paragraph re-created by
 * undo): the words born with the block that bears the anchor's id now, where they were; or, their
 * text deleted whole inside a live block (the part after a footnote, cut by a split), born with a
 * block just after.
 */
function followLost(index: BlockIndex, paragraphId: string, holder: Y.Item | null, elementBlock: TextBlock | undefined, quote: string, place: Place): Found | null {
  const home = index.byId.get(paragraphId);
  if (home && home.kind !== 'footnote') {
    const born = pick(index.text(home), bornWith(home));
    const found = pickedAt(born, quote, place.fromStart, place.fromEnd);
    if (found !== null) return { block: home, from: born.at[found]! };
  }
  const block = cutBlock(index, holder, elementBlock);
  if (!block) return null;
  // Everything still visible in the block stands before the cut.
  const fromCut = place.fromStart === null ? null : place.fromStart - index.text(block).plain.length;
  for (const target of splitTargets(index, block)) {
    const born = pick(index.text(target), bornWith(target));
    const found = pickedAt(born, quote, fromCut, place.fromEnd);
    if (found !== null) return { block: target, from: born.at[found]! };
  }
  return null;
}

/**
 * The live block whose end was cut off with the words (a split after a footnote deletes whole
 * texts): the block of the deleted text that held them, or else the words' block (from the end
 * position) if what ends it is deleted.
 */
function cutBlock(index: BlockIndex, holder: Y.Item | null, elementBlock: TextBlock | undefined): TextBlock | undefined {
  const block = holder ? containerBlock(index, holder) : undefined;
  if (block) return visibleAfter(holder!) ? undefined : block;
  let last = elementBlock ? firstChildItem(elementBlock.container) : null;
  while (last?.right) last = last.right;
  return last?.deleted ? elementBlock : undefined;
}

function visibleAfter(item: Y.Item): boolean {
  for (let next = item.right; next; next = next.right) if (!next.deleted) return true;
  return false;
}

/**
 * Whether the characters at [from, from + length) were written at the end of their text (nothing
 * but deleted items to their right then), by one client in one go.
 */
function appendedAt(index: BlockIndex, text: BlockText, from: number, length: number): boolean {
  let previous: Y.ID | null = null;
  for (let j = from; j < from + length; j++) {
    const u = text.units[charUnitAt(text, j)];
    const right = u?.item.rightOrigin ?? null;
    if (!u || (right !== null && !itemAt(index.ydoc.store, right)?.item.deleted)) return false;
    const id = Y.createID(u.item.id.client, u.item.id.clock + (j - u.offset));
    if (previous && (id.client !== previous.client || id.clock <= previous.clock)) return false;
    previous = id;
  }
  return true;
}

/** The text block of a live paragraph or sub-paragraph element's item. */
function blockOfElement(index: BlockIndex, item: Y.Item): TextBlock | undefined {
  const element = item.content instanceof Y.ContentType ? item.content.type : null;
  if (!(element instanceof Y.XmlElement)) return undefined;
  if (element.nodeName === N.subparagraph) return index.byContainer.get(element);
  const text = element.toArray().find((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === N.paragraphText);
  return text ? index.byContainer.get(text) : undefined;
}

function containerBlock(index: BlockIndex, item: Y.Item): TextBlock | undefined {
  const parent = parentOf(item);
  return parent instanceof Y.XmlElement ? index.byContainer.get(parent) : undefined;
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
    for (let item: Y.Item | null = struct; item; ) {
      const parent = parentOf(item);
      if (!parent) return null;
      if (item.deleted && isLive(parent)) return item;
      item = itemOf(parent);
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
    // Characters that client wrote elsewhere are not what held these.
    if (parent instanceof Y.XmlText) continue;
    return candidate.deleted && parent instanceof Y.XmlElement && isLive(parent) ? candidate : null;
  }
  return null;
}

/** The text blocks a deleted paragraph or sub-paragraph was joined into, the last one first. */
function joinTargets(index: BlockIndex, tombstone: Y.Item): TextBlock[] {
  let before = tombstone.left;
  while (before && (before.deleted || !(before.content instanceof Y.ContentType))) before = before.left;
  if (!before) return [];
  const element = (before.content as Y.ContentType).type;
  if (!(element instanceof Y.XmlElement)) return [];
  const own = index.byContainer.get(element);
  if (own) return [own];
  if (element.nodeName !== N.paragraph) return [];
  const blocks: TextBlock[] = [];
  for (const child of element.toArray()) {
    const block = child instanceof Y.XmlElement ? index.byContainer.get(child) : undefined;
    if (block) blocks.push(block);
  }
  return blocks.toReversed();
}

/**
 * Where the words went, once rule (a) failed: by the items' evidence first, then by place in the
 * texts the words can have gone to: the block their first item lies in (or the deleted text
 * holding it), the block bearing the anchor's id (same distance from the start or the end), the blocks a split of it writes into and
 * the block its deleted paragraph was joined into (same distance from the end: a split moves the
 * end of a text, a join appends a text at the end of another).
 */
export function follow(index: BlockIndex, paragraphId: string, quote: string, start: Y.RelativePosition | null, end: Y.RelativePosition | null): Found | null {
  const place = placeOf(start, end);
  const point = pointOf(index, start);
  // The words' block element, from the end position: deleted, it tells where the block was.
  const element = elementOf(index, end);
  const elementBlock = element && !element.deleted ? blockOfElement(index, element) : undefined;
  const holder = point ? null : element?.deleted && isLive(parentOf(element)!) ? element : start?.item ? deletedHolderOf(index, start.item) : null;
  const byItems = point
    ? (followUndo(index, point.block, pointId(point), quote) ??
      followSplit(index, point, quote, place, 0) ??
      followJoinBack(index, point, quote, place.fromStart === null ? null : place.fromStart - point.offset))
    : followLost(index, paragraphId, holder, elementBlock, quote, place);
  if (byItems) return byItems;

  const home = index.byId.get(paragraphId);
  const holderBlock = holder ? containerBlock(index, holder) : undefined;
  const either: TextBlock[] = [];
  if (point) either.push(point.block);
  if (elementBlock) either.push(elementBlock);
  if (home && home.kind !== 'footnote') either.push(home);
  if (holderBlock) either.push(holderBlock);
  for (const block of new Set(either)) {
    const from = atPlace(index.text(block), quote, place);
    if (from !== null) return { block, from };
  }
  // Only where the evidence says the words' text was cut there (everything after them deleted),
  // or their paragraph deleted whole: elsewhere the same distance from the end means nothing.
  const endPlace = { fromStart: null, fromEnd: place.fromEnd };
  const cut = point ? (point.item.deleted && deletedToTheEnd(index.text(point.block), point.unit) ? point.block : undefined) : cutBlock(index, holder, elementBlock);
  for (const block of cut ? splitTargets(index, cut) : []) {
    const from = atPlace(index.text(block), quote, endPlace);
    if (from !== null) return { block, from };
  }
  // A join appends the words at the end of the text before, in one insertion.
  for (const block of holder && !holderBlock ? joinTargets(index, holder) : []) {
    const text = index.text(block);
    const from = atPlace(text, quote, endPlace);
    if (from !== null && appendedAt(index, text, from, quote.length)) return { block, from };
  }
  // A split undone: the second part's words written again where the first part ends, as far
  // from there as they were from the second part's start.
  const before = point ? [previousOf(index, point.block)] : holder && !holderBlock ? joinTargets(index, holder) : [];
  for (const block of before) {
    const from = block ? afterRedoneCut(index.text(block), quote, place.fromStart) : null;
    if (from !== null) return { block: block!, from };
  }
  return null;
}

function previousOf(index: BlockIndex, block: TextBlock): TextBlock | null {
  const parent = block.element.parent;
  for (let i = index.positionOf.get(block)! - 1; i >= 0; i--) {
    const previous = index.order[i]!;
    if (previous.kind !== block.kind) continue;
    return previous.element.parent === parent ? previous : null;
  }
  return null;
}

/** The words `fromStart` after where an undo began to write deleted characters again in the text. */
function afterRedoneCut(text: BlockText, quote: string, fromStart: number | null): number | null {
  if (fromStart === null) return null;
  const tombstones = new Set(text.units.filter((u) => u.kind === 'tombstone').map((u) => key(u.item.id)));
  const first = text.units.find((u) => u.kind === 'chars' && u.item.rightOrigin && tombstones.has(key(u.item.rightOrigin)));
  return first && matches(text, first.offset + fromStart, quote) ? first.offset + fromStart : null;
}


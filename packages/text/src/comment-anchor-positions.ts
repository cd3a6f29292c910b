/**
 * Yjs relative positions for the two ends of a quote, and where they point now. Built and read
 * directly on the store, so that a tombstone's item (which the fallback rules look at) is kept.
 */
import * as Y from 'yjs';
import type { BlockIndex, BlockText, TextBlock, Unit } from './comment-anchor-blocks.js';
import { itemOf } from './comment-anchor-items.js';

/** Where one end of a stored anchor points: its Yjs item (maybe deleted), in a live text block. */
export interface Point {
  item: Y.Item;
  /** The character's place inside the item. */
  diff: number;
  block: TextBlock;
  unit: number;
  /** The position in the block's plain text (a deleted character: where it was). */
  offset: number;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function encodePosition(id: Y.ID, assoc: number): string {
  return toBase64(Y.encodeRelativePosition(new Y.RelativePosition(null, null, id, assoc)));
}

/** The unit holding the visible character at `offset` of the block, or -1. */
export function charUnitAt(text: BlockText, offset: number): number {
  const { units } = text;
  let lo = 0;
  let hi = units.length - 1;
  let found = -1;
  // The last unit starting at or before the offset; visible characters never overlap.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0; i--) {
    const u = units[i]!;
    if (u.kind === 'chars' && u.offset <= offset && offset < u.offset + u.length) return i;
    if (u.offset < offset) break;
  }
  return -1;
}

/** The id of the visible character at `offset`, or null. */
export function charIdAt(text: BlockText, offset: number): Y.ID | null {
  const i = charUnitAt(text, offset);
  if (i < 0) return null;
  const u: Unit = text.units[i]!;
  return Y.createID(u.item.id.client, u.item.id.clock + (offset - u.offset));
}

/**
 * The two stored positions of [from, to) in a text block, both ordinary Yjs relative positions:
 * - start: before the first quoted character (sticking to it);
 * - end: at the block's own element (paragraph or sub-paragraph). The quote's length tells where
 *   the words end, so this position serves to find where the block was once y-tiptap has deleted
 *   it (a join, a move): an element's item stays, as a tombstone, in a live parent.
 * Yjs reads only the sign of `assoc`; start's also records the quote's offset from the block's
 * start, end's (as -1 - n) its distance from the block's end, for words y-tiptap rewrote.
 */
export function positionsFor(text: BlockText, from: number, to: number): { start: string; end: string } | null {
  const first = charIdAt(text, from);
  const element = itemOf(text.block.element);
  if (!first || !element) return null;
  return { start: encodePosition(first, from), end: encodePosition(element.id, -1 - (text.plain.length - to)) };
}

/** Where the quote stood when anchored: its offset from the block's start and from its end. */
export interface Place {
  fromStart: number | null;
  fromEnd: number | null;
}

export function placeOf(start: Y.RelativePosition | null, end: Y.RelativePosition | null): Place {
  return { fromStart: start && start.assoc >= 0 ? start.assoc : null, fromEnd: end && end.assoc < 0 ? -1 - end.assoc : null };
}

/** The item holding a character id, following the re-creations a local undo recorded. */
export function itemAt(store: Y.Doc["store"], id: Y.ID): { item: Y.Item; diff: number } | null {
  let next: Y.ID | null = id;
  let diff = 0;
  for (let hops = 0; next !== null && hops < 100; hops++) {
    const target: Y.ID = diff > 0 ? Y.createID(next.client, next.clock + diff) : next;
    if (Y.getState(store, target.client) <= target.clock) return null;
    const struct = Y.getItem(store, target) as Y.Item | Y.GC;
    if (!(struct instanceof Y.Item)) return null;
    diff = target.clock - struct.id.clock;
    if (struct.redone === null) return { item: struct, diff };
    next = struct.redone;
  }
  return null;
}

export function decodePosition(encoded: string | null): Y.RelativePosition | null {
  if (encoded === null || encoded === '') return null;
  const bytes = fromBase64(encoded);
  if (!bytes) return null;
  try {
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/**
 * Where a stored start points: the item (followed through local undo), its live block and its
 * offset there. Null when the id is unknown here, or its item was collected, or lies in a deleted
 * block: the words were moved or deleted with their paragraph.
 */
export function pointOf(index: BlockIndex, position: Y.RelativePosition | null): Point | null {
  if (!position?.item) return null;
  const found = itemAt(index.ydoc.store, position.item);
  if (!found) return null;
  const block = index.blockOfItem(found.item);
  if (!block) return null;
  const text = index.text(block);
  const unit = text.unitOf.get(found.item);
  if (unit === undefined) return null;
  const u = text.units[unit]!;
  const offset = u.kind === 'chars' ? u.offset + found.diff : u.offset;
  return { item: found.item, diff: found.diff, block, unit, offset };
}

/** The id a point's character had: the one a later rule traces from. */
export function pointId(point: Point): Y.ID {
  return Y.createID(point.item.id.client, point.item.id.clock + point.diff);
}

/** The block element a stored end names: its item, deleted or not (null: unknown here). */
export function elementOf(index: BlockIndex, position: Y.RelativePosition | null): Y.Item | null {
  const id = position?.item;
  if (!id || Y.getState(index.ydoc.store, id.client) <= id.clock) return null;
  const struct = Y.getItem(index.ydoc.store, id) as Y.Item | Y.GC;
  // A deleted element's content is collected (ContentDeleted); a live one holds its type.
  return struct instanceof Y.Item && struct.id.clock === id.clock && (struct.deleted || struct.content instanceof Y.ContentType) ? struct : null;
}

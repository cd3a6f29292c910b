/**
 * Comment anchors (`@accord/text/anchors`): a paragraph's permanent id, the quoted words, and Yjs
 * relative positions of their first and last character, so a thread follows its words through
 * concurrent edits, splits, joins, moves and undo. Pure functions over a Y.Doc; they never write.
 *
 * The text an anchor counts in ("plain text") is a block's own characters: a paragraph's
 * paragraphText (not its sub-paragraphs), a sub-paragraph's text, a footnote's `text` attribute.
 * Footnotes inside a text count as nothing. `from`/`to` are offsets in that string.
 *
 * Safety first: a range is reported only where the block's plain text at [from, to) equals the
 * quote; the words are followed only by evidence in the Yjs items (comment-anchor-follow.ts), never
 * by searching the document, so a pasted copy never takes a thread. Words that are gone leave the
 * anchor orphaned, with its quote.
 */
import * as Y from 'yjs';
import { type Block, BlockIndex, type BlockText, plainTextOf } from './comment-anchor-blocks.js';
import { follow, type Found } from './comment-anchor-follow.js';
import { itemOf } from './comment-anchor-items.js';
import { charIdAt, decodePosition, elementOf, pointOf, positionsFor } from './comment-anchor-positions.js';

export type { AnchorBlockKind } from './comment-anchor-blocks.js';

/** An anchor as stored with a thread. quote '' = the whole paragraph (start and end null). */
export interface StoredAnchor {
  paragraphId: string;
  quote: string;
  /** Base64 of Y.encodeRelativePosition: before the first quoted character (null: none). */
  start: string | null;
  /** Base64 of Y.encodeRelativePosition: at the block's element, to find it once deleted (null: none). */
  end: string | null;
}

export type AnchorField = 'paragraphId' | 'quote' | 'anchor';

export type AnchorResult = { ok: true; anchor: StoredAnchor } | { ok: false; field: AnchorField; message: string };

export type ResolvedAnchor =
  | {
      orphaned: false;
      /** Where the words are now (a split or join can move them to another paragraph). */
      paragraphId: string;
      quote: string;
      /** Offsets in the block's plain text; a whole-paragraph anchor: 0 and its length. */
      from: number;
      to: number;
      /** Refreshed relative positions, worth storing in place of the old ones. */
      start: string | null;
      end: string | null;
    }
  | { orphaned: true; paragraphId: string; quote: string };

const NO_BLOCK = 'is not the id of a paragraph, sub-paragraph or footnote of this document';

function fail(field: AnchorField, message: string): AnchorResult {
  return { ok: false, field, message };
}

function whole(block: Block): StoredAnchor {
  return { paragraphId: block.id, quote: '', start: null, end: null };
}

function rangeAnchor(index: BlockIndex, block: Block, from: number, to: number): StoredAnchor {
  const quote = plainTextOf(index, block).slice(from, to);
  const positions = block.kind === 'footnote' ? null : positionsFor(index.text(block), from, to);
  return { paragraphId: block.id, quote, start: positions?.start ?? null, end: positions?.end ?? null };
}

/**
 * An anchor on the `occurrence`-th (0-based) place where `quote` stands in the block's plain text;
 * no quote (or '') anchors the whole block. Fails naming `paragraphId` (no such block) or `quote`.
 */
export function anchorFor(ydoc: Y.Doc, paragraphId: string, quote?: string, occurrence = 0): AnchorResult {
  const index = new BlockIndex(ydoc);
  const block = index.byId.get(paragraphId);
  if (!block) return fail('paragraphId', NO_BLOCK);
  if (quote === undefined || quote === '') return { ok: true, anchor: whole(block) };
  const plain = plainTextOf(index, block);
  let at = plain.indexOf(quote);
  for (let n = 0; n < occurrence && at >= 0; n++) at = plain.indexOf(quote, at + 1);
  if (at < 0) return fail('quote', occurrence === 0 ? 'does not occur in the paragraph' : `does not occur ${occurrence + 1} times in the paragraph`);
  return { ok: true, anchor: rangeAnchor(index, block, at, at + quote.length) };
}

/** An anchor on [from, to) of a block's plain text (from === to: the whole block), as the editor selects. */
export function anchorForRange(ydoc: Y.Doc, paragraphId: string, from: number, to: number): AnchorResult {
  const index = new BlockIndex(ydoc);
  const block = index.byId.get(paragraphId);
  if (!block) return fail('paragraphId', NO_BLOCK);
  const length = plainTextOf(index, block).length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > length || from > to) return fail('anchor', `must lie within the paragraph's ${length} characters`);
  return { ok: true, anchor: from === to ? whole(block) : rangeAnchor(index, block, from, to) };
}

/**
 * The anchor an editor sent: its positions must point, now, at exactly `quote` in that block.
 * Fails naming `paragraphId`, `quote` (not in the block at all) or `anchor` (positions elsewhere).
 */
export function anchorAt(ydoc: Y.Doc, paragraphId: string, quote: string, positions: { start: string; end: string }): AnchorResult {
  const index = new BlockIndex(ydoc);
  const block = index.byId.get(paragraphId);
  if (!block) return fail('paragraphId', NO_BLOCK);
  if (quote === '' || !plainTextOf(index, block).includes(quote)) return fail('quote', 'does not occur in the paragraph');
  if (block.kind === 'footnote') return fail('anchor', 'a footnote takes no positions');
  const range = exactRange(index, positions.start, quote);
  const element = elementOf(index, decodePosition(positions.end));
  if (!range || range.block !== block || element !== itemOf(block.element)) return fail('anchor', 'does not point at the quoted words in this paragraph');
  return { ok: true, anchor: { paragraphId, quote, start: positions.start, end: positions.end } };
}

/** Rule (a): the start still before the quote's first character, and the quote right there. */
function exactRange(index: BlockIndex, start: string | null, quote: string): Found | null {
  const a = pointOf(index, decodePosition(start));
  if (!a || a.item.deleted) return null;
  return index.text(a.block).plain.startsWith(quote, a.offset) ? { block: a.block, from: a.offset } : null;
}

function resolveWith(index: BlockIndex, stored: StoredAnchor): ResolvedAnchor {
  const orphaned: ResolvedAnchor = { orphaned: true, paragraphId: stored.paragraphId, quote: stored.quote };
  if (stored.quote === '') {
    const block = index.byId.get(stored.paragraphId);
    return block ? { orphaned: false, paragraphId: block.id, quote: '', from: 0, to: plainTextOf(index, block).length, start: null, end: null } : orphaned;
  }
  const home = index.byId.get(stored.paragraphId);
  if (home?.kind === 'footnote') {
    const at = plainTextOf(index, home).indexOf(stored.quote);
    return at < 0 ? orphaned : { orphaned: false, paragraphId: home.id, quote: stored.quote, from: at, to: at + stored.quote.length, start: null, end: null };
  }
  const found = locate(index, stored);
  // A block without an id (an undo can write a paragraph again without its attributes) cannot be
  // named; the editor gives it an id at the next change, and the anchor resolves there.
  if (!found || found.block.id === '') return orphaned;
  const to = found.from + stored.quote.length;
  const text = index.text(found.block);
  const positions = unchanged(text, stored, found.from, to) ? { start: stored.start, end: stored.end } : positionsFor(text, found.from, to);
  return {
    orphaned: false,
    paragraphId: found.block.id,
    quote: stored.quote,
    from: found.from,
    to,
    start: positions?.start ?? null,
    end: positions?.end ?? null,
  };
}

/** Whether the stored positions already say what fresh ones would (most anchors, most of the time). */
function unchanged(text: BlockText, stored: StoredAnchor, from: number, to: number): boolean {
  const start = decodePosition(stored.start);
  const end = decodePosition(stored.end);
  const first = charIdAt(text, from);
  const element = itemOf(text.block.element);
  return (
    !!start?.item && !!end?.item && !!first && !!element &&
    Y.compareIDs(start.item, first) && start.assoc === from &&
    Y.compareIDs(end.item, element.id) && end.assoc === -1 - (text.plain.length - to)
  );
}

function locate(index: BlockIndex, stored: StoredAnchor): Found | null {
  return exactRange(index, stored.start, stored.quote) ?? follow(index, stored.paragraphId, stored.quote, decodePosition(stored.start), decodePosition(stored.end));
}

/** Where an anchor's words are now, or that they are gone (orphaned, with the quote). */
export function resolveAnchor(ydoc: Y.Doc, stored: StoredAnchor): ResolvedAnchor {
  return resolveWith(new BlockIndex(ydoc), stored);
}

/** Many anchors of one document at once: the document is read once for all of them. */
export function resolveAnchors(ydoc: Y.Doc, stored: readonly StoredAnchor[]): ResolvedAnchor[] {
  const index = new BlockIndex(ydoc);
  return stored.map((anchor) => resolveWith(index, anchor));
}

/** The plain text anchors on a block count in, or null when no block has that id. */
export function anchorBlockText(ydoc: Y.Doc, paragraphId: string): string | null {
  const index = new BlockIndex(ydoc);
  const block = index.byId.get(paragraphId);
  return block ? plainTextOf(index, block) : null;
}


/**
 * The rules of the room on the server: the engine's update policy (UpdatePolicy in @accord/sync,
 * whose shape is repeated here so that the model does not depend on the engine). Comparing the whole
 * text before and after costs two conversions of the document, so a cheap look at the update itself
 * comes first (rulesAtStake): which existing elements it writes into or deletes from, which
 * attributes and formats it writes. Typing words into a paragraph that is not agreed settles
 * nothing the rules care about and is let through without building the text after it.
 *
 * Items of an update are placed as yjs-content-check.ts places them: by their parent when they name
 * one, else by the neighbour they were written next to, in the document or earlier in the update.
 */
import * as Y from 'yjs';
import { updateItems } from './yjs-update-items.js';
import { firstChildItem } from './comment-anchor-items.js';
import { isSteward, roomRuleViolation, writesText, type RoomRuleCode, type RoomWriter } from './room-rules.js';
import { M, N } from './schema.js';
import { fromYDoc } from './yjs.js';

/** Any shared type: Yjs types them by their events, which nothing here reads. */
type YType = Y.AbstractType<any>;

/** What the engine asks (PolicyQuestion in @accord/sync). */
export interface RoomPolicyQuestion {
  doc: Y.Doc;
  update: Uint8Array;
  writer: RoomWriter;
  /** The document with the update applied, as a separate copy: costly, built on the first call. */
  after(): Y.Doc;
}

export type RoomPolicyVerdict = { ok: true } | { ok: false; code: RoomRuleCode; reason: string };

/** The rolling text's UpdatePolicy. */
export function rollingTextPolicy(question: RoomPolicyQuestion): RoomPolicyVerdict {
  if (rulesAtStake(question.doc, question.update, question.writer) === null) return { ok: true };
  const violation = roomRuleViolation(fromYDoc(question.doc), fromYDoc(question.after()), question.writer);
  return violation ? { ok: false, ...violation } : { ok: true };
}

/** Where an item goes: the existing type it is written into (or the one holding the new element it is in). */
interface Slot {
  /** The type of the document the item lands in, directly or inside new elements; null if it lands nowhere. */
  container: YType | null;
  /** Whether the item's own parent is `container` (not a new element of the same update). */
  direct: boolean;
  /** The attribute (map key) the item is the value of, or null for a child in sequence. */
  key: string | null;
}

const NOWHERE: Slot = { container: null, direct: true, key: null };

/** Paragraph attributes only the rules' full comparison can judge when a delegate writes them. */
const WATCHED_KEYS = new Set(['status', 'alt', 'id']);

/**
 * Why an update could break a rule of the room for this writer, or null when it cannot: then the
 * policy lets it through at once. Errs on the side of "could": a reason only costs the full
 * comparison. Expects an update that passed the engine's structural and content checks.
 */
export function rulesAtStake(doc: Y.Doc, update: Uint8Array, writer: RoomWriter): string | null {
  if (!writesText(writer.role)) return 'civil society and observers do not write the text';
  const steward = isSteward(writer.role);
  const decoded = Y.decodeUpdate(update);
  const { structs } = decoded;
  // Merged (sorted, disjoint): a hostile update repeats one range hundreds of thousands of times, and
  // each repetition would otherwise look at the same items again.
  const ds = Y.mergeDeleteSets([decoded.ds]);
  const store = doc.store;
  const stateOf = (client: number) => Y.getState(store, client);

  const { find, inDocument } = updateItems(doc, structs);

  const slots = new Map<Y.Item, Slot>();
  const ownSlot = (item: Y.Item): Slot | Y.Item => {
    const parent = item.parent as YType | Y.ID | string | null;
    if (typeof parent === 'string') return { container: doc.share.get(parent) ?? null, direct: true, key: item.parentSub };
    if (parent instanceof Y.AbstractType) return { container: parent, direct: true, key: item.parentSub };
    if (parent !== null) {
      const holder = find(parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return NOWHERE;
      if (inDocument(holder)) return { container: holder.content.type, direct: true, key: item.parentSub };
      // Inside a new element: it lands where that element lands (new elements nest a few deep at most).
      return { container: slotOf(holder).container, direct: false, key: item.parentSub };
    }
    // Written next to a neighbour: Yjs takes the parent, and the map key, from it.
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId ? find(neighbourId) : null;
    if (!(neighbour instanceof Y.Item)) return NOWHERE;
    if (!inDocument(neighbour)) return neighbour;
    return { container: neighbour.parent instanceof Y.AbstractType ? neighbour.parent : null, direct: true, key: neighbour.parentSub };
  };
  /** Iterative along neighbours: a paste chains thousands of items, each placed by the one before. */
  const slotOf = (start: Y.Item): Slot => {
    const chain: Y.Item[] = [];
    const visiting = new Set<Y.Item>();
    let item = start;
    let slot: Slot = NOWHERE;
    for (;;) {
      const known = slots.get(item);
      if (known) {
        slot = known;
        break;
      }
      // A circle cannot pass the structural check; were one here, it lands nowhere.
      if (visiting.has(item)) break;
      visiting.add(item);
      chain.push(item);
      const own = ownSlot(item);
      if (own instanceof Y.Item) item = own;
      else {
        slot = own;
        break;
      }
    }
    for (const link of chain) slots.set(link, slot);
    return slot;
  };

  // Per text block, the items the update writes into it, and whether its brackets need a closer look.
  const written = new Map<Y.XmlText, Y.Item[]>();
  const bracketsTouched = new Set<Y.XmlText>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const state = stateOf(struct.id.client);
    if (struct.id.clock + struct.length <= state) continue;
    // Partly known already: Yjs would take only the rest. Rare (a resend); not worth placing by hand.
    if (struct.id.clock < state) return 'an update overlapping the document';
    const content = struct.content;
    const { container, direct, key } = slotOf(struct);
    if (!container) continue;
    if (container instanceof Y.XmlText && direct && key === null) {
      let list = written.get(container);
      if (!list) written.set(container, (list = []));
      list.push(struct);
    }
    if (content instanceof Y.ContentDeleted) continue;
    if (content instanceof Y.ContentType && isElement(content.type, N.paragraph, N.box)) return 'a new paragraph';
    // A new title element renames its box as surely as letters typed in the title (the content check
    // lets one anywhere in a box): BOXES_STEWARDS_ONLY, judged by the comparison.
    if (!steward && content instanceof Y.ContentType && isElement(content.type, N.boxTitle)) return 'a new box title';
    // Box titles are the stewards' (BOXES_STEWARDS_ONLY): a delegate's letter typed in one is judged.
    if (!steward && inBoxTitle(container)) return 'a box title';
    if (isAgreed(paragraphAround(container))) return 'a change to an agreed paragraph';
    if (direct && key !== null && isElement(container, N.paragraph)) {
      if (key === 'status' && (!steward || valueOf(content) === 'agreed')) return 'a paragraph status';
      if (!steward && WATCHED_KEYS.has(key)) return `a paragraph's ${key}`;
    }
    // The comparison places paragraphs by their box's id: a new one moves every paragraph of the box.
    if (!steward && direct && key === 'id' && isElement(container, N.box)) return "a box's id";
    // The binding rewrites every bracket of a text block on each keystroke in it (Yjs compares the
    // sponsor arrays by reference): whether that changes a bracket is settled below, per block.
    if (!steward && content instanceof Y.ContentFormat && content.key === M.bracket) {
      if (!(container instanceof Y.XmlText) || !direct) return 'a bracket written';
      bracketsTouched.add(container);
    }
  }

  const inBrackets = new BracketedWords();
  for (const [client, ranges] of ds.clients) {
    const state = stateOf(client);
    const items = store.clients.get(client);
    if (!items) continue;
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, state);
      if (clock >= end) continue;
      for (let i = Y.findIndexSS(items, clock); i < items.length && items[i]!.id.clock < end; i++) {
        const item = items[i]!;
        if (!(item instanceof Y.Item) || item.deleted) continue;
        const why = deletionAtStake(item, steward, inBrackets);
        if (why === BRACKETS) bracketsTouched.add(item.parent as Y.XmlText);
        else if (why) return why;
      }
    }
  }
  for (const block of bracketsTouched) {
    if (!bracketsKept(block, written.get(block) ?? [], ds)) return 'a bracket removed or its sponsors changed';
  }
  return null;
}

/** A deletion that may take a bracket away: settled per text block by bracketsKept. */
const BRACKETS = 'brackets';

function deletionAtStake(item: Y.Item, steward: boolean, inBrackets: BracketedWords): string | null {
  const parent = item.parent instanceof Y.AbstractType ? item.parent : null;
  if (isAgreed(paragraphAround(parent))) return 'a deletion in an agreed paragraph';
  if (steward) return null;
  const content = item.content;
  if (content instanceof Y.ContentType) return 'an element deleted';
  if (item.parentSub !== null && WATCHED_KEYS.has(item.parentSub) && isElement(parent, N.paragraph)) return `a paragraph's ${item.parentSub} removed`;
  if (item.parentSub === 'id' && isElement(parent, N.box)) return "a box's id removed";
  if (inBoxTitle(parent)) return 'a box title';
  const bracketFormat = content instanceof Y.ContentFormat && content.key === M.bracket;
  if (bracketFormat || (content instanceof Y.ContentString && inBrackets.has(item))) {
    return parent instanceof Y.XmlText ? BRACKETS : 'a bracket removed';
  }
  return null;
}

/** A run of a text block's items: a whole item, or part of one once an insertion splits it. */
interface Unit {
  client: number;
  clock: number;
  len: number;
  /** A bracket format's value (null: the bracket ends), or undefined for anything else. */
  bracket?: unknown;
  words: boolean;
  deleted: boolean;
  /** For words the document holds: the bracket they were in before the update (its value as JSON), or null. */
  was?: string | null;
}

/** Past this many items a block is compared in full rather than replayed. */
const MAX_UNITS = 5_000;

/**
 * Whether every bracket of a text block survives the update with the same sponsors: the block's
 * items replayed with the update's insertions and deletions, where Yjs puts them without a conflict
 * (each new item between the neighbours it was written next to). Anything else (concurrent
 * insertions at the same place, neighbours elsewhere) answers false, and the texts are compared.
 */
function bracketsKept(block: Y.XmlText, items: readonly Y.Item[], ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  const units: Unit[] = [];
  for (let item = firstChildItem(block); item !== null; item = item.right) {
    if (units.length > MAX_UNITS) return false;
    units.push(unitOf(item, item.deleted));
  }
  const before = bracketsIn(units, () => false);

  const indexOf = (id: Y.ID) => units.findIndex((u) => u.client === id.client && u.clock <= id.clock && id.clock < u.clock + u.len);
  /** Splits the unit holding `clock` so that a unit starts there; its index, or -1. */
  const startAt = (id: Y.ID): number => {
    const i = indexOf(id);
    if (i < 0) return -1;
    const unit = units[i]!;
    if (unit.clock === id.clock) return i;
    const head = id.clock - unit.clock;
    units.splice(i + 1, 0, { ...unit, clock: id.clock, len: unit.len - head });
    unit.len = head;
    return i + 1;
  };
  for (const item of items) {
    if (units.length > MAX_UNITS) return false;
    let at: number;
    if (item.origin) {
      const origin = item.origin;
      const i = indexOf(origin);
      if (i < 0) return false;
      at = origin.clock + 1 < units[i]!.clock + units[i]!.len ? startAt(Y.createID(origin.client, origin.clock + 1)) : i + 1;
    } else {
      at = 0;
    }
    if (item.rightOrigin) {
      const right = startAt(item.rightOrigin);
      // startAt may have split a unit before `at`; look again.
      if (item.origin) at = indexOf(item.origin) + 1;
      if (right !== at) return false;
    } else if (at !== units.length) {
      return false;
    }
    units.splice(at, 0, unitOf(item, item.content instanceof Y.ContentDeleted));
  }
  /** `ds` is merged (sorted, disjoint, adjacent ranges joined): one range covers the unit, or none does. */
  const deletedNow = (unit: Unit) => {
    const ranges = ds.clients.get(unit.client);
    if (!ranges) return false;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid]!;
      if (unit.clock < range.clock) hi = mid - 1;
      else if (unit.clock >= range.clock + range.len) lo = mid + 1;
      else return unit.clock + unit.len <= range.clock + range.len;
    }
    return false;
  };
  const after = bracketsIn(units, deletedNow, true);
  if (after === null) return false;
  for (const [id, value] of before) if (after.get(id) !== value) return false;
  return true;
}

function bracketEntry(value: unknown): { key: string; json: string } | null {
  if (value === null || typeof value !== 'object') return null;
  const json = JSON.stringify(value);
  const id: unknown = (value as { id?: unknown }).id;
  return { key: typeof id === 'string' && id !== '' ? id : json, json };
}

function unitOf(item: Y.Item, deleted: boolean): Unit {
  const content = item.content;
  const bracket = content instanceof Y.ContentFormat && content.key === M.bracket ? content.value : undefined;
  return { client: item.id.client, clock: item.id.clock, len: item.length, bracket, words: content instanceof Y.ContentString, deleted };
}

/**
 * The brackets words are in, by id (or value), each with its value as JSON. The first pass records
 * on each unit of words the bracket it is in; a later pass (`compare`) answers null when words the
 * document held leave their bracket or change it (part of a bracket unbracketed).
 */
function bracketsIn(units: readonly Unit[], deletedNow: (unit: Unit) => boolean): Map<string, string>;
function bracketsIn(units: readonly Unit[], deletedNow: (unit: Unit) => boolean, compare: true): Map<string, string> | null;
function bracketsIn(units: readonly Unit[], deletedNow: (unit: Unit) => boolean, compare = false): Map<string, string> | null {
  const found = new Map<string, string>();
  let open: { key: string; json: string } | null = null;
  for (const unit of units) {
    if (unit.deleted || deletedNow(unit)) continue;
    if (unit.bracket !== undefined) open = bracketEntry(unit.bracket);
    else if (unit.words) {
      if (!compare) unit.was = open?.json ?? null;
      else if (unit.was !== undefined && unit.was !== null && unit.was !== open?.json) return null;
      if (open) found.set(open.key, open.json);
    }
  }
  return found;
}

/**
 * Whether text sits inside a bracket: the nearest live bracket format to its left opens one. Each
 * text block is read once, left to right, whatever the number of its items an update deletes: one
 * walk to the left per deleted item costs the square of a long paragraph's items.
 */
class BracketedWords {
  private readonly blocks = new Map<YType, Set<Y.Item>>();

  has(item: Y.Item): boolean {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return false;
    let words = this.blocks.get(parent);
    if (!words) {
      words = new Set();
      let open = false;
      for (let at = firstChildItem(parent); at !== null; at = at.right) {
        if (at.deleted) continue;
        if (at.content instanceof Y.ContentFormat && at.content.key === M.bracket) open = at.content.value !== null;
        else if (open) words.add(at);
      }
      this.blocks.set(parent, words);
    }
    return words.has(item);
  }
}

function isElement(type: YType | null, ...names: string[]): type is Y.XmlElement {
  return type instanceof Y.XmlElement && names.includes(type.nodeName);
}

function inBoxTitle(type: YType | null): boolean {
  for (let t = type; t; t = t.parent) if (isElement(t, N.boxTitle)) return true;
  return false;
}

function paragraphAround(type: YType | null): Y.XmlElement | null {
  for (let t = type; t; t = t.parent) if (isElement(t, N.paragraph)) return t;
  return null;
}

function isAgreed(paragraph: Y.XmlElement | null): boolean {
  return paragraph !== null && paragraph.getAttribute('status') === 'agreed';
}

function valueOf(content: Y.Item['content']): unknown {
  return content instanceof Y.ContentAny ? content.arr[0] : undefined;
}

export { roomRuleViolation, type RoomRuleCode, type RoomRuleViolation, type RoomWriter } from './room-rules.js';

/**
 * Two texts compared as a chair's revision is read against the previous one: paragraph by paragraph,
 * by permanent id, never by number. Each paragraph and sub-paragraph is inserted, deleted, moved,
 * modified, relabelled or had its status changed (one entry per unit and kind); a redline and notes
 * say what changed in a wording.
 */
import type { Node } from 'prosemirror-model';
import { writeInline } from '../plain-text-inline.js';
import { movedUnits } from './moves.js';
import { redlineOf } from './redline.js';
import { summarise } from './summary.js';
import { type ComparisonChange, type ComparisonKind, type TextComparison } from './types.js';
import { inlineOf, unitsOf, type Unit, type Units } from './units.js';
import { sameWording, wordingOf } from './wording-tokens.js';

interface Placed {
  /** Sort key: position in the `to` text, before (-1) / at (0) / after (1) it, then the `from` order. */
  at: [number, number, number];
  change: ComparisonChange;
}

export function compareTexts(from: Node, to: Node): TextComparison {
  const before = unitsOf(from);
  const after = unitsOf(to);
  const moved = movedUnits(before, after);
  const ranks = new AltRanks();
  const placed: Placed[] = [];

  for (const unit of after.list) {
    const old = common(unit, before);
    const at: Placed['at'] = [unit.index, 0, 0];
    if (!old) {
      // A sub-paragraph of a new paragraph is part of it, not a change of its own.
      if (unit.paragraphId !== null && !isParagraph(before, unit.paragraphId)) continue;
      placed.push({ at, change: inserted(unit, after, before) });
      continue;
    }
    const base = { paragraphId: unit.id, blockKind: unit.kind, box: unit.boxLabel, fromLabel: old.label.citation, toLabel: unit.label.citation };
    if (moved.has(unit.id)) placed.push({ at, change: { ...base, kind: 'moved' } });
    else if (relabelled(old, unit, ranks)) placed.push({ at, change: { ...base, kind: 'relabelled' } });
    if (unit.kind === 'paragraph' && old.status !== unit.status) placed.push({ at, change: { ...base, kind: 'status', fromStatus: old.status, toStatus: unit.status } });
    const modified = modification(old, unit);
    if (modified) placed.push({ at, change: { ...base, kind: 'modified', ...modified } });
  }

  const firstInBox = firstUnitOfEachBox(after);
  for (const unit of before.list) {
    if (common(unit, after)) continue;
    if (unit.paragraphId !== null && !isParagraph(after, unit.paragraphId)) continue;
    placed.push({ at: whereItStood(unit, before, after, firstInBox), change: deleted(unit, before, after) });
  }

  placed.sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1] || x.at[2] - y.at[2] || kindOrder(x.change.kind) - kindOrder(y.change.kind));
  const changes = placed.map((p) => p.change);
  return { summary: summarise(changes, before, after), changes };
}

/** The same unit on the other side: the same id, and still a paragraph or still a sub-paragraph. */
function common(unit: Unit, other: Units): Unit | undefined {
  const match = other.byId.get(unit.id);
  return match && match.kind === unit.kind ? match : undefined;
}

function isParagraph(units: Units, id: string): boolean {
  return units.byId.get(id)?.kind === 'paragraph';
}

/** Within one unit: where it stands and what it is called, then its status, then its wording. */
const KIND_ORDER: readonly ComparisonKind[] = ['inserted', 'deleted', 'moved', 'relabelled', 'status', 'modified'];

function kindOrder(kind: ComparisonKind): number {
  return KIND_ORDER.indexOf(kind);
}

function inserted(unit: Unit, units: Units, other: Units): ComparisonChange {
  const change: ComparisonChange = { paragraphId: unit.id, blockKind: unit.kind, kind: 'inserted', box: unit.boxLabel, toLabel: unit.label.citation, text: wordingText(unit, units) };
  const alt = unit.label.alt;
  if (alt && unit.slot.some((id) => id !== unit.id && other.byId.get(id)?.kind === 'paragraph')) {
    change.notes = [{ kind: 'alternative_added', text: `Alt ${alt.index}` }];
  }
  return change;
}

function deleted(unit: Unit, units: Units, other: Units): ComparisonChange {
  const change: ComparisonChange = { paragraphId: unit.id, blockKind: unit.kind, kind: 'deleted', box: unit.boxLabel, fromLabel: unit.label.citation, text: wordingText(unit, units) };
  const alt = unit.label.alt;
  if (alt && unit.slot.some((id) => id !== unit.id && other.byId.get(id)?.kind === 'paragraph')) {
    change.notes = [{ kind: 'alternative_dropped', text: `Alt ${alt.index}` }];
  }
  return change;
}

/** A paragraph's wording with its sub-paragraphs (which fold into it), in the plain-text format. */
function wordingText(unit: Unit, units: Units): string {
  const own = unit.inline ? writeInline(unit.inline) : '';
  if (unit.kind === 'subparagraph') return own;
  const subs = (units.subsOf.get(unit.id) ?? []).map((sub) => `${sub.label.short} ${sub.inline ? writeInline(sub.inline) : ''}`.trimEnd());
  return [own, ...subs].join('\n');
}

/**
 * Its own number, suffix or letter changed ("2bis" → "3"). The "Alt n" part alone changes when an
 * alternative appears or drops beside it, which is that alternative's change, not this one's; it is
 * a relabel only when the alternatives that stayed changed order.
 */
function relabelled(old: Unit, unit: Unit, ranks: AltRanks): boolean {
  if (old.label.num !== unit.label.num || old.label.sfx !== unit.label.sfx) return true;
  if (unit.kind !== 'paragraph' || (old.label.alt?.index ?? 0) === (unit.label.alt?.index ?? 0)) return false;
  const { before, after } = ranks.of(old.slot, unit.slot);
  return before.get(unit.id) !== after.get(unit.id);
}

interface SlotRanks {
  before: Map<string, number>;
  after: Map<string, number>;
}

/**
 * The rank of each alternative among those both slots hold, on each side; worked out once per pair of
 * slots, since a long group shifted by one new alternative asks for every member.
 */
class AltRanks {
  private readonly cache = new Map<string[], Map<string[], SlotRanks>>();

  of(oldSlot: string[], newSlot: string[]): SlotRanks {
    const byNew = this.cache.get(oldSlot) ?? new Map<string[], SlotRanks>();
    this.cache.set(oldSlot, byNew);
    let ranks = byNew.get(newSlot);
    if (!ranks) {
      ranks = { before: rankAmong(oldSlot, new Set(newSlot)), after: rankAmong(newSlot, new Set(oldSlot)) };
      byNew.set(newSlot, ranks);
    }
    return ranks;
  }
}

function rankAmong(ids: readonly string[], keep: ReadonlySet<string>): Map<string, number> {
  return new Map(ids.filter((id) => keep.has(id)).map((id, i) => [id, i]));
}

function modification(old: Unit, unit: Unit): Pick<ComparisonChange, 'redline' | 'notes'> | null {
  if (old.inline === unit.inline || (old.inline && unit.inline && old.inline.eq(unit.inline))) return null;
  const a = wordingOf(inlineOf(old));
  const b = wordingOf(inlineOf(unit));
  if (sameWording(a, b)) return null;
  const { redline, notes } = redlineOf(a, b);
  return { redline, notes };
}

/**
 * A deletion is listed where it stood: after the nearest unit before it that is still in the same
 * place (its box for a paragraph, its paragraph for a sub-paragraph), or first there when none is.
 */
function whereItStood(unit: Unit, before: Units, after: Units, firstInBox: ReadonlyMap<string, number>): Placed['at'] {
  const scope = (u: Unit): string => (unit.kind === 'paragraph' ? u.boxKey : (u.paragraphId ?? u.id));
  const home = unit.kind === 'paragraph' ? unit.boxKey : unit.paragraphId!;
  let outside: number | null = null;
  for (let k = unit.index - 1; k >= 0; k--) {
    const earlier = before.list[k]!;
    const now = common(earlier, after);
    if (scope(earlier) !== home) {
      // Past the start of its box: remember where the text before it is, in case its box is gone.
      if (now && outside === null) outside = now.index;
      if (unit.kind === 'subparagraph' || outside !== null) break;
      continue;
    }
    if (now && scope(now) === home) return [now.index, 1, unit.index];
  }
  // A sub-paragraph's paragraph is still there (else it folded into the paragraph's deletion).
  const first = unit.kind === 'paragraph' ? firstInBox.get(home) : after.byId.get(home)?.index;
  if (first !== undefined) return [first, -1, unit.index];
  return [outside ?? -1, 1, unit.index];
}

function firstUnitOfEachBox(units: Units): Map<string, number> {
  const first = new Map<string, number>();
  for (const unit of units.list) if (!first.has(unit.boxKey)) first.set(unit.boxKey, unit.index);
  return first;
}

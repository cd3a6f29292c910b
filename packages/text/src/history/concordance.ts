/** Old labels to new: the table that goes with a renumbered text, and any id's citation. */
import type { Node } from 'prosemirror-model';
import type { ConcordanceRow } from './types.js';
import { unitsOf } from './units.js';

/**
 * Every paragraph and sub-paragraph of `after`, in its reading order, with its citation in `before`
 * (or in `after` when `before` did not have it: new since, so nothing to look up).
 */
export function concordance(before: Node, after: Node): ConcordanceRow[] {
  const then = labelsOf(before);
  return unitsOf(after).list.map((unit) => {
    const to = unit.label.citation;
    const from = then.get(unit.id) ?? to;
    return { paragraphId: unit.id, kind: unit.kind, from, to, changed: from !== to };
  });
}

/** Paragraph and sub-paragraph id → its citation ("Box III(2bis)(a)"). */
export function labelsOf(doc: Node): Map<string, string> {
  return new Map(unitsOf(doc).list.map((unit) => [unit.id, unit.label.citation]));
}

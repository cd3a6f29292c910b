import type { ComparisonChange, Revision } from '@accord/contract';
import { formatDate } from '../labels';

/** A point the pickers offer: a revision, or the text now. */
export interface RefChoice {
  ref: string;
  label: string;
}

/** Revisions oldest first, then Now; a `seq:<n>` asked for in the address is offered too, in its place. */
export function refChoices(revisions: readonly Revision[], asked: readonly string[]): RefChoice[] {
  const choices: RefChoice[] = revisions.map((r) => ({ ref: r.id, label: r.statusDate ? `${r.label} of ${formatDate(r.statusDate)}` : r.label }));
  for (const ref of asked) {
    const seq = /^seq:(\d+)$/.exec(ref);
    if (seq && !choices.some((c) => c.ref === ref)) choices.push({ ref, label: `After change ${seq[1]}` });
  }
  choices.push({ ref: 'current', label: 'Now' });
  return choices;
}

/** The changes grouped by box, in the order the server gave them (the `to` text's). */
export function changesByBox(changes: readonly ComparisonChange[]): { box: string; changes: ComparisonChange[] }[] {
  const groups: { box: string; changes: ComparisonChange[] }[] = [];
  for (const change of changes) {
    const last = groups.at(-1);
    if (last?.box === change.box) last.changes.push(change);
    else groups.push({ box: change.box, changes: [change] });
  }
  return groups;
}

/**
 * Whether a paragraph can be put back as it was on the `from` side: only from a revision, onto the
 * text now, and only a paragraph that side had (an insertion has nothing to go back to; a new label
 * follows from the numbering and is not restored).
 */
export function restorable(change: ComparisonChange): boolean {
  return change.kind !== 'inserted' && change.kind !== 'relabelled';
}

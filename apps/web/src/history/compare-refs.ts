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
 * One paragraph's changes of several kinds (relabelled and modified, moved and status…) together, for
 * one card. The server lists them one after another, in the same place of the text; a paragraph and a
 * sub-paragraph that share an id are different units, so they stay apart.
 */
export function changesByParagraph(changes: readonly ComparisonChange[]): ComparisonChange[][] {
  const groups: ComparisonChange[][] = [];
  for (const change of changes) {
    const last = groups.at(-1);
    const first = last?.[0];
    if (last && first?.paragraphId === change.paragraphId && first.blockKind === change.blockKind) last.push(change);
    else groups.push([change]);
  }
  return groups;
}

/**
 * Whether restoring a paragraph as it was on the `from` side undoes this change: its wording, status
 * or presence. An insertion has nothing to go back to; a label follows from the numbering; and a
 * restore puts a paragraph still in the text back in place, so it would not undo a move.
 */
export function restorable(change: ComparisonChange): boolean {
  return change.kind === 'modified' || change.kind === 'deleted' || change.kind === 'status';
}

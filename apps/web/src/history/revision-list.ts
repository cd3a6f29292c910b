import type { Revision } from '@accord/contract';

/** Puts a revision the server sent in place of its copy, the list kept oldest first (by log position). */
export function upsertRevision(revisions: readonly Revision[], revision: Revision): Revision[] {
  const others = revisions.filter((r) => r.id !== revision.id);
  return [...others, revision].toSorted((a, b) => a.seq - b.seq || a.createdAt.localeCompare(b.createdAt));
}

/** The revision named just before `revision`, if any. */
export function previousRevision(revisions: readonly Revision[], revision: Revision): Revision | null {
  const index = revisions.findIndex((r) => r.id === revision.id);
  return index > 0 ? revisions[index - 1]! : null;
}

/** "Rev.2" after "Rev.1"; "Rev.1" for the first; nothing when the last label does not end in a number. */
export function nextLabel(labels: readonly string[]): string {
  const last = labels.at(-1);
  if (last === undefined) return 'Rev.1';
  const match = /^(.*?)(\d+)$/.exec(last);
  return match ? `${match[1]}${Number(match[2]) + 1}` : '';
}

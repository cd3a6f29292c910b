import { type Amendment, type AmendmentStatus, amendmentStatusLabels, type DiffPart, type Supporter } from '@accord/contract';

/**
 * The amendments as the panel, the markers and the compilation read them: which are still open,
 * which paragraph has how many, and how their supporters are written out. Pure, so it is tested alone.
 */

/** Submitted, or waiting for the chair after the paragraph changed under it: not yet decided. */
export function isOpen(status: AmendmentStatus): boolean {
  return status === 'submitted' || status === 'conflict';
}

export type StatusFilter = 'open' | 'decided' | 'all';

export interface AmendmentFilter {
  status: StatusFilter;
  /** One paragraph or sub-paragraph by id, or the whole document. */
  blockId: string | null;
}

export const defaultFilter: AmendmentFilter = { status: 'open', blockId: null };

export function filterAmendments(amendments: readonly Amendment[], filter: AmendmentFilter): Amendment[] {
  return amendments.filter(
    (a) =>
      (filter.blockId === null || a.paragraphId === filter.blockId) &&
      (filter.status === 'all' || (filter.status === 'open') === isOpen(a.status)),
  );
}

/** Open amendments per paragraph or sub-paragraph id: the markers in the text. */
export function openCounts(amendments: readonly Amendment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of amendments) if (isOpen(a.status)) counts.set(a.paragraphId, (counts.get(a.paragraphId) ?? 0) + 1);
  return counts;
}

/**
 * In the order of their paragraphs in the text (positions from the editor), then oldest first;
 * amendments to paragraphs no longer in the text come last.
 */
export function orderAmendments(amendments: readonly Amendment[], positions: ReadonlyMap<string, number>): Amendment[] {
  const key = (a: Amendment) => positions.get(a.paragraphId) ?? Number.MAX_SAFE_INTEGER;
  return amendments.toSorted((a, b) => key(a) - key(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Replaces an amendment by id (a live event or an answer), or adds it. */
export function upsertAmendment(amendments: readonly Amendment[], amendment: Amendment): Amendment[] {
  const index = amendments.findIndex((a) => a.id === amendment.id);
  if (index < 0) return [...amendments, amendment];
  const next = [...amendments];
  next[index] = amendment;
  return next;
}

const supporterName = (s: Supporter) => `${s.affiliation}${s.you ? ' (yours)' : ''}`;

/**
 * Who supports, in an attributed dialogue: "Arandia (co-sponsor), Veloria; endorsed by Humanity
 * Watch". Delegations first, co-sponsors marked; the viewer's own delegation says so. Under the
 * Chatham House Rule the server sends no list, and nothing is written here.
 */
export function supporterNames(list: readonly Supporter[] | undefined): string | null {
  if (!list || list.length === 0) return null;
  const governments = list.filter((s) => s.kind !== 'endorse').map((s) => (s.kind === 'cosponsor' ? `${supporterName(s)} (co-sponsor)` : supporterName(s)));
  const organizations = list.filter((s) => s.kind === 'endorse').map(supporterName);
  const parts: string[] = [];
  if (governments.length > 0) parts.push(`supported by ${governments.join(', ')}`);
  if (organizations.length > 0) parts.push(`endorsed by ${organizations.join(', ')}`);
  return parts.join('; ');
}

/** The summary as a sentence's start: "Supported by 2 governments…", "No support yet". */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface RedlineRun {
  op: DiffPart['op'];
  text: string;
}

/**
 * A diff ready to draw: empty parts dropped and neighbours of one kind joined, so that each change
 * is one <ins> or <del> (a screen reader announces "insertion" once per change, not per word).
 */
export function redlineRuns(parts: readonly DiffPart[]): RedlineRun[] {
  const runs: RedlineRun[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = runs.at(-1);
    if (last && last.op === part.op) last.text += part.text;
    else runs.push({ op: part.op, text: part.text });
  }
  return runs;
}

/** Whether a diff changes anything: a proposal identical to the current wording does not. */
export function changesAnything(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.op !== 'equal' && p.text.trim() !== '');
}

const statusOrder: AmendmentStatus[] = ['submitted', 'conflict', 'accepted', 'rejected', 'withdrawn'];

/** The compilation's totals in the order of the lifecycle: "2 submitted, 1 accepted"; "no amendments yet". */
export function totalsText(totals: Partial<Record<AmendmentStatus, number>>): string {
  const parts = statusOrder.filter((s) => (totals[s] ?? 0) > 0).map((s) => `${totals[s]} ${amendmentStatusLabels[s].toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'no amendments yet';
}

import type { ComparisonKind, ComparisonSummary, HistoryAuthor, HistorySource } from '@accord/contract';

/** What made an entry of the timeline, in the room's words; typing needs no badge. */
export const sourceLabels: Readonly<Record<HistorySource, string | null>> = {
  initial: 'Created',
  amendment: 'Amendment accepted',
  restore: 'Restore',
  renumber: 'Renumbered',
  edit: null,
};

export const kindLabels: Readonly<Record<ComparisonKind, string>> = {
  inserted: 'Inserted',
  deleted: 'Deleted',
  moved: 'Moved',
  modified: 'Modified',
  relabelled: 'Relabelled',
  status: 'Status',
};

// Written here rather than taken from @accord/text, which would bring the whole text model to the compare page.
const statusWords: Readonly<Record<string, string>> = {
  under_negotiation: 'Under negotiation',
  agreed_ad_ref: 'Agreed ad ref',
  agreed: 'Agreed',
};

/** A paragraph status in words; one the interface does not know is shown as the server sent it. */
export function statusText(status: string | undefined): string {
  if (!status) return '—';
  return statusWords[status] ?? status;
}

/** How many changes a comparison counts, whatever their kind. */
export function changeCount(summary: Pick<ComparisonSummary, ComparisonKind>): number {
  return summary.inserted + summary.deleted + summary.moved + summary.modified + summary.relabelled + summary.status;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const steps: [limit: number, size: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86_400, 3600, 'hour'],
  [7 * 86_400, 86_400, 'day'],
  [30 * 86_400, 7 * 86_400, 'week'],
  [365 * 86_400, 30 * 86_400, 'month'],
  [Infinity, 365 * 86_400, 'year'],
];

/** "5 minutes ago", "yesterday": how long ago `iso` was, as of `now`. Under a minute is "just now". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Math.abs(seconds) < 60) return 'just now';
  for (const [limit, size, unit] of steps) {
    if (Math.abs(seconds) < limit) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / (365 * 86_400)), 'year');
}

/** Today in the reader's time zone, as a revision's status date is written (YYYY-MM-DD). */
const pad = (n: number) => String(n).padStart(2, '0');

export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Who made a change, exactly as the server sent them: under the Chatham House Rule that is a category
 * alone, for every viewer, and nothing here looks a name up elsewhere. The viewer's own changes say so.
 */
export function historyAuthorText(author: HistoryAuthor): string {
  const who = author.name ? (author.affiliation ? `${author.name}, ${author.affiliation}` : author.name) : author.category;
  return author.you ? `${who} (you)` : who;
}

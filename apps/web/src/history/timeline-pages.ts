import type { HistoryEntry, HistoryPage } from '@accord/contract';

/** The timeline as shown: pages joined, newest first, with the cursor of the next older page. */
export interface Timeline {
  entries: HistoryEntry[];
  next: string | null;
  /** The log position when the newest page was read. */
  seq: number;
}

/** An older page goes after what is shown; an entry both pages hold (the log grew meanwhile) is kept once. */
export function appendOlder(timeline: Timeline, page: HistoryPage): Timeline {
  const oldest = timeline.entries.at(-1)?.fromSeq ?? Infinity;
  return { entries: [...timeline.entries, ...page.entries.filter((e) => e.toSeq < oldest)], next: page.next, seq: timeline.seq };
}

/**
 * A fresh newest page over what is shown: the newest entry may have grown (its author kept typing),
 * so the fresh page wins where the two overlap, and the older pages already read are kept below it.
 * When they do not overlap (more happened than one page holds), the older pages are dropped: a gap
 * would read as if nothing happened in between.
 */
export function mergeNewest(timeline: Timeline | null, page: HistoryPage): Timeline {
  const fresh: Timeline = { entries: page.entries, next: page.next, seq: page.seq };
  if (!timeline || page.next === null || page.entries.length === 0 || timeline.entries.length === 0) return fresh;
  const oldestFresh = Math.min(...page.entries.map((e) => e.fromSeq));
  if (oldestFresh > timeline.entries[0]!.toSeq) return fresh;
  const kept = timeline.entries.filter((e) => e.toSeq < oldestFresh);
  if (kept.length === 0) return fresh;
  return { entries: [...page.entries, ...kept], next: timeline.next, seq: page.seq };
}

/**
 * The positions the slider steps through, oldest first: the text after each entry shown, and the
 * current text last.
 */
export function stepPositions(entries: readonly HistoryEntry[], current: number): number[] {
  const positions = new Set(entries.map((e) => e.toSeq).filter((seq) => seq > 0 && seq <= current));
  positions.add(current);
  return [...positions].toSorted((a, b) => a - b);
}

import type { CommentAudience, Thread } from '@accord/contract';
import { computeLabels, N } from '@accord/text';
import type { Node } from '@tiptap/pm/model';

/**
 * Where a thread sits in the rolling text, in the words delegations cite ("Box II(1)(a)"), and the
 * order the panel lists threads in: the order of their paragraphs in the text, not of their writing.
 */

export interface Place {
  /** The node's position in the document: the reading order. */
  pos: number;
  citation: string;
  /** The box the node is in, for the outline's counts. */
  boxId: string | null;
}

/** Every node a thread can be anchored to (paragraph, sub-paragraph, footnote), by its permanent id. */
export function placesOf(doc: Node): Map<string, Place> {
  const places = new Map<string, Place>();
  const labels = computeLabels(doc);
  for (const label of labels.list) {
    if (label.kind === 'box' || label.id === null || places.has(label.id)) continue;
    places.set(label.id, { pos: label.pos, citation: label.citation, boxId: label.boxId });
  }
  // Footnotes are cited from where they stand: "Box II(1), footnote 2".
  let footnote = 0;
  let within: Place | null = null;
  doc.descendants((node, pos) => {
    const label = labels.atPos.get(pos);
    if (label && label.kind !== 'box') within = { pos, citation: label.citation, boxId: label.boxId };
    if (node.type.name !== N.footnote) return true;
    footnote++;
    const id: unknown = node.attrs.id;
    if (typeof id === 'string' && id !== '' && !places.has(id)) {
      places.set(id, { pos, citation: `${within?.citation ?? 'Text'}, footnote ${footnote}`, boxId: within?.boxId ?? null });
    }
    return false;
  });
  return places;
}

/** Where a thread's words are in the text as this editor has it now: it may differ from the server's last word. */
export interface LocalPlace {
  paragraphId: string;
  /** Where the words start in the paragraph's text. */
  offset: number;
}

export type LocalPlaces = ReadonlyMap<string, LocalPlace>;

/** The paragraph a thread is on: where the editor last found its words, else where the server said. */
export function paragraphOf(thread: Thread, local?: LocalPlaces): string {
  return local?.get(thread.id)?.paragraphId ?? thread.anchor.paragraphId;
}

/** In the order of their paragraphs, and within one paragraph of their words; unknown paragraphs last. */
export function orderThreads(threads: readonly Thread[], places: ReadonlyMap<string, Place>, local?: LocalPlaces): Thread[] {
  const key = (thread: Thread) => places.get(paragraphOf(thread, local))?.pos ?? Number.MAX_SAFE_INTEGER;
  return threads.toSorted(
    (a, b) =>
      key(a) - key(b) ||
      (local?.get(a.id)?.offset ?? 0) - (local?.get(b.id)?.offset ?? 0) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

export type StatusFilter = 'open' | 'resolved' | 'all';
export type AudienceFilter = CommentAudience | 'all';

export interface ThreadFilter {
  status: StatusFilter;
  audience: AudienceFilter;
}

export const defaultFilter: ThreadFilter = { status: 'open', audience: 'all' };

export function filterThreads(threads: readonly Thread[], filter: ThreadFilter): Thread[] {
  return threads.filter(
    (t) => (filter.status === 'all' || t.status === filter.status) && (filter.audience === 'all' || t.audience === filter.audience),
  );
}

/** Open threads per box id, for the outline (whatever the panel's filter: the outline is the whole text). */
export function openThreadsByBox(threads: readonly Thread[], places: ReadonlyMap<string, Place>, local?: LocalPlaces): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.status !== 'open') continue;
    const box = places.get(paragraphOf(thread, local))?.boxId;
    if (box) counts.set(box, (counts.get(box) ?? 0) + 1);
  }
  return counts;
}

/** Replaces a thread by id (a live event or an answer), or adds it; threads are never dropped here. */
export function upsertThread(threads: readonly Thread[], thread: Thread): Thread[] {
  const index = threads.findIndex((t) => t.id === thread.id);
  if (index < 0) return [...threads, thread];
  const next = [...threads];
  next[index] = thread;
  return next;
}

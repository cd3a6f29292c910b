/**
 * The timeline: the log's editing sessions, newest first, as one viewer may see them. Each entry
 * names the paragraphs it touched by the labels they had then (numbers change only when the chair
 * renumbers or restores), the amendments accepted and the revisions named in its span.
 */
import { type AuthorCategory, HISTORY_SESSION_GAP_MS, type HistoryAuthor, type HistoryEntry, type HistoryPage, type HistorySource, type historyQuery } from '@accord/contract';
import { computeLabels } from '@accord/text';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import { fieldError } from '../common/app-error.js';
import { type HistoryContext, HistoryContexts, type People } from './history-context.js';
import { HistoryIndex, type IndexedEntry } from './history-index.js';
import { HistoryRepository, type StoredRevision } from './history.repository.js';
import { type TextState, TextAtReader } from './text-at.js';

const DEFAULT_PAGE = 30;
/** Texts read to label paragraphs an entry deleted (the labels they had before it), per page at most. */
const MAX_LABEL_FALLBACKS = 8;

/** An entry as shown: sessions merged under the Chatham House Rule carry the author they are shown with. */
type ShownEntry = IndexedEntry & { author?: HistoryAuthor };

interface Labelling {
  citation: Map<string, string>;
  order: Map<string, number>;
}

@Injectable()
export class HistoryService {
  /** Labels by document and position: a past position's never change. */
  private readonly labellings = new LRUCache<string, Labelling>({ max: 128 });

  constructor(
    private readonly contexts: HistoryContexts,
    private readonly index: HistoryIndex,
    private readonly repository: HistoryRepository,
    private readonly texts: TextAtReader,
  ) {}

  async timeline(userId: string, dialogueId: string, documentId: string, query: z.output<typeof historyQuery>): Promise<HistoryPage> {
    const context = await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    if (query.memberId !== undefined && context.mode === 'chatham_house') {
      throw fieldError('memberId', 'is not available under the Chatham House Rule: filter by category instead');
    }
    // Copies: the index's newest entry keeps growing while this page is put together.
    const revisions = await this.repository.listRevisions(documentId);
    const named = new Set(revisions.map((r) => r.seq));
    const all = (await this.index.entries(documentId, named)).map((entry) => ({ ...entry, touched: new Set(entry.touched) }));
    const seq = all.at(-1)?.toSeq ?? 0;
    const people = await this.contexts.people(
      context,
      all.map((e) => e.userId),
    );
    const shown = sessionsAsShown(all, people, context, query, named);
    const cursor = query.cursor === undefined ? Number.POSITIVE_INFINITY : Number(query.cursor);
    const older = shown.filter((e) => e.toSeq < cursor);
    const page = older.slice(-(query.limit ?? DEFAULT_PAGE)).toReversed();
    const next = older.length > page.length ? String(page.at(-1)!.fromSeq) : null;
    const entries = await this.describe(context, all, page, people, revisions, seq);
    return { entries, next, seq };
  }

  private async describe(context: HistoryContext, all: IndexedEntry[], page: ShownEntry[], people: People, revisions: StoredRevision[], seq: number): Promise<HistoryEntry[]> {
    const amendmentIds = page.flatMap((e) => (e.source?.startsWith('amendment:') ? [e.source.slice('amendment:'.length)] : []));
    const amendments = new Map((await this.repository.amendmentLabels(context.documentId, amendmentIds)).map((a) => [a.id, a]));
    // Where labels may have changed: after a renumbering or a restore. Between two of them a
    // paragraph keeps its label, so one reading labels every entry in between.
    const relabelled = all.filter((e) => relabels(e.source)).map((e) => e.toSeq);
    let fallbacks = 0;
    const described: HistoryEntry[] = [];
    for (const entry of page) {
      const epochEnd = relabels(entry.source) ? entry.toSeq : (relabelled.find((b) => b > entry.toSeq) ?? seq + 1) - 1;
      // The newest epoch is labelled from the text now (its labels are the same, and the live
      // document is at hand), not from the last stored position, which typing moves on constantly.
      const labelling = epochEnd >= seq ? await this.labellingNow(context.documentId) : await this.labelling(context.documentId, epochEnd);
      let before: Labelling | null = null;
      const paragraphs = [...entry.touched].map((paragraphId) => {
        let label = labelling.citation.get(paragraphId) ?? null;
        if (label === null && before) label = before.citation.get(paragraphId) ?? null;
        return { paragraphId, label, order: labelling.order.get(paragraphId) ?? before?.order.get(paragraphId) ?? Number.MAX_SAFE_INTEGER };
      });
      if (paragraphs.some((p) => p.label === null) && entry.fromSeq > 1 && fallbacks < MAX_LABEL_FALLBACKS) {
        // Deleted in or after the entry: labelled as it stood just before the entry.
        fallbacks++;
        before = await this.labelling(context.documentId, entry.fromSeq - 1);
        for (const p of paragraphs) {
          if (p.label !== null) continue;
          p.label = before.citation.get(p.paragraphId) ?? null;
          p.order = before.order.get(p.paragraphId) ?? p.order;
        }
      }
      paragraphs.sort((a, b) => a.order - b.order);
      const amendment = entry.source?.startsWith('amendment:') ? amendments.get(entry.source.slice('amendment:'.length)) : undefined;
      described.push({
        fromSeq: entry.fromSeq,
        toSeq: entry.toSeq,
        from: entry.from.toISOString(),
        to: entry.to.toISOString(),
        updates: entry.updates,
        author: entry.author ?? people(entry.userId, entry.role),
        source: sourceKind(entry.source),
        paragraphs: paragraphs.map(({ paragraphId, label }) => ({ paragraphId, label })),
        amendments: amendment ? [{ id: amendment.id, label: amendment.label, kind: amendment.kind }] : [],
        revisions: revisions.filter((r) => r.seq >= entry.fromSeq && r.seq <= entry.toSeq).map((r) => ({ id: r.id, label: r.label })),
      });
    }
    return described;
  }

  private async labellingNow(documentId: string): Promise<Labelling> {
    const now = await this.texts.current(documentId);
    return this.labelled(`${documentId}:${now.seq}`, now.text);
  }

  private async labelling(documentId: string, seq: number): Promise<Labelling> {
    const key = `${documentId}:${seq}`;
    return this.labellings.get(key) ?? this.labelled(key, seq === 0 ? null : await this.texts.at(documentId, seq));
  }

  private labelled(key: string, text: TextState): Labelling {
    const kept = this.labellings.get(key);
    if (kept) return kept;
    const labelling: Labelling = { citation: new Map(), order: new Map() };
    if (text) {
      computeLabels(text).list.forEach((label, i) => {
        if (label.id === null || label.kind === 'box' || labelling.citation.has(label.id)) return;
        labelling.citation.set(label.id, label.citation);
        labelling.order.set(label.id, i);
      });
    }
    this.labellings.set(key, labelling);
    return labelling;
  }
}

function relabels(source: string | null): boolean {
  return source !== null && (source.startsWith('renumber:') || source.startsWith('restore:'));
}

function sourceKind(source: string | null): HistorySource {
  if (source === null) return 'edit';
  if (source === 'initial') return 'initial';
  const kind = source.slice(0, source.indexOf(':'));
  return kind === 'amendment' || kind === 'restore' || kind === 'renumber' ? kind : 'edit';
}

/**
 * The entries a viewer sees, oldest first, after the filters. Under the Chatham House Rule two
 * members of one category editing one after the other read as one session: an entry boundary would
 * otherwise tell that someone else took over. Sessions are merged before filtering, so a filter
 * never splits a merged session and shows where one person's part ended.
 */
function sessionsAsShown(entries: IndexedEntry[], people: People, context: HistoryContext, query: z.output<typeof historyQuery>, named: ReadonlySet<number>): ShownEntry[] {
  const categoryOf = (e: ShownEntry): AuthorCategory | 'Former member' => e.author?.category ?? people(e.userId, e.role).category;
  let shown: ShownEntry[] = context.mode === 'chatham_house' ? mergedByCategory(entries, categoryOf, named) : entries;
  if (query.paragraphId !== undefined) shown = shown.filter((e) => e.touched.has(query.paragraphId!));
  if (query.category !== undefined) shown = shown.filter((e) => categoryOf(e) === query.category);
  if (query.memberId !== undefined) shown = shown.filter((e) => e.userId === query.memberId);
  return shown;
}

/** Adjacent sessions in the log by members of one category, with no pause or revision between them, as one. */
function mergedByCategory(entries: IndexedEntry[], categoryOf: (e: ShownEntry) => AuthorCategory | 'Former member', named: ReadonlySet<number>): ShownEntry[] {
  const merged: ShownEntry[] = [];
  for (const entry of entries) {
    const last = merged.at(-1);
    if (
      last &&
      last.source === null &&
      entry.source === null &&
      last.toSeq + 1 === entry.fromSeq &&
      !named.has(last.toSeq) &&
      categoryOf(last) === categoryOf(entry) &&
      entry.from.getTime() - last.to.getTime() < HISTORY_SESSION_GAP_MS
    ) {
      last.toSeq = entry.toSeq;
      last.to = entry.to;
      last.updates += entry.updates;
      for (const id of entry.touched) last.touched.add(id);
      // Two people's session is no one's in particular, not even the viewer's.
      if (last.userId !== entry.userId) last.author = { category: categoryOf(entry), you: false };
      continue;
    }
    merged.push({ ...entry, touched: new Set(entry.touched) });
  }
  return merged;
}

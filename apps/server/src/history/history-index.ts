/**
 * A document's log grouped into editing sessions, the timeline's entries: one author's updates in
 * one role, with no pause of HISTORY_SESSION_GAP_MS or more between them; a change the server wrote (an accepted
 * amendment, a restore, a renumbering, the first content) is an entry of its own, and an entry ends
 * where a revision was named, so "the text after this entry" is the revision's text. Built from the
 * log's metadata (never its bytes), kept in memory and in the database (history_sessions): the log
 * is append-only, so an index only ever reads the rows after the last one it saw, and the newest
 * entry is the only one that still grows. A restarted server reads the kept sessions, not the log.
 */
import { HISTORY_SESSION_GAP_MS } from '@accord/contract';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LRUCache } from 'lru-cache';
import type { MemberRole } from '@accord/contract';
import { KeyedQueue } from '../common/keyed-queue.js';
import { LOGGER } from '../common/tokens.js';
import { HistoryRepository, type LogEntryRow, type StoredSession } from './history.repository.js';

export interface IndexedEntry {
  fromSeq: number;
  toSeq: number;
  from: Date;
  to: Date;
  userId: string;
  /** The author's role in the dialogue then (null for rows stored before the history existed). */
  role: MemberRole | null;
  /** The raw source of its rows: null for typing, "initial", "amendment:<id>", "restore:<id>", "renumber:<id>". */
  source: string | null;
  updates: number;
  /** Every paragraph and sub-paragraph id its updates touched. */
  touched: Set<string>;
}

interface DocumentIndex {
  entries: IndexedEntry[];
  /** The last log row read into `entries`. */
  seq: number;
}

/** Documents whose index is kept; the least recently read goes first. */
const KEPT_INDEXES = 32;

@Injectable()
export class HistoryIndex {
  private readonly indexes = new LRUCache<string, DocumentIndex>({ max: KEPT_INDEXES });
  /** One catch-up per document at a time: two readers never append the same rows twice. */
  private readonly catchUps = new KeyedQueue();

  constructor(
    private readonly repository: HistoryRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The sessions a server kept before (this one, or another): the index without reading the log. */
  private async kept(documentId: string): Promise<DocumentIndex> {
    const entries = (await this.repository.sessions(documentId)).map(indexed);
    return { entries, seq: entries.at(-1)?.toSeq ?? 0 };
  }

  /**
   * Every entry of the document up to its last stored update, oldest first. `revisions` are the log
   * positions revisions were named at: no entry runs across one.
   */
  entries(documentId: string, revisions: ReadonlySet<number>): Promise<readonly IndexedEntry[]> {
    return this.catchUps.run(documentId, async () => {
      let index = this.indexes.get(documentId) ?? (await this.kept(documentId));
      // A revision named while its entry was being indexed (the index read rows past its position
      // before the revision's row was stored): the index is rebuilt once, with the boundary.
      const named = [...revisions];
      if (index.entries.some((e) => named.some((at) => at >= e.fromSeq && at < e.toSeq))) {
        await this.repository.forgetSessions(documentId);
        index = { entries: [], seq: 0 };
      }
      // The newest entry may grow; every entry after it is new: those are what to keep.
      const changedFrom = Math.max(0, index.entries.length - 1);
      const before = index.seq;
      for (;;) {
        const rows = await this.repository.logRows(documentId, index.seq);
        for (const row of rows) add(index.entries, row, revisions);
        if (rows.length > 0) index.seq = rows.at(-1)!.seq;
        if (rows.length < this.repository.logChunk) break;
      }
      this.indexes.set(documentId, index);
      if (index.seq > before) {
        // Keeping them only spares the next server a read of the log: the answer does not wait on it.
        this.repository.keepSessions(documentId, index.entries.slice(changedFrom).map(stored)).catch((error: unknown) => {
          this.logger.warn({ err: error, documentId }, 'the timeline sessions could not be kept; the next server reads the log again');
        });
      }
      return index.entries;
    });
  }
}

/** An entry as read back from history_sessions. */
function indexed(session: StoredSession): IndexedEntry {
  const { startedAt, endedAt, touched, ...rest } = session;
  return { ...rest, from: startedAt, to: endedAt, touched: new Set(touched) };
}

/** An entry as history_sessions keeps it. */
function stored(entry: IndexedEntry): StoredSession {
  const { from, to, touched, ...rest } = entry;
  return { ...rest, startedAt: from, endedAt: to, touched: [...touched] };
}

/** Extends the newest entry with the row, or starts a new one. */
function add(entries: IndexedEntry[], row: LogEntryRow, revisions: ReadonlySet<number>): void {
  const last = entries.at(-1);
  if (last && !revisions.has(last.toSeq) && continues(last, row)) {
    last.toSeq = row.seq;
    last.to = row.createdAt;
    last.updates++;
    for (const id of row.touched ?? []) last.touched.add(id);
    return;
  }
  entries.push({
    fromSeq: row.seq,
    toSeq: row.seq,
    from: row.createdAt,
    to: row.createdAt,
    userId: row.userId,
    role: row.role,
    source: row.source,
    updates: 1,
    touched: new Set(row.touched ?? []),
  });
}

function continues(entry: IndexedEntry, row: LogEntryRow): boolean {
  return (
    entry.source === null &&
    row.source === null &&
    entry.userId === row.userId &&
    entry.role === row.role &&
    entry.toSeq + 1 === row.seq &&
    row.createdAt.getTime() - entry.to.getTime() < HISTORY_SESSION_GAP_MS
  );
}

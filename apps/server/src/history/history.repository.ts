import { type Database, type MemberRole, amendments, documentUpdates, historySessions, revisions, users } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';
import { INITIAL_CONTENT_CONNECTION_ID } from '../collab/document-log.repository.js';

export type StoredRevision = typeof revisions.$inferSelect;
export type NewRevision = typeof revisions.$inferInsert;

/** One row of the log as the timeline reads it: who, when, what made it, what it touched; never the bytes. */
export interface LogEntryRow {
  seq: number;
  userId: string;
  createdAt: Date;
  /** "amendment:<id>", "restore:<id>", "renumber:<id>", "initial" for the first content, or null for typing. */
  source: string | null;
  touched: string[] | null;
  /** The author's role then; null for rows stored before the history existed. */
  role: MemberRole | null;
}

/** How many log rows one read of the timeline's index takes at a time. */
const LOG_CHUNK = 10_000;
/** Sessions written per statement (each takes ten parameters; a statement takes at most 65,535). */
const SESSIONS_PER_STATEMENT = 1_000;

/** A session of the timeline as kept (history-index.ts). */
export interface StoredSession {
  fromSeq: number;
  toSeq: number;
  userId: string;
  role: MemberRole | null;
  source: string | null;
  startedAt: Date;
  endedAt: Date;
  updates: number;
  touched: string[];
}

/** The SQL of the history: the log's metadata, and named revisions. */
@Injectable()
export class HistoryRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Log rows after `afterSeq`, oldest first, at most one chunk. */
  logRows(documentId: string, afterSeq: number): Promise<LogEntryRow[]> {
    return this.db
      .select({
        seq: documentUpdates.seq,
        userId: documentUpdates.userId,
        createdAt: documentUpdates.createdAt,
        source: sql<string | null>`case when ${documentUpdates.connectionId} = ${INITIAL_CONTENT_CONNECTION_ID} then 'initial' else ${documentUpdates.source} end`,
        touched: documentUpdates.touched,
        role: documentUpdates.authorRole,
      })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, afterSeq)))
      .orderBy(asc(documentUpdates.seq))
      .limit(LOG_CHUNK);
  }

  get logChunk(): number {
    return LOG_CHUNK;
  }

  /** The sessions kept for a document, oldest first. */
  async sessions(documentId: string): Promise<StoredSession[]> {
    const rows = await this.db.select().from(historySessions).where(eq(historySessions.documentId, documentId)).orderBy(asc(historySessions.fromSeq));
    return rows.map(({ documentId: _document, authorRole, ...row }) => ({ ...row, role: authorRole }));
  }

  /**
   * Keeps sessions, new or grown. A session only grows (the log is append-only), so a stored one is
   * replaced only by a longer one: two servers keeping the same document's sessions never shrink one.
   */
  async keepSessions(documentId: string, sessions: StoredSession[]): Promise<void> {
    for (let i = 0; i < sessions.length; i += SESSIONS_PER_STATEMENT) {
      const chunk = sessions.slice(i, i + SESSIONS_PER_STATEMENT);
      await this.db
        .insert(historySessions)
        .values(chunk.map(({ role, ...session }) => ({ ...session, documentId, authorRole: role })))
        .onConflictDoUpdate({
          target: [historySessions.documentId, historySessions.fromSeq],
          set: {
            toSeq: sql`excluded.to_seq`,
            endedAt: sql`excluded.ended_at`,
            updates: sql`excluded.updates`,
            touched: sql`excluded.touched`,
          },
          setWhere: lt(historySessions.toSeq, sql`excluded.to_seq`),
        });
    }
  }

  /** Forgets a document's sessions: they are grouped again from the log. */
  async forgetSessions(documentId: string): Promise<void> {
    await this.db.delete(historySessions).where(eq(historySessions.documentId, documentId));
  }

  /**
   * Null when the label is taken: the unique index decides between two servers naming one label at
   * once (one server's own requests are already queued one after another).
   */
  async insertRevision(row: NewRevision, db: Database = this.db): Promise<StoredRevision | null> {
    const [stored] = await db.insert(revisions).values(row).onConflictDoNothing().returning();
    return stored ?? null;
  }

  listRevisions(documentId: string): Promise<StoredRevision[]> {
    return this.db.select().from(revisions).where(eq(revisions.documentId, documentId)).orderBy(asc(revisions.seq), asc(revisions.createdAt));
  }

  async findRevision(documentId: string, revisionId: string): Promise<StoredRevision | null> {
    const [row] = await this.db
      .select()
      .from(revisions)
      .where(and(eq(revisions.documentId, documentId), eq(revisions.id, revisionId)));
    return row ?? null;
  }

  async labelTaken(documentId: string, label: string, db: Database = this.db): Promise<boolean> {
    const [row] = await db
      .select({ id: revisions.id })
      .from(revisions)
      .where(and(eq(revisions.documentId, documentId), sql`lower(${revisions.label}) = lower(${label})`));
    return row !== undefined;
  }

  /** Display names of users who are no longer members of the dialogue whose log names them. */
  userNames(ids: string[]): Promise<Array<{ id: string; name: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  }

  /** The amendments named by log rows ("amendment:<id>"), for the timeline to say what was accepted. */
  amendmentLabels(documentId: string, ids: string[]): Promise<Array<{ id: string; label: string; kind: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({ id: amendments.id, label: amendments.label, kind: amendments.kind })
      .from(amendments)
      .where(and(eq(amendments.documentId, documentId), inArray(amendments.id, ids)));
  }
}

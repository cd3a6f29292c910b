import {
  affiliations,
  commentRevisions,
  comments,
  commentThreads,
  type CommentRow,
  type CommentThreadRow,
  type Database,
  users,
} from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DATABASE } from '../common/tokens.js';
import type { audienceFilter } from '../dialogues/audience.js';

/** Who wrote something, as stored: enough for every way the serializer may show them. */
export interface StoredAuthor {
  name: string;
  affiliation: string | null;
}

export type StoredComment = CommentRow & { author: StoredAuthor };
export type StoredThread = CommentThreadRow & { author: StoredAuthor; comments: StoredComment[] };

export type NewThread = Pick<
  CommentThreadRow,
  'documentId' | 'audience' | 'authorId' | 'authorRole' | 'authorAffiliationId' | 'paragraphId' | 'quote' | 'anchorStart' | 'anchorEnd'
> &
  Partial<Pick<CommentThreadRow, 'createdAt'>>;
export type NewComment = Pick<CommentRow, 'threadId' | 'authorId' | 'authorRole' | 'authorAffiliationId' | 'body'> &
  Partial<Pick<CommentRow, 'createdAt'>>;

/** Where a thread's words are now, when that is not where they were stored. */
export interface AnchorMove {
  id: string;
  paragraphId: string;
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
}

const authorAffiliation = alias(affiliations, 'author_affiliation');

@Injectable()
export class CommentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * The threads of a document a member may see, with their comments, oldest first: two statements
   * whatever the count. Filtered in the query, so threads hidden from the member cost nothing to
   * read, and the time of the answer says nothing about how many there are.
   */
  async listThreads(documentId: string, viewer: ReturnType<typeof audienceFilter>): Promise<StoredThread[]> {
    const where = and(
      eq(commentThreads.documentId, documentId),
      or(
        inArray(commentThreads.audience, viewer.open),
        eq(commentThreads.authorId, viewer.userId),
        viewer.affiliationId === null
          ? undefined
          : and(eq(commentThreads.audience, 'delegation'), eq(commentThreads.authorAffiliationId, viewer.affiliationId)),
      ),
    );
    return this.withComments(await this.selectThreads(where), where);
  }

  async findThread(documentId: string, threadId: string, db: Database = this.db): Promise<StoredThread | undefined> {
    const where = and(eq(commentThreads.documentId, documentId), eq(commentThreads.id, threadId));
    return (await this.withComments(await this.selectThreads(where, db), where, db))[0];
  }

  async insertThread(thread: NewThread, db: Database): Promise<CommentThreadRow> {
    const [row] = await db.insert(commentThreads).values(thread).returning();
    return row!;
  }

  async insertComment(comment: NewComment, db: Database): Promise<CommentRow> {
    const [row] = await db.insert(comments).values(comment).returning();
    return row!;
  }

  /** False when the thread already had that status: of two requests racing, only one changes it. */
  async setStatus(threadId: string, status: 'open' | 'resolved', by: string | null, at: Date | null, db: Database): Promise<boolean> {
    const changed = await db
      .update(commentThreads)
      .set({ status, resolvedBy: by, resolvedAt: at })
      .where(and(eq(commentThreads.id, threadId), ne(commentThreads.status, status)))
      .returning({ id: commentThreads.id });
    return changed.length > 0;
  }

  /** Only the anchor moves: the quote, what the thread is about, never changes. */
  async moveAnchors(moves: AnchorMove[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const { id, ...anchor } of moves) await tx.update(commentThreads).set(anchor).where(eq(commentThreads.id, id));
    });
  }

  /**
   * The comment as it is now, locked until the transaction ends: two edits racing each other would
   * otherwise both keep the wording they first read, and the one in between would be lost.
   */
  async lockComment(commentId: string, db: Database): Promise<CommentRow | undefined> {
    const [row] = await db.select().from(comments).where(eq(comments.id, commentId)).for('update');
    return row;
  }

  /** A new wording; the one it replaces is kept in comment_revisions. */
  async editComment(comment: CommentRow, body: string, at: Date, db: Database): Promise<void> {
    await db.insert(commentRevisions).values({ commentId: comment.id, body: comment.body, replacedAt: at });
    await db.update(comments).set({ body, editedAt: at }).where(eq(comments.id, comment.id));
  }

  /** The row stays (the thread shows "deleted"); its wording is kept in comment_revisions. */
  async deleteComment(comment: CommentRow, at: Date, db: Database): Promise<void> {
    await db.insert(commentRevisions).values({ commentId: comment.id, body: comment.body, replacedAt: at });
    await db.update(comments).set({ deletedAt: at }).where(eq(comments.id, comment.id));
  }

  private async selectThreads(where: SQL | undefined, db: Database = this.db): Promise<Array<CommentThreadRow & { author: StoredAuthor }>> {
    const rows = await db
      .select({ thread: commentThreads, name: users.displayName, affiliation: authorAffiliation.name })
      .from(commentThreads)
      .innerJoin(users, eq(users.id, commentThreads.authorId))
      .leftJoin(authorAffiliation, eq(authorAffiliation.id, commentThreads.authorAffiliationId))
      .where(where)
      .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
    return rows.map((r) => ({ ...r.thread, author: { name: r.name, affiliation: r.affiliation } }));
  }

  /** The comments of the threads `where` selects: a subquery, not a list of thousands of ids. */
  private async withComments(
    threads: Array<CommentThreadRow & { author: StoredAuthor }>,
    where: SQL | undefined,
    db: Database = this.db,
  ): Promise<StoredThread[]> {
    if (threads.length === 0) return [];
    const rows = await db
      .select({ comment: comments, name: users.displayName, affiliation: authorAffiliation.name })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .leftJoin(authorAffiliation, eq(authorAffiliation.id, comments.authorAffiliationId))
      .where(inArray(comments.threadId, db.select({ id: commentThreads.id }).from(commentThreads).where(where)))
      .orderBy(asc(comments.createdAt), asc(comments.id));
    const byThread = new Map<string, StoredComment[]>(threads.map((t) => [t.id, []]));
    for (const r of rows) byThread.get(r.comment.threadId)?.push({ ...r.comment, author: { name: r.name, affiliation: r.affiliation } });
    return threads.map((t) => ({ ...t, comments: byThread.get(t.id) ?? [] }));
  }
}

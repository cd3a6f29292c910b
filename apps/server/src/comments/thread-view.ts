/**
 * The one serializer of comments: every path that sends a thread (the list, one thread, live
 * events) goes through `threadView`, so the Chatham House Rule is decided in one place. Under it,
 * an author is shown by category only; their name and affiliation reach nobody but themselves.
 */
import type { AttributionMode, Comment, MemberRole, Thread } from '@accord/contract';
import type { AudienceMember } from '../dialogues/audience.js';
import { personView } from '../dialogues/person-view.js';
import type { StoredAuthor, StoredThread } from './comments.repository.js';

export interface ResolvedAnchor {
  paragraphId: string;
  orphaned: boolean;
  start: string | null;
  end: string | null;
}

export interface ThreadPermissions {
  reply: boolean;
  resolve: boolean;
}

export function threadView(
  thread: StoredThread,
  viewer: AudienceMember,
  mode: AttributionMode,
  anchor: ResolvedAnchor,
  can: ThreadPermissions,
): Thread {
  const author = (id: string, role: MemberRole, stored: StoredAuthor) => personView(id, role, stored, viewer, mode);
  return {
    id: thread.id,
    documentId: thread.documentId,
    audience: thread.audience,
    status: thread.status,
    anchor: { paragraphId: anchor.paragraphId, quote: thread.quote, orphaned: anchor.orphaned, start: anchor.start, end: anchor.end },
    author: author(thread.authorId, thread.authorRole, thread.author),
    comments: thread.comments.map(
      (c): Comment => ({
        id: c.id,
        // A deleted comment's wording stays in the database for the audit trail and is never sent.
        body: c.deletedAt ? '' : c.body,
        author: author(c.authorId, c.authorRole, c.author),
        createdAt: c.createdAt.toISOString(),
        editedAt: c.deletedAt ? null : (c.editedAt?.toISOString() ?? null),
        deleted: c.deletedAt !== null,
      }),
    ),
    createdAt: thread.createdAt.toISOString(),
    resolvedAt: thread.resolvedAt?.toISOString() ?? null,
    can,
  };
}


/**
 * Who belongs to a comment's audience. One rule, used wherever a comment or a record of one leaves
 * the server: the comment list, a single thread, live events, counts, the audit trail's view.
 */
import type { CommentAudience, MemberRole } from '@accord/contract';

export interface AudienceMember {
  userId: string;
  role: MemberRole;
  affiliationId: string | null;
}

/** What was written, by whom, and the author's affiliation when they wrote it. */
export interface Addressed {
  audience: CommentAudience;
  authorId: string;
  authorAffiliationId: string | null;
}

export function inAudience(item: Addressed, viewer: AudienceMember): boolean {
  if (item.authorId === viewer.userId) return true;
  switch (item.audience) {
    case 'everyone':
      return true;
    case 'governments':
      return viewer.role === 'chair' || viewer.role === 'secretariat' || viewer.role === 'delegate';
    case 'stewards':
      return viewer.role === 'chair' || viewer.role === 'secretariat';
    case 'delegation':
      // Those who share the author's affiliation as it was when they wrote, and nobody else: not the chair.
      return item.authorAffiliationId !== null && viewer.affiliationId === item.authorAffiliationId;
  }
}

/**
 * The same rule as a filter a query can apply before reading anything (CommentsRepository): the
 * audiences whose every thread the member may see, besides their own threads and their
 * delegation's. inAudience stays the final word on each row.
 */
export function audienceFilter(viewer: AudienceMember): { open: CommentAudience[]; userId: string; affiliationId: string | null } {
  const open: CommentAudience[] = ['everyone'];
  if (viewer.role === 'chair' || viewer.role === 'secretariat' || viewer.role === 'delegate') open.push('governments');
  if (viewer.role === 'chair' || viewer.role === 'secretariat') open.push('stewards');
  return { open, userId: viewer.userId, affiliationId: viewer.affiliationId };
}

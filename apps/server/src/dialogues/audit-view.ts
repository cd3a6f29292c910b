/**
 * The audit trail as one steward may read it. Records of comments obey the comment's own audience
 * (a delegation's note stays hidden from the chair here too), and under the Chatham House Rule they
 * name the actor's category, never the actor: the stored record keeps who it was.
 */
import { type AttributionMode, type CommentAudience, type MemberRole, categoryOf } from '@accord/contract';
import type { AuditEvent } from '@accord/db';
import { type AudienceMember, inAudience } from './audience.js';

/**
 * A record as shown, without the database's sequence number: numbers running 101, 102, 104 would
 * tell the reader that record 103 exists and is kept from them.
 */
export type AuditEventView = Omit<AuditEvent, 'createdAt' | 'id'> & { createdAt: Date; actorCategory?: string };

export function auditView(events: AuditEvent[], viewer: AudienceMember, mode: AttributionMode): AuditEventView[] {
  const shown: AuditEventView[] = [];
  for (const { id: _sequence, ...event } of events) {
    if (event.targetType === 'amendment' || event.targetType === 'revision') {
      shown.push(roomRecord(event, viewer, mode));
      continue;
    }
    if (event.targetType !== 'comment_thread') {
      shown.push(event);
      continue;
    }
    const detail = event.detail as CommentAuditDetail;
    const addressed = { audience: detail.audience, authorId: detail.threadAuthorId, authorAffiliationId: detail.threadAuthorAffiliationId };
    if (!inAudience(addressed, viewer)) continue;
    const { threadAuthorId: _author, threadAuthorAffiliationId: _affiliation, actorRole, ...rest } = detail;
    if (mode === 'chatham_house' && event.actorId !== viewer.userId) {
      shown.push({ ...event, actorId: null, address: null, detail: rest, actorCategory: categoryOf(actorRole) });
    } else {
      shown.push({ ...event, detail: rest, actorCategory: categoryOf(actorRole) });
    }
  }
  return shown;
}

/** Amendments and revisions are the room's business: every steward sees the record, by category under the rule. */
function roomRecord(event: Omit<AuditEvent, 'id'>, viewer: AudienceMember, mode: AttributionMode): AuditEventView {
  const { actorRole, ...rest } = event.detail as { actorRole: MemberRole } & Record<string, unknown>;
  const actorCategory = categoryOf(actorRole);
  if (mode === 'chatham_house' && event.actorId !== viewer.userId) return { ...event, actorId: null, address: null, detail: rest, actorCategory };
  return { ...event, detail: rest, actorCategory };
}

/** What CommentsService writes into a comment record's detail. */
interface CommentAuditDetail extends Record<string, unknown> {
  audience: CommentAudience;
  threadAuthorId: string;
  threadAuthorAffiliationId: string | null;
  actorRole: MemberRole;
}

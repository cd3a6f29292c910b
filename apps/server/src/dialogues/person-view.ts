/**
 * Who said or did something, as one viewer may see it: the rule every serializer of a member's words
 * or acts applies (comments, amendments). Under the Chatham House Rule a category only, except to the
 * member themself; otherwise their name and affiliation.
 */
import { type AttributionMode, type CommentAuthor, type MemberRole, categoryOf } from '@accord/contract';
import type { AudienceMember } from './audience.js';

/** A member as stored: enough for every way a serializer may show them. */
export interface StoredPerson {
  name: string;
  affiliation: string | null;
}

export function personView(id: string, role: MemberRole, stored: StoredPerson, viewer: Pick<AudienceMember, 'userId'>, mode: AttributionMode): CommentAuthor {
  const you = id === viewer.userId;
  const category = categoryOf(role);
  if (mode === 'chatham_house' && !you) return { category, you };
  return stored.affiliation === null ? { category, name: stored.name, you } : { category, name: stored.name, affiliation: stored.affiliation, you };
}

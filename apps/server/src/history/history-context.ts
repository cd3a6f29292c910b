/**
 * Who is asking about a document's history, and the people its log names, as the history shows
 * them: every route of the history starts here, with the permission it needs.
 */
import { type AttributionMode, type HistoryAuthor, type MemberRole, categoryOf } from '@accord/contract';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { MembershipsRepository } from '../dialogues/memberships.repository.js';
import type { DialogueAction } from '../dialogues/permissions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { HistoryRepository } from './history.repository.js';

export interface HistoryContext {
  dialogueId: string;
  documentId: string;
  viewer: { userId: string; role: MemberRole };
  mode: AttributionMode;
}

/** A person of the log: a member now, or someone who has left the dialogue since. */
interface Person {
  name: string;
  role: MemberRole | null;
  affiliation: string | null;
}

/**
 * How an author is shown, by the role they acted in then: a member made secretariat later still
 * shows as "Government" on what they wrote as a delegate, and one who has left keeps their category.
 * `roleThen` is null only for log rows stored before roles were kept: then the role they have now,
 * or "Former member" for someone no longer in the dialogue.
 */
export type People = (userId: string, roleThen: MemberRole | null) => HistoryAuthor;

@Injectable()
export class HistoryContexts {
  constructor(
    private readonly access: DialogueAccess,
    private readonly dialogues: DialoguesRepository,
    private readonly documents: DocumentsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly repository: HistoryRepository,
  ) {}

  async require(userId: string, dialogueId: string, documentId: string, action: DialogueAction): Promise<HistoryContext> {
    const membership = await this.access.require(userId, dialogueId, action);
    const [document, dialogue] = await Promise.all([this.documents.find(dialogueId, documentId), this.dialogues.findById(dialogueId)]);
    if (!document || !dialogue) throw new AppError('NOT_FOUND', 'No such document in this dialogue');
    return { dialogueId, documentId, viewer: { userId, role: membership.role }, mode: dialogue.attributionMode };
  }

  /**
   * How each author of `userIds` is shown to the viewer. Under the Chatham House Rule a category
   * only, for every viewer, the author too: the history is a record, and a record that leaves the
   * room carries no names (`you` tells members their own changes without naming anyone).
   */
  async people(context: HistoryContext, userIds: Iterable<string>): Promise<People> {
    const members = await this.memberships.list(context.dialogueId);
    const known = new Map<string, Person>(members.map((m) => [m.userId, { name: m.displayName, role: m.role, affiliation: m.affiliation?.name ?? null }]));
    const missing = [...new Set(userIds)].filter((id) => !known.has(id));
    for (const { id, name } of await this.repository.userNames(missing)) known.set(id, { name, role: null, affiliation: null });
    return (userId, roleThen) => {
      const person = known.get(userId) ?? { name: 'Unknown', role: null, affiliation: null };
      const you = userId === context.viewer.userId;
      const role = roleThen ?? person.role;
      const category = role === null ? 'Former member' : categoryOf(role);
      if (context.mode === 'chatham_house') return { category, you };
      return person.affiliation === null ? { category, name: person.name, you } : { category, name: person.name, affiliation: person.affiliation, you };
    };
  }
}

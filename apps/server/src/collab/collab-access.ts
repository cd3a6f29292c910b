/**
 * Decides what a connection may do in a document: the member's role in the document's dialogue,
 * read afresh from the database each time a document is opened or a membership changes.
 */
import { SyncError, type SeatAccess } from '@accord/sync';
import { Injectable } from '@nestjs/common';
import { AffiliationsRepository } from '../dialogues/affiliations.repository.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { MembershipsRepository } from '../dialogues/memberships.repository.js';
import { can } from '../dialogues/permissions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';

export interface DocumentSeat {
  dialogueId: string;
  access: SeatAccess;
}

@Injectable()
export class CollabAccess {
  /** Which dialogue each document belongs to never changes, so it is remembered. */
  private readonly dialogueOf = new Map<string, string>();

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly affiliations: AffiliationsRepository,
  ) {}

  async seat(userId: string, documentId: string): Promise<DocumentSeat> {
    const dialogueId = await this.dialogueOfDocument(documentId);
    if (!dialogueId) throw new SyncError('NOT_FOUND', 'no such document');
    const access = await this.access(userId, dialogueId);
    if (!access) throw new SyncError('NOT_A_MEMBER', 'you are not a member of this dialogue');
    return { dialogueId, access };
  }

  /** The member's access in a dialogue, or null when they are no longer a member. */
  async access(userId: string, dialogueId: string): Promise<SeatAccess | null> {
    const membership = await this.memberships.find(dialogueId, userId);
    if (!membership || !can(membership.role, 'documents.view')) return null;
    const affiliation = membership.affiliationId ? await this.affiliations.findById(membership.affiliationId) : undefined;
    return {
      role: membership.role,
      readOnly: !can(membership.role, 'documents.edit_text'),
      affiliation: affiliation?.name ?? null,
    };
  }

  private async dialogueOfDocument(documentId: string): Promise<string | undefined> {
    const known = this.dialogueOf.get(documentId);
    if (known) return known;
    // The database's uuid type rejects anything else; a malformed id is simply not found.
    if (!uuidParam.safeParse(documentId).success) return undefined;
    const dialogueId = await this.documents.dialogueOf(documentId);
    if (dialogueId) this.dialogueOf.set(documentId, dialogueId);
    return dialogueId;
  }
}

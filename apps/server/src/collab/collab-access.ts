/**
 * Decides what a connection may do in a document. The rule is the one gate every HTTP route uses,
 * DialogueAccess, read afresh each time a document is opened or a membership changes; its AppError
 * becomes the socket protocol's SyncError here, at the edge.
 */
import type { AttributionMode } from '@accord/contract';
import { affiliations, type Database, dialogues } from '@accord/db';
import { type CursorSharing, SyncError, type SeatAccess } from '@accord/sync';
import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../common/app-error.js';
import { DATABASE } from '../common/tokens.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { can } from '../dialogues/permissions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import type { Viewer } from './document-viewers.js';

export interface DocumentSeat {
  dialogueId: string;
  access: SeatAccess;
  viewer: Viewer;
}

@Injectable()
export class CollabAccess {
  /** Which dialogue each document belongs to never changes, so it is remembered. */
  private readonly dialogueOf = new Map<string, string>();

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly gate: DialogueAccess,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async seat(userId: string, documentId: string): Promise<DocumentSeat> {
    const dialogueId = await this.dialogueOfDocument(documentId);
    if (!dialogueId) throw new SyncError('NOT_FOUND', 'no such document');
    const seat = await this.access(userId, dialogueId);
    if (!seat) throw new SyncError('NOT_A_MEMBER', 'you are not a member of this dialogue');
    return seat;
  }

  /** The member's seat in a dialogue's documents, or null when they may no longer read them. */
  async access(userId: string, dialogueId: string): Promise<DocumentSeat | null> {
    let membership;
    try {
      membership = await this.gate.require(userId, dialogueId, 'documents.view');
    } catch (error) {
      if (error instanceof AppError && deniedCodes.has(error.code)) return null;
      throw error;
    }
    const { affiliation, attributionMode } = await this.seatDetails(dialogueId, membership.affiliationId);
    const readOnly = !can(membership.role, 'documents.edit_text');
    return {
      dialogueId,
      access: {
        role: membership.role,
        readOnly,
        affiliation,
        cursor: cursorSharing(readOnly, attributionMode),
      },
      viewer: { userId, dialogueId, role: membership.role, affiliationId: membership.affiliationId },
    };
  }

  /**
   * The dialogue's attribution mode and the member's affiliation in one query: an open after a
   * restart finds few pooled connections, and two queries at once would wait for a second one.
   */
  private async seatDetails(dialogueId: string, affiliationId: string | null): Promise<{ affiliation: string | null; attributionMode: AttributionMode }> {
    const [row] = await this.db
      .select({ attributionMode: dialogues.attributionMode, affiliation: affiliations.name })
      .from(dialogues)
      .leftJoin(affiliations, affiliationId ? eq(affiliations.id, affiliationId) : sql`false`)
      .where(eq(dialogues.id, dialogueId));
    return { affiliation: row?.affiliation ?? null, attributionMode: row?.attributionMode ?? 'chatham_house' };
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

/** The gate's answers that mean "not for you": on a socket each is simply no seat. */
const deniedCodes = new Set(['NOT_A_MEMBER', 'NOT_FOUND', 'ROLE_FORBIDDEN']);

/**
 * What others see of a member's cursor. What someone selects is often what they are about to
 * comment on, and comments under the Chatham House Rule carry no name: a named selection on those
 * words would give the author away. Readers do not draft, so nobody needs their cursor; under the
 * rule a drafter shares the caret (where they type), never a selection.
 */
function cursorSharing(readOnly: boolean, mode: AttributionMode): CursorSharing {
  if (readOnly) return 'none';
  return mode === 'chatham_house' ? 'caret' : 'selection';
}

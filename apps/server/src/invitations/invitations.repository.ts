import { type Database, type Invitation, affiliations, dialogues, invitations } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export type NewInvitation = typeof invitations.$inferInsert;

const pending = (now: Date) => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

@Injectable()
export class InvitationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(values: NewInvitation, db: Database = this.db): Promise<Invitation> {
    const [row] = await db.insert(invitations).values(values).returning();
    return row!;
  }

  /** The invitation with its dialogue and affiliation; `forUpdate` locks it against a second acceptance. */
  async findByTokenHash(tokenHash: Uint8Array, db: Database = this.db, forUpdate = false) {
    const query = db
      .select({
        invitation: invitations,
        dialogue: { id: dialogues.id, title: dialogues.title },
        affiliation: { id: affiliations.id, name: affiliations.name, kind: affiliations.kind },
      })
      .from(invitations)
      .innerJoin(dialogues, eq(dialogues.id, invitations.dialogueId))
      .leftJoin(affiliations, eq(affiliations.id, invitations.affiliationId))
      .where(eq(invitations.tokenHash, tokenHash));
    const [row] = forUpdate ? await query.for('update', { of: invitations }) : await query;
    return row;
  }

  listPending(dialogueId: string, now: Date) {
    return this.db
      .select({
        id: invitations.id,
        role: invitations.role,
        email: invitations.email,
        affiliation: { id: affiliations.id, name: affiliations.name, kind: affiliations.kind },
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .leftJoin(affiliations, eq(affiliations.id, invitations.affiliationId))
      .where(and(eq(invitations.dialogueId, dialogueId), pending(now)))
      .orderBy(desc(invitations.createdAt));
  }

  /** Returns false when there was no pending invitation by that id in that dialogue. */
  async revoke(dialogueId: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.id, id), eq(invitations.dialogueId, dialogueId), pending(now)))
      .returning({ id: invitations.id });
    return rows.length === 1;
  }

  async markAccepted(id: string, userId: string, now: Date, db: Database): Promise<void> {
    await db.update(invitations).set({ acceptedBy: userId, acceptedAt: now }).where(eq(invitations.id, id));
  }
}

import { type Database, type Invitation, affiliations, dialogues, invitations, memberships, users } from '@accord/db';
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

  /** A pending invitation of the dialogue, with its affiliation and the dialogue's title, locked against a racing accept or resend. */
  async findPendingForUpdate(dialogueId: string, id: string, now: Date, db: Database) {
    const [row] = await db
      .select({
        invitation: invitations,
        dialogueTitle: dialogues.title,
        affiliation: { id: affiliations.id, name: affiliations.name, kind: affiliations.kind },
      })
      .from(invitations)
      .innerJoin(dialogues, eq(dialogues.id, invitations.dialogueId))
      .leftJoin(affiliations, eq(affiliations.id, invitations.affiliationId))
      .where(and(eq(invitations.id, id), eq(invitations.dialogueId, dialogueId), pending(now)))
      .for('update', { of: invitations });
    return row;
  }

  /** A new secret and lifetime for the same invitation: the old link's hash is gone, so it stops working. */
  async renew(id: string, values: { tokenHash: Uint8Array; expiresAt: Date }, db: Database): Promise<void> {
    await db.update(invitations).set(values).where(eq(invitations.id, id));
  }

  /** Whether the account with this address (stored lower-case) is already a member of the dialogue. */
  async isMemberByEmail(dialogueId: string, email: string, db: Database = this.db): Promise<boolean> {
    const rows = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.dialogueId, dialogueId), eq(users.email, email.toLowerCase())));
    return rows.length > 0;
  }

  async dialogueTitle(dialogueId: string, db: Database = this.db): Promise<string | undefined> {
    const [row] = await db.select({ title: dialogues.title }).from(dialogues).where(eq(dialogues.id, dialogueId));
    return row?.title;
  }

  /** Returns false when there was no pending invitation by that id in that dialogue. */
  async revoke(dialogueId: string, id: string, now: Date, db: Database = this.db): Promise<boolean> {
    const rows = await db
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

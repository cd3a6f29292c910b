import {
  type Affiliation,
  type Database,
  type MemberRole,
  type Membership,
  affiliations,
  memberships,
  users,
} from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export interface MemberView {
  userId: string;
  displayName: string;
  email: string;
  role: MemberRole;
  affiliation: Pick<Affiliation, 'id' | 'name' | 'kind'> | null;
  joinedAt: Date;
}

@Injectable()
export class MembershipsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(dialogueId: string, userId: string, db: Database = this.db): Promise<Membership | undefined> {
    const [row] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.dialogueId, dialogueId), eq(memberships.userId, userId)));
    return row;
  }

  /** Locks the dialogue's chair rows so two chairs cannot both step down at once. */
  async lockChairs(dialogueId: string, db: Database): Promise<string[]> {
    const rows = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.dialogueId, dialogueId), eq(memberships.role, 'chair')))
      .for('update');
    return rows.map((r) => r.userId);
  }

  /** Returns false when the user is already a member. */
  async insert(
    values: { dialogueId: string; userId: string; role: MemberRole; affiliationId: string | null },
    db: Database = this.db,
  ): Promise<boolean> {
    const rows = await db.insert(memberships).values(values).onConflictDoNothing().returning({ userId: memberships.userId });
    return rows.length === 1;
  }

  async update(
    dialogueId: string,
    userId: string,
    values: { role: MemberRole; affiliationId: string | null },
    db: Database = this.db,
  ): Promise<void> {
    await db
      .update(memberships)
      .set(values)
      .where(and(eq(memberships.dialogueId, dialogueId), eq(memberships.userId, userId)));
  }

  async delete(dialogueId: string, userId: string, db: Database = this.db): Promise<void> {
    await db.delete(memberships).where(and(eq(memberships.dialogueId, dialogueId), eq(memberships.userId, userId)));
  }

  async list(dialogueId: string): Promise<MemberView[]> {
    const rows = await this.db
      .select({
        userId: memberships.userId,
        displayName: users.displayName,
        email: users.email,
        role: memberships.role,
        affiliation: { id: affiliations.id, name: affiliations.name, kind: affiliations.kind },
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(affiliations, eq(affiliations.id, memberships.affiliationId))
      .where(eq(memberships.dialogueId, dialogueId))
      .orderBy(asc(users.displayName));
    return rows;
  }

  listForUser(userId: string) {
    return this.db
      .select({
        dialogueId: memberships.dialogueId,
        role: memberships.role,
        affiliation: { id: affiliations.id, name: affiliations.name, kind: affiliations.kind },
      })
      .from(memberships)
      .leftJoin(affiliations, eq(affiliations.id, memberships.affiliationId))
      .where(eq(memberships.userId, userId));
  }
}

import { type Database, type Dialogue, type MemberRole, type AttributionMode, dialogues, memberships } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

@Injectable()
export class DialoguesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(
    values: { title: string; description: string; attributionMode: AttributionMode; createdBy: string },
    db: Database = this.db,
  ): Promise<Dialogue> {
    const [row] = await db.insert(dialogues).values(values).returning();
    return row!;
  }

  async findById(id: string): Promise<Dialogue | undefined> {
    const [row] = await this.db.select().from(dialogues).where(eq(dialogues.id, id));
    return row;
  }

  listForUser(userId: string): Promise<Array<{ dialogue: Dialogue; role: MemberRole }>> {
    return this.db
      .select({ dialogue: dialogues, role: memberships.role })
      .from(memberships)
      .innerJoin(dialogues, eq(dialogues.id, memberships.dialogueId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(dialogues.title));
  }
}

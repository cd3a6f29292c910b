import { type AuditEvent, type Database, auditEvents } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { desc, eq } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async append(event: NewAuditEvent, db: Database = this.db): Promise<void> {
    await db.insert(auditEvents).values(event);
  }

  listForDialogue(dialogueId: string, limit: number): Promise<AuditEvent[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.dialogueId, dialogueId))
      .orderBy(desc(auditEvents.id))
      .limit(limit);
  }
}

import { type AuditEvent, type Database, auditEvents } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lt } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async append(event: NewAuditEvent, db: Database = this.db): Promise<void> {
    await db.insert(auditEvents).values(event);
  }

  /** The newest `limit` records of a dialogue, newest first; with `beforeId`, those older than it. */
  listForDialogue(dialogueId: string, limit: number, beforeId?: number): Promise<AuditEvent[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dialogueId, dialogueId), beforeId === undefined ? undefined : lt(auditEvents.id, beforeId)))
      .orderBy(desc(auditEvents.id))
      .limit(limit);
  }
}

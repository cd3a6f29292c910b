import { type Database, type DocumentRow, documents } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

@Injectable()
export class DocumentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Returns undefined when the dialogue already has a document with this symbol. */
  async insert(
    values: { dialogueId: string; title: string; symbol: string; createdBy: string },
    db: Database = this.db,
  ): Promise<DocumentRow | undefined> {
    const [row] = await db.insert(documents).values(values).onConflictDoNothing().returning();
    return row;
  }

  list(dialogueId: string): Promise<DocumentRow[]> {
    return this.db.select().from(documents).where(eq(documents.dialogueId, dialogueId)).orderBy(asc(documents.symbol));
  }

  /** The dialogue a document belongs to, or undefined when there is no such document. */
  async dialogueOf(documentId: string): Promise<string | undefined> {
    const [row] = await this.db.select({ dialogueId: documents.dialogueId }).from(documents).where(eq(documents.id, documentId));
    return row?.dialogueId;
  }

  async symbolTaken(dialogueId: string, symbol: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.dialogueId, dialogueId), eq(documents.symbol, symbol)));
    return row !== undefined;
  }

  async find(dialogueId: string, documentId: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(documents)
      .where(and(eq(documents.dialogueId, dialogueId), eq(documents.id, documentId)));
    return row;
  }
}

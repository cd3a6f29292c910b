import { type Affiliation, type AffiliationKind, type Database, affiliations } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

@Injectable()
export class AffiliationsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The affiliation with this name and kind, created on first use. */
  async findOrCreate(name: string, kind: AffiliationKind, db: Database = this.db): Promise<Affiliation> {
    const [created] = await db.insert(affiliations).values({ name, kind }).onConflictDoNothing().returning();
    if (created) return created;
    const [existing] = await db
      .select()
      .from(affiliations)
      .where(and(eq(affiliations.name, name), eq(affiliations.kind, kind)));
    if (!existing) throw new Error(`affiliation ${name} (${kind}) vanished after a conflict`);
    return existing;
  }

  async findById(id: string, db: Database = this.db): Promise<Affiliation | undefined> {
    const [row] = await db.select().from(affiliations).where(eq(affiliations.id, id));
    return row;
  }
}

import type { AffiliationKind } from '@accord/contract';
import { affiliations, type Database, memberships, sessionModes, type SessionModeRow } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

/** The affiliation that has the floor, as the room shows it. */
export interface FloorAffiliation {
  id: string;
  name: string;
  kind: AffiliationKind;
}

/** What one change does: a part given (null included) replaces that part; an omitted one stays. */
export interface SessionChange {
  paragraphId?: string | null;
  floorAffiliationId?: string | null;
}

@Injectable()
export class SessionModeRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(documentId: string): Promise<SessionModeRow | undefined> {
    const [row] = await this.db.select().from(sessionModes).where(eq(sessionModes.documentId, documentId));
    return row;
  }

  /** The affiliation if a current member of the dialogue speaks for it; else undefined. */
  async memberAffiliation(dialogueId: string, affiliationId: string): Promise<FloorAffiliation | undefined> {
    const [row] = await this.db
      .select({ id: affiliations.id, name: affiliations.name, kind: affiliations.kind })
      .from(memberships)
      .innerJoin(affiliations, eq(affiliations.id, memberships.affiliationId))
      .where(and(eq(memberships.dialogueId, dialogueId), eq(memberships.affiliationId, affiliationId)))
      .limit(1);
    return row;
  }

  async affiliation(affiliationId: string): Promise<FloorAffiliation | undefined> {
    const [row] = await this.db
      .select({ id: affiliations.id, name: affiliations.name, kind: affiliations.kind })
      .from(affiliations)
      .where(eq(affiliations.id, affiliationId));
    return row;
  }

  /**
   * Applies one change in a single statement: the row is created at version 1 or updated under its
   * row lock with version + 1, so two stewards at once each get their own version and neither change
   * is lost. A part set again to what it already is keeps its `since`.
   */
  async apply(documentId: string, change: SessionChange, at: Date): Promise<SessionModeRow> {
    const { paragraphId, floorAffiliationId } = change;
    const set: Partial<Record<keyof SessionModeRow, SQL>> = {
      version: sql`${sessionModes.version} + 1`,
      updatedAt: sql`excluded.updated_at`,
    };
    if (paragraphId !== undefined) {
      set.paragraphId = sql`excluded.paragraph_id`;
      set.paragraphSince = sql`CASE WHEN ${sessionModes.paragraphId} IS NOT DISTINCT FROM excluded.paragraph_id THEN ${sessionModes.paragraphSince} ELSE excluded.paragraph_since END`;
    }
    if (floorAffiliationId !== undefined) {
      set.floorAffiliationId = sql`excluded.floor_affiliation_id`;
      set.floorSince = sql`CASE WHEN ${sessionModes.floorAffiliationId} IS NOT DISTINCT FROM excluded.floor_affiliation_id THEN ${sessionModes.floorSince} ELSE excluded.floor_since END`;
    }
    const [row] = await this.db
      .insert(sessionModes)
      .values({
        documentId,
        paragraphId: paragraphId ?? null,
        paragraphSince: paragraphId ? at : null,
        floorAffiliationId: floorAffiliationId ?? null,
        floorSince: floorAffiliationId ? at : null,
        version: 1,
        updatedAt: at,
      })
      .onConflictDoUpdate({ target: sessionModes.documentId, set })
      .returning();
    return row!;
  }
}

import { affiliations, amendments, amendmentSupports, type AmendmentRow, type AmendmentSupportRow, type Database, users } from '@accord/db';
import type { AffiliationKind, AmendmentStatus } from '@accord/contract';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DATABASE } from '../common/tokens.js';

/** Who someone is, as stored: enough for every way the serializer may show them. */
export interface StoredPerson {
  name: string;
  affiliation: string | null;
  affiliationKind?: AffiliationKind | null;
}

export type StoredSupport = AmendmentSupportRow & { affiliation: string; affiliationKind: AffiliationKind };
export type StoredAmendment = AmendmentRow & { proposer: StoredPerson; decider: StoredPerson | null; supports: StoredSupport[] };

export type NewAmendment = Pick<
  AmendmentRow,
  'documentId' | 'paragraphId' | 'label' | 'kind' | 'text' | 'justification' | 'baseSeq' | 'baseText' | 'proposerId' | 'proposerRole' | 'proposerAffiliationId'
> &
  Partial<Pick<AmendmentRow, 'createdAt'>>;

export type Decision = Pick<AmendmentRow, 'status' | 'decidedBy' | 'decidedRole' | 'decidedAt' | 'reason' | 'mode' | 'appliedSeq'>;

const proposerAffiliation = alias(affiliations, 'proposer_affiliation');
const decider = alias(users, 'decider');

@Injectable()
export class AmendmentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Oldest first, with who proposed, decided and supports each: three statements whatever the count. */
  list(documentId: string, filter: { paragraphId?: string; status?: AmendmentStatus } = {}, db: Database = this.db): Promise<StoredAmendment[]> {
    return this.select(
      and(
        eq(amendments.documentId, documentId),
        filter.paragraphId ? eq(amendments.paragraphId, filter.paragraphId) : undefined,
        filter.status ? eq(amendments.status, filter.status) : undefined,
      )!,
      db,
    );
  }

  async find(documentId: string, amendmentId: string, db: Database = this.db): Promise<StoredAmendment | undefined> {
    return (await this.select(and(eq(amendments.documentId, documentId), eq(amendments.id, amendmentId))!, db))[0];
  }

  /** The amendment's row locked for the rest of the transaction: two decisions on one amendment run one after the other. */
  async lock(amendmentId: string, db: Database): Promise<AmendmentRow | undefined> {
    const [row] = await db.select().from(amendments).where(eq(amendments.id, amendmentId)).for('update');
    return row;
  }

  async insert(amendment: NewAmendment, db: Database): Promise<AmendmentRow> {
    const [row] = await db.insert(amendments).values(amendment).returning();
    return row!;
  }

  async decide(amendmentId: string, decision: Decision, db: Database): Promise<void> {
    await db.update(amendments).set(decision).where(eq(amendments.id, amendmentId));
  }

  /** Moves undecided amendments between submitted and conflict (after the text under them changed). */
  async setOpenStatus(changes: Array<{ id: string; status: 'submitted' | 'conflict'; reason: string | null; label?: string }>, db: Database): Promise<void> {
    for (const change of changes) {
      await db
        .update(amendments)
        .set({ status: change.status, reason: change.reason, ...(change.label ? { label: change.label } : {}) })
        .where(and(eq(amendments.id, change.id), inArray(amendments.status, ['submitted', 'conflict'])));
    }
  }

  /** One support per affiliation: a second member of the same delegation changes its kind, not the count. */
  async upsertSupport(support: Pick<AmendmentSupportRow, 'amendmentId' | 'affiliationId' | 'userId' | 'role' | 'kind'>, db: Database): Promise<void> {
    await db
      .insert(amendmentSupports)
      .values(support)
      .onConflictDoUpdate({ target: [amendmentSupports.amendmentId, amendmentSupports.affiliationId], set: { kind: support.kind, userId: support.userId, role: support.role } });
  }

  /** False when the affiliation had no support to withdraw. */
  async deleteSupport(amendmentId: string, affiliationId: string, db: Database): Promise<boolean> {
    const deleted = await db
      .delete(amendmentSupports)
      .where(and(eq(amendmentSupports.amendmentId, amendmentId), eq(amendmentSupports.affiliationId, affiliationId)))
      .returning({ id: amendmentSupports.amendmentId });
    return deleted.length > 0;
  }

  private async select(where: SQL, db: Database): Promise<StoredAmendment[]> {
    const rows = await db
      .select({
        amendment: amendments,
        proposerName: users.displayName,
        proposerAffiliation: proposerAffiliation.name,
        proposerAffiliationKind: proposerAffiliation.kind,
        deciderName: decider.displayName,
      })
      .from(amendments)
      .innerJoin(users, eq(users.id, amendments.proposerId))
      .leftJoin(proposerAffiliation, eq(proposerAffiliation.id, amendments.proposerAffiliationId))
      .leftJoin(decider, eq(decider.id, amendments.decidedBy))
      .where(where)
      .orderBy(asc(amendments.createdAt), asc(amendments.id));
    if (rows.length === 0) return [];
    const supports = await db
      .select({ support: amendmentSupports, affiliation: affiliations.name, affiliationKind: affiliations.kind })
      .from(amendmentSupports)
      .innerJoin(affiliations, eq(affiliations.id, amendmentSupports.affiliationId))
      .where(inArray(amendmentSupports.amendmentId, rows.map((r) => r.amendment.id)))
      .orderBy(asc(amendmentSupports.createdAt), asc(affiliations.name));
    const byAmendment = new Map<string, StoredSupport[]>();
    for (const { support, affiliation, affiliationKind } of supports) {
      const list = byAmendment.get(support.amendmentId) ?? [];
      list.push({ ...support, affiliation, affiliationKind });
      byAmendment.set(support.amendmentId, list);
    }
    return rows.map(({ amendment, proposerName, proposerAffiliation: proposerAffiliationName, proposerAffiliationKind, deciderName }) => ({
      ...amendment,
      proposer: { name: proposerName, affiliation: proposerAffiliationName, affiliationKind: proposerAffiliationKind },
      decider: amendment.decidedBy && deciderName !== null ? { name: deciderName, affiliation: null } : null,
      supports: byAmendment.get(amendment.id) ?? [],
    }));
  }
}

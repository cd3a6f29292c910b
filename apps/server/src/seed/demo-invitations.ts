import type { AffiliationInput, MemberRole } from '@accord/contract';
import type { Database } from '@accord/db';
import { generateLinkToken } from '../auth/secret-token.js';
import type { AffiliationsRepository } from '../dialogues/affiliations.repository.js';
import { InvitationsRepository } from '../invitations/invitations.repository.js';

interface DemoInvitation {
  role: MemberRole;
  affiliation?: AffiliationInput;
  email?: string;
  /** How long ago the chair made it. */
  madeDaysAgo: number;
}

/**
 * Pending invitations, so a newcomer signed in as the chair finds something to resend or revoke: an
 * observer from an academic institute, bound to an address, and a delegation's link for anyone
 * holding it. Their secrets are thrown away (no one could have received them): resending one gives
 * the chair a link that works, and the bound one appears in the development outbox.
 */
export const demoInvitations: readonly DemoInvitation[] = [
  {
    role: 'observer',
    affiliation: { name: 'Institute for Security and Technology Studies', kind: 'academia' },
    email: 'l.moreno@istech.example',
    madeDaysAgo: 2,
  },
  {
    role: 'delegate',
    affiliation: { name: 'Republic of Sundara', kind: 'government' },
    madeDaysAgo: 1,
  },
];

/**
 * Writes the demo's pending invitations, inside the seed's transaction. The repository is made over
 * the transaction here, so the seed module needs no new provider.
 */
export async function seedDemoInvitations(
  tx: Database,
  affiliations: AffiliationsRepository,
  p: { dialogueId: string; chairId: string; ttlMs?: number; now?: Date },
): Promise<void> {
  const invitations = new InvitationsRepository(tx);
  const now = p.now ?? new Date();
  const ttlMs = p.ttlMs ?? 7 * 24 * 3_600_000;
  for (const demo of demoInvitations) {
    const affiliation = demo.affiliation ? await affiliations.findOrCreate(demo.affiliation.name, demo.affiliation.kind, tx) : null;
    const createdAt = new Date(now.getTime() - demo.madeDaysAgo * 24 * 3_600_000);
    await invitations.insert(
      {
        dialogueId: p.dialogueId,
        tokenHash: generateLinkToken().hash,
        role: demo.role,
        affiliationId: affiliation?.id ?? null,
        email: demo.email ?? null,
        createdBy: p.chairId,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + ttlMs),
      },
      tx,
    );
  }
}

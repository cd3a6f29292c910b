import { fromPlainText } from '@accord/text';
import { toYUpdate } from '@accord/text/yjs';
import type { Database, MemberRole } from '@accord/db';
import { Injectable } from '@nestjs/common';
import { hashPassword } from '../auth/password.js';
import { UsersRepository } from '../auth/users.repository.js';
import { DocumentLogRepository } from '../collab/document-log.repository.js';
import { AffiliationsRepository } from '../dialogues/affiliations.repository.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { MembershipsRepository } from '../dialogues/memberships.repository.js';
import { AmendmentsRepository } from '../amendments/amendments.repository.js';
import { CommentsRepository } from '../comments/comments.repository.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { type PlacedDemoAmendment, placeDemoAmendments } from './demo-amendments-placement.js';
import { type PlacedDemoThread, placeDemoThreads } from './demo-comments-placement.js';
import { DEMO_PASSWORD, demoDialogue, demoDocument, demoMembers } from './demo-data.js';
import { demoRollingText } from '@accord/text/demo';
import { SeedRepository } from './seed.repository.js';

export interface SeedResult {
  seeded: boolean;
  dialogueId?: string;
  documentId?: string;
  signIns: Array<{ email: string; password: string; role: string; displayName: string; affiliation: string }>;
}

/** Seeds the demo dialogue into an empty database, once; otherwise does nothing. */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly seed: SeedRepository,
    private readonly users: UsersRepository,
    private readonly affiliations: AffiliationsRepository,
    private readonly dialogues: DialoguesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly documents: DocumentsRepository,
    private readonly log: DocumentLogRepository,
    private readonly comments: CommentsRepository,
    private readonly amendments: AmendmentsRepository,
  ) {}

  async run(): Promise<SeedResult> {
    // Every later start finds data: answer it without hashing seven passwords.
    if (!(await this.seed.isEmpty())) return { seeded: false, signIns: [] };
    // Hashing is slow; do it before taking the lock, which re-checks for a server that seeded meanwhile.
    const hashes = await Promise.all(demoMembers.map(() => hashPassword(DEMO_PASSWORD)));
    // Parsed before the transaction too: a mistake in the demo text fails here, before anything is written.
    const text = fromPlainText(demoRollingText);
    const content = toYUpdate(text);
    const threads = placeDemoThreads(text, content);
    const amendments = placeDemoAmendments(text);
    return this.seed.transaction(async (tx) => {
      if (!(await this.seed.lockAndCheckEmpty(tx))) return { seeded: false, signIns: [] };
      const userIds: string[] = [];
      for (const [i, member] of demoMembers.entries()) {
        // The demo's addresses are fictitious: its members are created verified, so they can sign in.
        const user = await this.users.create(
          { email: member.email, displayName: member.displayName, passwordHash: hashes[i]!, emailVerifiedAt: new Date() },
          tx,
        );
        userIds.push(user!.id);
      }
      const chairId = userIds[0]!;
      const dialogue = await this.dialogues.insert({ ...demoDialogue, createdBy: chairId }, tx);
      const affiliationIds: string[] = [];
      for (const [i, member] of demoMembers.entries()) {
        const affiliation = await this.affiliations.findOrCreate(member.affiliation.name, member.affiliation.kind, tx);
        affiliationIds.push(affiliation.id);
        await this.memberships.insert({ dialogueId: dialogue.id, userId: userIds[i]!, role: member.role, affiliationId: affiliation.id }, tx);
      }
      const document = await this.documents.insert({ dialogueId: dialogue.id, ...demoDocument, createdBy: chairId }, tx);
      await this.log.writeInitialContent({ documentId: document!.id, update: content, userId: chairId }, tx);
      const memberOf = new Map(demoMembers.map((m, i) => [m.email, { id: userIds[i]!, role: m.role, affiliationId: affiliationIds[i]! }]));
      await this.seedThreads(document!.id, threads, memberOf, tx);
      await this.seedAmendments(document!.id, amendments, memberOf, tx);
      return {
        seeded: true,
        dialogueId: dialogue.id,
        documentId: document!.id,
        signIns: demoMembers.map((m) => ({
          email: m.email,
          password: DEMO_PASSWORD,
          role: m.role,
          displayName: m.displayName,
          affiliation: m.affiliation.name,
        })),
      };
    });
  }

  private async seedThreads(
    documentId: string,
    threads: PlacedDemoThread[],
    memberOf: Map<string, { id: string; role: MemberRole; affiliationId: string }>,
    tx: Database,
  ): Promise<void> {
    const who = (email: string) => {
      const member = memberOf.get(email);
      if (!member) throw new Error(`demo comment by ${email}, who is not a demo member`);
      return { authorId: member.id, authorRole: member.role, authorAffiliationId: member.affiliationId };
    };
    // One transaction gives every row the same now(): spaced a minute apart, replies follow what they answer.
    const start = Date.now() - 60_000 * 100;
    let minute = 0;
    const next = () => new Date(start + 60_000 * minute++);
    for (const thread of threads) {
      const createdAt = next();
      const row = await this.comments.insertThread({ documentId, audience: thread.audience, ...who(thread.author), ...thread.anchor, createdAt }, tx);
      await this.comments.insertComment({ threadId: row.id, ...who(thread.author), body: thread.body, createdAt }, tx);
      for (const reply of thread.replies ?? []) {
        await this.comments.insertComment({ threadId: row.id, ...who(reply.author), body: reply.body, createdAt: next() }, tx);
      }
      if (thread.resolvedBy) await this.comments.setStatus(row.id, 'resolved', who(thread.resolvedBy).authorId, next(), tx);
    }
  }

  private async seedAmendments(
    documentId: string,
    amendments: PlacedDemoAmendment[],
    memberOf: Map<string, { id: string; role: MemberRole; affiliationId: string }>,
    tx: Database,
  ): Promise<void> {
    const member = (email: string) => {
      const found = memberOf.get(email);
      if (!found) throw new Error(`demo amendment by ${email}, who is not a demo member`);
      return found;
    };
    const start = Date.now() - 60_000 * 50;
    let minute = 0;
    const next = () => new Date(start + 60_000 * minute++);
    for (const amendment of amendments) {
      const proposer = member(amendment.proposer);
      // Written against the seeded text (log position 1); an accepted one was brought in by it.
      const row = await this.amendments.insert(
        {
          documentId,
          paragraphId: amendment.paragraphId,
          label: amendment.label,
          kind: amendment.kind,
          text: amendment.text ?? null,
          justification: amendment.justification,
          baseSeq: 1,
          baseText: amendment.baseText,
          proposerId: proposer.id,
          proposerRole: proposer.role,
          proposerAffiliationId: proposer.affiliationId,
          createdAt: next(),
        },
        tx,
      );
      for (const support of amendment.supports ?? []) {
        const by = member(support.by);
        await this.amendments.upsertSupport({ amendmentId: row.id, affiliationId: by.affiliationId, userId: by.id, role: by.role, kind: support.kind }, tx);
      }
      const decision = amendment.decision;
      if (decision) {
        const by = member(decision.by);
        await this.amendments.decide(
          row.id,
          {
            status: decision.status,
            decidedBy: by.id,
            decidedRole: by.role,
            decidedAt: next(),
            reason: decision.reason ?? null,
            mode: decision.status === 'accepted' ? (decision.mode ?? 'as_proposed') : null,
            appliedSeq: decision.status === 'accepted' ? 1 : null,
          },
          tx,
        );
      }
    }
  }
}

export function formatSignIns(result: SeedResult): string {
  const rows = result.signIns.map((s) => `  ${s.role.padEnd(14)} ${s.email.padEnd(28)} ${s.displayName} (${s.affiliation})`);
  return [`Demo dialogue seeded. Sign in with any of these (password: ${DEMO_PASSWORD}):`, ...rows].join('\n');
}

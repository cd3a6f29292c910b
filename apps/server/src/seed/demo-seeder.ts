import { fromPlainText } from '@accord/text';
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
import { seedDemoInvitations } from './demo-invitations.js';
import { seedDemoSessionMode } from './demo-session-mode.js';
import { SeedRepository } from './seed.repository.js';
import { HistoryRepository } from '../history/history.repository.js';
import { type DemoHistory, demoHistory, demoRevision, demoRevisionAt } from './demo-history.js';

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
    private readonly history: HistoryRepository,
  ) {}

  async run(): Promise<SeedResult> {
    // Every later start finds data: answer it without hashing seven passwords.
    if (!(await this.seed.isEmpty())) return { seeded: false, signIns: [] };
    // Hashing is slow; do it before taking the lock, which re-checks for a server that seeded meanwhile.
    // Once for all seven, who share the password the banner prints: seven argon2 runs at once took
    // 19 MiB each on as many threads, which the allocator kept for good (40 MB of a server at rest).
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    // Parsed before the transaction too: a mistake in the demo text fails here, before anything is written.
    const text = fromPlainText(demoRollingText);
    // Rev.1, then the changes made since: the log ends at the demo text, where comments are anchored.
    const history = demoHistory(text);
    const threads = placeDemoThreads(text, history.finalState);
    const amendments = placeDemoAmendments(text);
    return this.seed.transaction(async (tx) => {
      if (!(await this.seed.lockAndCheckEmpty(tx))) return { seeded: false, signIns: [] };
      const userIds: string[] = [];
      for (const member of demoMembers) {
        // The demo's addresses are fictitious: its members are created verified, so they can sign in.
        const user = await this.users.create(
          { email: member.email, displayName: member.displayName, passwordHash, emailVerifiedAt: new Date() },
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
      const memberOf = new Map(demoMembers.map((m, i) => [m.email, { id: userIds[i]!, role: m.role, affiliationId: affiliationIds[i]! }]));
      const lastSeq = await this.seedHistory(document!.id, history, memberOf, tx);
      await this.seedThreads(document!.id, threads, memberOf, tx);
      await this.seedAmendments(document!.id, amendments, memberOf, lastSeq, tx);
      await seedDemoInvitations(tx, this.affiliations, { dialogueId: dialogue.id, chairId });
      // The room is on Box III(2), and the delegation of Veloria has the floor.
      await seedDemoSessionMode(tx, { documentId: document!.id, text, floorAffiliationId: memberOf.get('veloria@accord.example')!.affiliationId });
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

  /**
   * The log from Rev.1's text to the demo text, and Rev.1 named by the chair at its first position.
   * Returns the log position the demo text ends at.
   */
  private async seedHistory(documentId: string, history: DemoHistory, memberOf: Map<string, { id: string; role: MemberRole }>, tx: Database): Promise<number> {
    const member = (email: string) => {
      const found = memberOf.get(email);
      if (!found) throw new Error(`demo change by ${email}, who is not a demo member`);
      return found;
    };
    const chair = member('chair@accord.example');
    const started = new Date(demoRevisionAt.getTime() - 4 * 24 * 3600_000);
    await this.log.writeInitialContent({ documentId, update: history.revisionContent, userId: chair.id, role: chair.role, createdAt: started }, tx);
    await this.history.insertRevision({ documentId, ...demoRevision, seq: 1, createdBy: chair.id, createdRole: chair.role, createdAt: demoRevisionAt }, tx);
    await this.log.appendIn(
      tx,
      history.changes.map((change, i) => ({
        documentId,
        seq: 2 + i,
        update: change.update,
        userId: member(change.by).id,
        role: member(change.by).role,
        // Written in the seed, through no session or connection.
        sessionId: 'seed',
        connectionId: 'seed',
        touched: change.touched,
        createdAt: change.at,
      })),
    );
    return 1 + history.changes.length;
  }

  private async seedAmendments(
    documentId: string,
    amendments: PlacedDemoAmendment[],
    memberOf: Map<string, { id: string; role: MemberRole; affiliationId: string }>,
    lastSeq: number,
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
      // Written against the text now (the end of the seeded log); an accepted one was brought into Rev.1.
      const row = await this.amendments.insert(
        {
          documentId,
          paragraphId: amendment.paragraphId,
          label: amendment.label,
          kind: amendment.kind,
          text: amendment.text ?? null,
          justification: amendment.justification,
          baseSeq: lastSeq,
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

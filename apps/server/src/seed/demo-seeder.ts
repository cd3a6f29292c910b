import { fromPlainText } from '@accord/text';
import { toYUpdate } from '@accord/text/yjs';
import { Injectable } from '@nestjs/common';
import { hashPassword } from '../auth/password.js';
import { UsersRepository } from '../auth/users.repository.js';
import { DocumentLogRepository } from '../collab/document-log.repository.js';
import { AffiliationsRepository } from '../dialogues/affiliations.repository.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { MembershipsRepository } from '../dialogues/memberships.repository.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { DEMO_PASSWORD, demoDialogue, demoDocument, demoMembers } from './demo-data.js';
import { demoRollingText } from './demo-rolling-text.js';
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
  ) {}

  async run(): Promise<SeedResult> {
    // Every later start finds data: answer it without hashing seven passwords.
    if (!(await this.seed.isEmpty())) return { seeded: false, signIns: [] };
    // Hashing is slow; do it before taking the lock, which re-checks for a server that seeded meanwhile.
    const hashes = await Promise.all(demoMembers.map(() => hashPassword(DEMO_PASSWORD)));
    // Parsed before the transaction too: a mistake in the demo text fails here, before anything is written.
    const content = toYUpdate(fromPlainText(demoRollingText));
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
      for (const [i, member] of demoMembers.entries()) {
        const affiliation = await this.affiliations.findOrCreate(member.affiliation.name, member.affiliation.kind, tx);
        await this.memberships.insert({ dialogueId: dialogue.id, userId: userIds[i]!, role: member.role, affiliationId: affiliation.id }, tx);
      }
      const document = await this.documents.insert({ dialogueId: dialogue.id, ...demoDocument, createdBy: chairId }, tx);
      await this.log.writeInitialContent({ documentId: document!.id, update: content, userId: chairId }, tx);
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
}

export function formatSignIns(result: SeedResult): string {
  const rows = result.signIns.map((s) => `  ${s.role.padEnd(14)} ${s.email.padEnd(28)} ${s.displayName} (${s.affiliation})`);
  return [`Demo dialogue seeded. Sign in with any of these (password: ${DEMO_PASSWORD}):`, ...rows].join('\n');
}

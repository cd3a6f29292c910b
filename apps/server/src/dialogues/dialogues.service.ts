import type { createDialogueBody } from '@accord/contract';
import type { Database, Dialogue, MemberRole } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import type { RequestInfo } from '../common/request-info.js';
import { DATABASE } from '../common/tokens.js';
import { AffiliationsRepository } from './affiliations.repository.js';
import { CreationThrottle } from './creation-throttle.js';
import { DialogueAccess } from './dialogue-access.js';
import { DialoguesRepository } from './dialogues.repository.js';
import { MembershipsRepository } from './memberships.repository.js';

export type DialogueView = Dialogue & { myRole: MemberRole };

@Injectable()
export class DialoguesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly dialogues: DialoguesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly affiliations: AffiliationsRepository,
    private readonly access: DialogueAccess,
    private readonly audit: AuditService,
    private readonly creations: CreationThrottle,
  ) {}

  async listMine(userId: string): Promise<DialogueView[]> {
    const rows = await this.dialogues.listForUser(userId);
    return rows.map((r) => ({ ...r.dialogue, myRole: r.role }));
  }

  membershipsOf(userId: string) {
    return this.memberships.listForUser(userId);
  }

  async get(userId: string, dialogueId: string): Promise<DialogueView> {
    const membership = await this.access.require(userId, dialogueId, 'dialogue.view');
    const dialogue = await this.dialogues.findById(dialogueId);
    return { ...dialogue!, myRole: membership.role };
  }

  /** Anyone signed in may open a dialogue; its creator becomes its first chair. */
  async create(userId: string, input: z.output<typeof createDialogueBody>, request: RequestInfo): Promise<DialogueView> {
    await this.creations.consume('dialogue', userId);
    return this.db.transaction(async (tx) => {
      const affiliation = input.affiliation
        ? await this.affiliations.findOrCreate(input.affiliation.name, input.affiliation.kind, tx)
        : null;
      const dialogue = await this.dialogues.insert(
        { title: input.title, description: input.description, attributionMode: input.attributionMode, createdBy: userId },
        tx,
      );
      await this.memberships.insert({ dialogueId: dialogue.id, userId, role: 'chair', affiliationId: affiliation?.id ?? null }, tx);
      await this.audit.record(
        { actorId: userId, action: 'dialogue.created', dialogueId: dialogue.id, target: { type: 'dialogue', id: dialogue.id }, request },
        tx,
      );
      return { ...dialogue, myRole: 'chair' as const };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type AuditEventView, auditView } from './audit-view.js';
import { DialogueAccess } from './dialogue-access.js';
import { DialoguesRepository } from './dialogues.repository.js';

/** The dialogue's audit trail as one steward may read it (audit-view.ts decides what each record shows). */
@Injectable()
export class DialogueAuditService {
  constructor(
    private readonly access: DialogueAccess,
    private readonly audit: AuditService,
    private readonly dialogues: DialoguesRepository,
  ) {}

  async list(userId: string, dialogueId: string, limit: number): Promise<AuditEventView[]> {
    const membership = await this.access.require(userId, dialogueId, 'audit.view');
    const dialogue = await this.dialogues.findById(dialogueId);
    const viewer = { userId, role: membership.role, affiliationId: membership.affiliationId };
    // The limit counts records shown: had hidden ones taken their places, a short page would tell
    // the reader that something was kept from them. Read on until the page is full or the trail ends.
    const shown: AuditEventView[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await this.audit.listForDialogue(dialogueId, limit, beforeId);
      shown.push(...auditView(page, viewer, dialogue!.attributionMode));
      if (shown.length >= limit || page.length < limit) break;
      beforeId = page.at(-1)!.id;
    }
    return shown.slice(0, limit);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { Zod } from '../common/validation.js';
import { type AuditEventView, auditView } from './audit-view.js';
import { DialogueAccess } from './dialogue-access.js';
import { DialoguesRepository } from './dialogues.repository.js';
import { uuidParam } from './dialogues.schemas.js';

const limitQuery = z.coerce.number().int().min(1).max(1000).default(200);

/** The dialogue's audit trail, for those who steer it, filtered by audit-view's rules. */
@Controller('api/dialogues/:dialogueId/audit')
export class DialogueAuditController {
  constructor(
    private readonly access: DialogueAccess,
    private readonly audit: AuditService,
    private readonly dialogues: DialoguesRepository,
  ) {}

  @Get()
  async list(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Query('limit', new Zod(limitQuery)) limit: number,
  ) {
    const membership = await this.access.require(auth.user.id, dialogueId, 'audit.view');
    const dialogue = await this.dialogues.findById(dialogueId);
    const viewer = { userId: auth.user.id, role: membership.role, affiliationId: membership.affiliationId };
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
    return { events: shown.slice(0, limit) };
  }
}

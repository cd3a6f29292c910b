import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { Zod } from '../common/validation.js';
import { DialogueAuditService } from './dialogue-audit.service.js';
import { uuidParam } from './dialogues.schemas.js';

const limitQuery = z.coerce.number().int().min(1).max(1000).default(200);

/** The dialogue's audit trail, for those who steer it. */
@Controller('api/dialogues/:dialogueId/audit')
export class DialogueAuditController {
  constructor(private readonly trail: DialogueAuditService) {}

  @Get()
  async list(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Query('limit', new Zod(limitQuery)) limit: number,
  ) {
    return { events: await this.trail.list(auth.user.id, dialogueId, limit) };
  }
}

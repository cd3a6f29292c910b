import { steerSessionBody } from '@accord/contract';
import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { SessionModeService } from './session-mode.service.js';

/** Session mode: the paragraph under negotiation now and who has the floor; docs/session-mode.md. */
@Controller('api/dialogues/:dialogueId/documents/:documentId/session-mode')
export class SessionModeController {
  constructor(private readonly sessionMode: SessionModeService) {}

  @Get()
  get(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ) {
    return this.sessionMode.get(auth.user.id, dialogueId, documentId);
  }

  @Put()
  steer(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
    @Body(new Zod(steerSessionBody)) body: z.output<typeof steerSessionBody>,
  ) {
    return this.sessionMode.steer(auth.user.id, dialogueId, documentId, body);
  }

  @Delete()
  end(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('documentId', new Zod(uuidParam)) documentId: string,
  ) {
    return this.sessionMode.end(auth.user.id, dialogueId, documentId);
  }
}

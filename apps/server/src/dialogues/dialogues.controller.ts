import { createDialogueBody } from '@accord/contract';
import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { publicUser } from '../auth/users.repository.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from './dialogues.schemas.js';
import { DialoguesService } from './dialogues.service.js';

@Controller('api')
export class DialoguesController {
  constructor(private readonly dialogues: DialoguesService) {}

  @Get('me')
  async me(@Auth() auth: ValidSession) {
    return { user: publicUser(auth.user), memberships: await this.dialogues.membershipsOf(auth.user.id) };
  }

  @Get('dialogues')
  async listMine(@Auth() auth: ValidSession) {
    return { dialogues: await this.dialogues.listMine(auth.user.id) };
  }

  @Post('dialogues')
  create(
    @Auth() auth: ValidSession,
    @Body(new Zod(createDialogueBody)) body: z.output<typeof createDialogueBody>,
    @Req() req: Request,
  ) {
    return this.dialogues.create(auth.user.id, body, requestInfo(req));
  }

  @Get('dialogues/:dialogueId')
  get(@Auth() auth: ValidSession, @Param('dialogueId', new Zod(uuidParam)) dialogueId: string) {
    return this.dialogues.get(auth.user.id, dialogueId);
  }
}

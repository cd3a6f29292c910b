import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { Auth } from '../auth/auth-context.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { changeMemberBody } from './members.schemas.js';
import { MembersService } from './members.service.js';

@Controller('api/dialogues/:dialogueId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  async list(@Auth() auth: ValidSession, @Param('dialogueId', new Zod(uuidParam)) dialogueId: string) {
    return { members: await this.members.list(auth.user.id, dialogueId) };
  }

  @Patch(':userId')
  @HttpCode(204)
  change(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('userId', new Zod(uuidParam)) userId: string,
    @Body(new Zod(changeMemberBody)) body: z.output<typeof changeMemberBody>,
    @Req() req: Request,
  ) {
    return this.members.change(auth.user.id, dialogueId, userId, body, requestInfo(req));
  }

  @Delete(':userId')
  @HttpCode(204)
  remove(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('userId', new Zod(uuidParam)) userId: string,
    @Req() req: Request,
  ) {
    return this.members.remove(auth.user.id, dialogueId, userId, requestInfo(req));
  }
}

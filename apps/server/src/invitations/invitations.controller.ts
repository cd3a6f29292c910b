import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { Auth, OptionalAuth, Public } from '../auth/auth-context.js';
import { SessionCookie } from '../auth/session-cookie.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { uuidParam } from '../dialogues/dialogues.schemas.js';
import { acceptInvitationBody, createInvitationBody, invitationTokenParam } from './invitations.schemas.js';
import { InvitationsService } from './invitations.service.js';

@Controller('api')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly cookie: SessionCookie,
  ) {}

  @Post('dialogues/:dialogueId/invitations')
  create(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Body(new Zod(createInvitationBody)) body: z.output<typeof createInvitationBody>,
    @Req() req: Request,
  ) {
    return this.invitations.create(auth.user.id, dialogueId, body, requestInfo(req));
  }

  @Get('dialogues/:dialogueId/invitations')
  async list(@Auth() auth: ValidSession, @Param('dialogueId', new Zod(uuidParam)) dialogueId: string) {
    return { invitations: await this.invitations.listPending(auth.user.id, dialogueId) };
  }

  /** A fresh link (the old one stops working), mailed again when the invitation is bound to an address. */
  @Post('dialogues/:dialogueId/invitations/:invitationId/resend')
  @HttpCode(200)
  resend(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('invitationId', new Zod(uuidParam)) invitationId: string,
    @Req() req: Request,
  ) {
    return this.invitations.resend(auth.user.id, dialogueId, invitationId, requestInfo(req));
  }

  @Delete('dialogues/:dialogueId/invitations/:invitationId')
  @HttpCode(204)
  revoke(
    @Auth() auth: ValidSession,
    @Param('dialogueId', new Zod(uuidParam)) dialogueId: string,
    @Param('invitationId', new Zod(uuidParam)) invitationId: string,
    @Req() req: Request,
  ) {
    return this.invitations.revoke(auth.user.id, dialogueId, invitationId, requestInfo(req));
  }

  @Public()
  @Get('invitations/:token')
  preview(@Param('token', new Zod(invitationTokenParam)) token: string) {
    return this.invitations.preview(token);
  }

  @Public()
  @Post('invitations/:token/accept')
  @HttpCode(200)
  async accept(
    @OptionalAuth() auth: ValidSession | undefined,
    @Param('token', new Zod(invitationTokenParam)) token: string,
    @Body(new Zod(acceptInvitationBody)) body: z.output<typeof acceptInvitationBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const accepted = await this.invitations.accept(token, body, auth, requestInfo(req));
    if ('status' in accepted) {
      res.status(202);
      return accepted;
    }
    if (accepted.signedIn) this.cookie.set(res, accepted.signedIn.token, accepted.signedIn.expiresAt);
    return accepted;
  }
}

import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { Auth, Public } from '../auth/auth-context.js';
import { SessionCookie } from '../auth/session-cookie.js';
import type { ValidSession } from '../auth/session.service.js';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { changePasswordBody, passwordResetBody, passwordResetRequestBody, verifyEmailBody } from './account.schemas.js';
import { AccountService } from './account.service.js';

@Controller('api/auth')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Post('verify-email')
  @HttpCode(200)
  async verifyEmail(
    @Body(new Zod(verifyEmailBody)) body: z.output<typeof verifyEmailBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const signedIn = await this.account.verifyAddress(body.token, body.password, requestInfo(req));
    this.cookie.set(res, signedIn.token, signedIn.expiresAt);
    return signedIn;
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  async requestReset(@Body(new Zod(passwordResetRequestBody)) body: z.output<typeof passwordResetRequestBody>, @Req() req: Request) {
    await this.account.requestPasswordReset(body.email, requestInfo(req));
    return { status: 'check_your_mail' as const };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  async reset(
    @Body(new Zod(passwordResetBody)) body: z.output<typeof passwordResetBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const signedIn = await this.account.resetPassword(body.token, body.password, requestInfo(req));
    this.cookie.set(res, signedIn.token, signedIn.expiresAt);
    return signedIn;
  }

  @Post('password')
  @HttpCode(204)
  async changePassword(
    @Auth() auth: ValidSession,
    @Body(new Zod(changePasswordBody)) body: z.output<typeof changePasswordBody>,
    @Req() req: Request,
  ) {
    await this.account.changePassword(auth, body.currentPassword, body.newPassword, requestInfo(req));
  }
}

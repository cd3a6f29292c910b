import { loginBody } from '@accord/contract';
import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { requestInfo } from '../common/request-info.js';
import { Zod } from '../common/validation.js';
import { Auth, OptionalAuth, Public } from './auth-context.js';
import { AuthService } from './auth.service.js';
import { SessionCookie } from './session-cookie.js';
import type { ValidSession } from './session.service.js';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new Zod(loginBody)) body: z.output<typeof loginBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const signedIn = await this.auth.login(body.email, body.password, requestInfo(req));
    this.cookie.set(res, signedIn.token, signedIn.expiresAt);
    return signedIn;
  }

  /**
   * Whether the caller is signed in: 200 with `me`, or with null, never a 401, so a signed-out page
   * load leaves no error in the browser's console. The session guard has already validated the cookie
   * or token exactly as for /api/me (the same sliding idle window; a dead cookie is cleared).
   */
  @Public()
  @Get('session')
  // The answer is this caller's at this moment: no cache may hand it to anyone later.
  @Header('Cache-Control', 'no-store')
  async session(@OptionalAuth() auth: ValidSession | undefined) {
    return { me: auth ? await this.auth.describe(auth.user) : null };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Auth() auth: ValidSession, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(auth.user.id, auth.session.id, requestInfo(req));
    this.cookie.clear(res);
  }
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AppError } from '../common/app-error.js';
import { type AuthenticatedRequest, PUBLIC_ROUTE } from './auth-context.js';
import { SessionCookie } from './session-cookie.js';
import { SessionService } from './session.service.js';

/** Authenticates every request by bearer token or cookie; only @Public() routes admit strangers. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    private readonly reflector: Reflector,
    private readonly cookie: SessionCookie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const cookieToken = bearer ? undefined : this.cookie.read(req);
    const token = bearer ?? cookieToken;

    if (token) {
      const valid = await this.sessions.validate(token);
      if (valid) {
        req.auth = valid;
        req.sessionFromCookie = cookieToken !== undefined;
      } else if (cookieToken) {
        // A dead cookie is dropped so the browser stops presenting it.
        this.cookie.clear(http.getResponse<Response>());
      }
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (!isPublic && !req.auth) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    return true;
  }
}

import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';
import type { ValidSession } from './session.service.js';

/** Routes open to anonymous callers (sign-in, health, invitation links). */
export const PUBLIC_ROUTE = 'accord:public';
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export type AuthenticatedRequest = Request & { auth?: ValidSession; sessionFromCookie?: boolean };

/** The caller's session; guaranteed on non-public routes by SessionGuard. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): ValidSession => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return auth;
});

/** The caller's session when there is one, on public routes. */
export const OptionalAuth = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ValidSession | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth,
);

import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another site. SameSite=Lax already keeps
 * the cookie off cross-site POSTs; this also covers same-site subdomains and old browsers.
 * Requests without Origin or Sec-Fetch-Site come from scripts and the SDK, not from a page.
 */
@Injectable()
export class OriginGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const fetchSite = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if (fetchSite === 'cross-site') throw crossOrigin();
    if (origin !== undefined && !this.config.allowedOrigins.has(origin)) throw crossOrigin();
    return true;
  }
}

function crossOrigin(): AppError {
  return new AppError('CROSS_ORIGIN_REQUEST', 'Requests that change data must come from Accord itself');
}

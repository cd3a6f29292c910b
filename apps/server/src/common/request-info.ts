import type { Request } from 'express';

/** Who is on the other end, for audit rows and rate limits. `req.ip` honours TRUST_PROXY. */
export interface RequestInfo {
  address: string | null;
  userAgent: string | null;
}

export function requestInfo(req: Request): RequestInfo {
  return {
    address: req.ip ?? req.socket.remoteAddress ?? null,
    userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
  };
}

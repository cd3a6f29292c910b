import { parseCookie, stringifySetCookie } from 'cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

/**
 * The session cookie. Over HTTPS it takes the `__Host-` prefix, which browsers accept only with
 * Secure, Path=/ and no Domain: the cookie cannot be planted or widened by a sibling subdomain.
 */
@Injectable()
export class SessionCookie {
  readonly name: string;
  private readonly secure: boolean;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.secure = config.publicUrl.protocol === 'https:';
    this.name = this.secure ? '__Host-accord_session' : 'accord_session';
  }

  read(req: Request): string | undefined {
    const header = req.headers.cookie;
    return header ? parseCookie(header)[this.name] : undefined;
  }

  set(res: Response, token: string, expiresAt: Date): void {
    res.append('Set-Cookie', stringifySetCookie({ name: this.name, value: token, ...this.attributes(), expires: expiresAt }));
  }

  clear(res: Response): void {
    res.append('Set-Cookie', stringifySetCookie({ name: this.name, value: '', ...this.attributes(), maxAge: 0 }));
  }

  private attributes() {
    return { httpOnly: true, sameSite: 'lax', path: '/', secure: this.secure } as const;
  }
}

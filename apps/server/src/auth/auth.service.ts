import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Me } from '@accord/contract';
import type { User } from '@accord/db';
import { AppError } from '../common/app-error.js';
import { MembershipsRepository } from '../dialogues/memberships.repository.js';
import { DomainEvents } from '../common/domain-events.js';
import type { RequestInfo } from '../common/request-info.js';
import { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './password.js';
import { SessionService } from './session.service.js';
import { type PublicUser, publicUser, UsersRepository } from './users.repository.js';

export interface SignedIn {
  user: PublicUser;
  token: string;
  expiresAt: Date;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly memberships: MembershipsRepository,
  ) {}

  /**
   * The signed-in caller as `GET /api/me` describes them (test/auth-session-check.test.ts holds the
   * two answers equal), for the session check that answers signed-out callers too.
   */
  async describe(user: User): Promise<Me> {
    return { user: publicUser(user), memberships: await this.memberships.listForUser(user.id) };
  }

  /** Checks a password under the sign-in throttle; the same 401 whether the address or the password was wrong. */
  async verifyCredentials(email: string, password: string, request: RequestInfo) {
    const normalized = email.trim().toLowerCase();
    // Counted before the password is hashed: simultaneous guesses cannot outrun the limit.
    await this.throttle.consume(normalized, request.address);
    const user = await this.users.findByEmail(normalized);
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid) {
      await this.audit.record({
        actorId: user?.id ?? null,
        action: 'auth.login_failed',
        detail: { email: normalized },
        request,
      });
      throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    await this.throttle.succeeded(normalized, request.address);
    return user;
  }

  async login(email: string, password: string, request: RequestInfo): Promise<SignedIn> {
    const user = await this.verifyCredentials(email, password, request);
    this.assertAddressVerified(user);
    return this.startSession(user.id, publicUser(user), request);
  }

  /**
   * An account whose address nobody has proven cannot sign in. Called only after the right password,
   * so this distinct answer tells nothing to someone who does not know it; the account module mails
   * a fresh link (rate-limited).
   */
  assertAddressVerified(user: User): void {
    if (user.emailVerifiedAt) return;
    this.events.emit('account.unverified_sign_in', { userId: user.id });
    throw new AppError('EMAIL_UNVERIFIED', 'Confirm your address first: follow the link mailed to it (a new one is on its way)');
  }

  /** A new session for a user who has just proven who they are (sign-in, accepted invitation). */
  async startSession(userId: string, user: PublicUser, request: RequestInfo): Promise<SignedIn> {
    const { token, session } = await this.sessions.create(userId, request);
    await this.audit.record({ actorId: userId, action: 'auth.login', target: { type: 'session', id: session.id }, request });
    return { user, token, expiresAt: session.expiresAt };
  }

  async logout(userId: string, sessionId: string, request: RequestInfo): Promise<void> {
    await this.sessions.invalidate(sessionId);
    await this.audit.record({ actorId: userId, action: 'auth.logout', target: { type: 'session', id: sessionId }, request });
  }
}

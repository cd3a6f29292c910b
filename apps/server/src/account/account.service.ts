import type { AuthTokenPurpose, Database, User } from '@accord/db';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { AuthService, type SignedIn } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password.js';
import { generateSecretToken, parseSecretToken, secretMatches } from '../auth/secret-token.js';
import { SessionService, type ValidSession } from '../auth/session.service.js';
import { publicUser, UsersRepository } from '../auth/users.repository.js';
import { AppError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, CONFIG, DATABASE, LOGGER } from '../common/tokens.js';
import { validationError } from '../common/validation.js';
import type { AppConfig } from '../config/config.js';
import { MailService } from '../mail/mail.service.js';
import { accountExistsMail, mailLink, passwordChangedMail, resetPasswordMail, verifyAddressMail } from '../mail/templates.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { MailThrottle } from './mail-throttle.js';

/**
 * Who owns an address, and the password that goes with it: registration, verification by a mailed
 * link, password reset by a mailed link, password change.
 *
 * No answer here depends on whether an address has an account: registering a taken address answers
 * as a new one does (the owner is mailed instead), and a reset request always succeeds.
 *
 * A verification link must be used together with the account's password. Otherwise the owner of an
 * address, following a link from an account someone else created in their name, would hand that
 * account (and the password its creator knows) their proof. The owner takes such an account over by
 * a password reset instead, which proves the address and ends every session its creator had.
 */
@Injectable()
export class AccountService implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly users: UsersRepository,
    private readonly tokens: AuthTokensRepository,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly throttle: MailThrottle,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.on('account.unverified_sign_in', ({ userId }) => {
      this.resendVerification(userId).catch((error: unknown) => {
        this.logger.warn({ err: error, userId }, 'could not re-send a verification link');
      });
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * A new, unverified account (from an invitation link). A taken address gets the same answer and
   * costs the same work, but nothing changes: its owner is mailed a way in instead.
   */
  async register(input: { email: string; displayName: string; password: string }, request: RequestInfo): Promise<void> {
    await this.throttle.assertClientAllowed(request.address);
    const passwordHash = await hashPassword(input.password);
    const mayMail = await this.throttle.mayMail(input.email);
    const created = await this.users.create({ email: input.email, displayName: input.displayName, passwordHash, emailVerifiedAt: null });
    if (created) {
      await this.audit.record({ actorId: created.id, action: 'user.registered', target: { type: 'user', id: created.id }, request });
      if (mayMail) this.sendVerification(created);
      return;
    }
    const owner = await this.users.findByEmail(input.email);
    if (!owner || !mayMail) return;
    const ttlMs = this.config.tokens.resetTtlMs;
    this.mail.post(async () =>
      accountExistsMail(owner.email, {
        signInPage: this.link('/'),
        resetLink: this.link('/reset-password', await this.issue(owner.id, 'reset_password', ttlMs)),
        ttlMs,
      }),
    );
  }

  /** The mailed link plus the account's password prove the address; the caller is signed in. */
  async verifyAddress(token: string, password: string, request: RequestInfo): Promise<SignedIn> {
    const { user, tokenId } = await this.findLink(token, 'verify_email');
    await this.auth.verifyCredentials(user.email, password, request);
    await this.db.transaction(async (tx) => {
      if (!(await this.tokens.consume(tokenId, tx))) throw linkInvalid();
      await this.tokens.deleteAllOf(user.id, 'verify_email', tx);
      await this.users.markVerified(user.id, this.clock.now(), tx);
      await this.audit.record({ actorId: user.id, action: 'user.email_verified', target: { type: 'user', id: user.id }, request }, tx);
    });
    return this.auth.startSession(user.id, publicUser(user), request);
  }

  /** Always succeeds, with or without an account for the address; only an account is mailed. */
  async requestPasswordReset(email: string, request: RequestInfo): Promise<void> {
    await this.throttle.assertClientAllowed(request.address);
    const mayMail = await this.throttle.mayMail(email);
    const user = await this.users.findByEmail(email);
    await this.audit.record({ actorId: user?.id ?? null, action: 'auth.password_reset_requested', detail: { email }, request });
    if (!user || !mayMail) return;
    const ttlMs = this.config.tokens.resetTtlMs;
    // The link is issued after the answer, with the mail: the answer costs the same with or without an account.
    this.mail.post(async () => resetPasswordMail(user.email, { link: this.link('/reset-password', await this.issue(user.id, 'reset_password', ttlMs)), ttlMs }));
  }

  /**
   * The mailed link proves the address: a new password, the address verified, every session of the
   * account ended (with its sockets), and a new session for the caller.
   */
  async resetPassword(token: string, password: string, request: RequestInfo): Promise<SignedIn> {
    const { user, tokenId } = await this.findLink(token, 'reset_password');
    const passwordHash = await hashPassword(password);
    const revoked = await this.db.transaction(async (tx) => {
      if (!(await this.tokens.consume(tokenId, tx))) throw linkInvalid();
      await this.tokens.deleteAllOf(user.id, null, tx);
      await this.users.setPassword(user.id, passwordHash, tx);
      await this.users.markVerified(user.id, this.clock.now(), tx);
      const ended = await this.sessions.revokeAllOf(user.id, null, tx);
      await this.audit.record(
        { actorId: user.id, action: 'auth.password_reset', target: { type: 'user', id: user.id }, detail: { sessionsEnded: ended.length }, request },
        tx,
      );
      return ended;
    });
    this.sessions.announceRevoked(revoked);
    return this.auth.startSession(user.id, publicUser(user), request);
  }

  /** Needs the current password; ends every other session of the account, with its sockets. */
  async changePassword(auth: ValidSession, current: string, next: string, request: RequestInfo): Promise<void> {
    const { user, session } = auth;
    try {
      await this.auth.verifyCredentials(user.email, current, request);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') {
        throw validationError([{ field: 'currentPassword', message: 'is not your current password' }]);
      }
      throw error;
    }
    const passwordHash = await hashPassword(next);
    const revoked = await this.db.transaction(async (tx) => {
      await this.users.setPassword(user.id, passwordHash, tx);
      // A reset link asked for earlier must not undo the change.
      await this.tokens.deleteAllOf(user.id, 'reset_password', tx);
      const ended = await this.sessions.revokeAllOf(user.id, session.id, tx);
      await this.audit.record(
        { actorId: user.id, action: 'auth.password_changed', target: { type: 'user', id: user.id }, detail: { sessionsEnded: ended.length }, request },
        tx,
      );
      return ended;
    });
    this.sessions.announceRevoked(revoked);
    this.mail.post(passwordChangedMail(user.email, { forgotPage: this.link('/forgot-password') }));
  }

  /** After a refused sign-in with the right password: a fresh link, at most once per interval. */
  private async resendVerification(userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.emailVerifiedAt) return;
    if (!(await this.throttle.mayResendVerification(userId)) || !(await this.throttle.mayMail(user.email))) return;
    this.sendVerification(user);
  }

  private sendVerification(user: User): void {
    const ttlMs = this.config.tokens.verificationTtlMs;
    this.mail.post(async () =>
      verifyAddressMail(user.email, {
        displayName: user.displayName,
        link: this.link('/verify-email', await this.issue(user.id, 'verify_email', ttlMs)),
        resetPage: this.link('/forgot-password'),
        ttlMs,
      }),
    );
  }

  private async issue(userId: string, purpose: AuthTokenPurpose, ttlMs: number): Promise<string> {
    const { id, secretHash, token } = generateSecretToken();
    const now = this.clock.now();
    // Housekeeping where tokens are made: the table holds only links that can still be used.
    await this.tokens.deleteExpired(now);
    await this.tokens.insert({ id, secretHash, userId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) });
    return token;
  }

  private async findLink(token: string, purpose: AuthTokenPurpose): Promise<{ user: User; tokenId: string }> {
    const parsed = parseSecretToken(token);
    if (!parsed) throw linkInvalid();
    const found = await this.tokens.findWithUser(parsed.id, purpose);
    if (!found || !secretMatches(parsed.secret, found.token.secretHash) || found.token.expiresAt <= this.clock.now()) {
      throw linkInvalid();
    }
    return { user: found.user, tokenId: found.token.id };
  }

  private link(path: string, token?: string): string {
    return mailLink(this.config.publicUrl, path, token);
  }
}

function linkInvalid(): AppError {
  return new AppError('LINK_INVALID', 'This link is no longer valid (used, expired or replaced); ask for a new one');
}

import { Inject, Injectable } from '@nestjs/common';
import { RedisConnections } from '../cluster/redis-connections.js';
import { type SharedLimiter, sharedLimiter } from '../cluster/shared-limits.js';
import { AppError } from '../common/app-error.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

/**
 * Limits on the endpoints that send mail, so Accord cannot be used to flood a mailbox nor to spray
 * addresses. Per client address: the caller is told (429), which reveals only their own count. Per
 * recipient: mail is silently not sent, so the answer stays the same whether or not the address has
 * an account. Counted for all servers together, like the sign-in throttle.
 */
@Injectable()
export class MailThrottle {
  private readonly perClient: SharedLimiter;
  private readonly perRecipient: SharedLimiter;
  private readonly resend: SharedLimiter;

  constructor(@Inject(CONFIG) config: AppConfig, redis: RedisConnections) {
    const durationSeconds = Math.ceil(config.mail.windowMs / 1000);
    this.perClient = sharedLimiter(redis, 'mail-client', { points: config.mail.maxPerClient, durationSeconds });
    this.perRecipient = sharedLimiter(redis, 'mail-to', { points: config.mail.maxPerAddress, durationSeconds });
    this.resend = sharedLimiter(redis, 'mail-resend', { points: 1, durationSeconds: Math.ceil(config.mail.verificationResendMs / 1000) });
  }

  /** Counts one mail-sending request from a client address; 429 once its window is spent. */
  async assertClientAllowed(address: string | null): Promise<void> {
    if (!address) return;
    const retryAfterSeconds = await this.perClient.spend(address);
    if (retryAfterSeconds !== null) throw new AppError('RATE_LIMITED', 'Too many requests that send mail; try again later', { retryAfterSeconds });
  }

  /** Whether one more mail may go to this address now. */
  mayMail(email: string): Promise<boolean> {
    return this.perRecipient.trySpend(email);
  }

  /** Whether an unverified account may be sent a fresh verification link now. */
  mayResendVerification(userId: string): Promise<boolean> {
    return this.resend.trySpend(userId);
  }
}

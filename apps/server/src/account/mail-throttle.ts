import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { trySpend } from '../common/rate-limit.js';

/**
 * Limits on the endpoints that send mail, so Accord cannot be used to flood a mailbox nor to spray
 * addresses. Per client address: the caller is told (429), which reveals only their own count. Per
 * recipient: mail is silently not sent, so the answer stays the same whether or not the address has
 * an account. In memory: one server's view, like the sign-in throttle.
 */
@Injectable()
export class MailThrottle {
  private readonly perClient: RateLimiterMemory;
  private readonly perRecipient: RateLimiterMemory;
  private readonly resend: RateLimiterMemory;

  constructor(@Inject(CONFIG) config: AppConfig) {
    const duration = Math.ceil(config.mail.windowMs / 1000);
    this.perClient = new RateLimiterMemory({ points: config.mail.maxPerClient, duration, keyPrefix: 'mail-client' });
    this.perRecipient = new RateLimiterMemory({ points: config.mail.maxPerAddress, duration, keyPrefix: 'mail-to' });
    this.resend = new RateLimiterMemory({ points: 1, duration: Math.ceil(config.mail.verificationResendMs / 1000), keyPrefix: 'resend' });
  }

  /** Counts one mail-sending request from a client address; 429 once its window is spent. */
  async assertClientAllowed(address: string | null): Promise<void> {
    if (!address) return;
    try {
      await this.perClient.consume(address);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', 'Too many requests that send mail; try again later', { retryAfterSeconds });
    }
  }

  /** Whether one more mail may go to this address now. */
  mayMail(email: string): Promise<boolean> {
    return trySpend(this.perRecipient, email);
  }

  /** Whether an unverified account may be sent a fresh verification link now. */
  mayResendVerification(userId: string): Promise<boolean> {
    return trySpend(this.resend, userId);
  }
}

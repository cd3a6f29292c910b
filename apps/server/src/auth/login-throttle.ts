import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';
import { CONFIG } from '../common/tokens.js';

/**
 * Counts failed sign-ins per account and per address over a sliding window and refuses further
 * attempts once either count is spent. Successful sign-ins clear the account's count.
 * In memory: one server's view (a shared store arrives with multi-server deployments).
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(@Inject(CONFIG) config: AppConfig) {
    const duration = Math.ceil(config.login.failureWindowMs / 1000);
    this.perAccount = new RateLimiterMemory({ points: config.login.maxFailuresPerAccount, duration, keyPrefix: 'acct' });
    this.perAddress = new RateLimiterMemory({ points: config.login.maxFailuresPerAddress, duration, keyPrefix: 'addr' });
  }

  async assertAllowed(email: string, address: string | null): Promise<void> {
    const [account, origin] = await Promise.all([
      this.perAccount.get(email),
      address ? this.perAddress.get(address) : Promise.resolve(null),
    ]);
    const blocked = [
      exhausted(account, this.perAccount.points),
      exhausted(origin, this.perAddress.points),
    ].filter((ms): ms is number => ms !== undefined);
    if (blocked.length > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...blocked) / 1000));
      throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later', { retryAfterSeconds });
    }
  }

  async recordFailure(email: string, address: string | null): Promise<void> {
    // consume() rejects once the points are spent; the rejection is the expected signal, not an error.
    await Promise.all([
      this.perAccount.consume(email).catch(() => undefined),
      address ? this.perAddress.consume(address).catch(() => undefined) : undefined,
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}

function exhausted(res: RateLimiterRes | null, points: number): number | undefined {
  return res && res.consumedPoints >= points ? res.msBeforeNext : undefined;
}

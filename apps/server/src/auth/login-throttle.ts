import { Inject, Injectable } from '@nestjs/common';
import { RedisConnections } from '../cluster/redis-connections.js';
import { type SharedLimiter, sharedLimiter } from '../cluster/shared-limits.js';
import { AppError } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';
import { CONFIG } from '../common/tokens.js';

/**
 * The sign-in limits, after OWASP's guidance on account lockout. Three counts, each spent before the
 * password is verified (each spend is atomic, in Redis as in memory), so simultaneous guesses cannot
 * all slip under the limit while the first ones are still being hashed:
 * - per account and address: the tight one. A guesser elsewhere cannot lock the owner out;
 * - per address: one address spraying many accounts;
 * - per account, higher and over a longer window: a guesser spread over many addresses. Config
 *   keeps it above what one address may try against one account, so no single address reaches it.
 * An attempt refused by one count gives back what it took from the others, so refused attempts never
 * spend the account's ceiling. A successful sign-in gives its points back.
 * Counted for all servers together when they share Redis (cluster/shared-limits.ts).
 */
@Injectable()
export class LoginThrottle {
  private readonly perPair: SharedLimiter;
  private readonly perAddress: SharedLimiter;
  private readonly perAccount: SharedLimiter;

  constructor(@Inject(CONFIG) config: AppConfig, redis: RedisConnections) {
    const durationSeconds = Math.ceil(config.login.failureWindowMs / 1000);
    const { login } = config;
    this.perPair = sharedLimiter(redis, 'login-pair', { points: login.maxFailuresPerAccountAddress, durationSeconds });
    this.perAddress = sharedLimiter(redis, 'login-addr', { points: login.maxFailuresPerAddress, durationSeconds });
    this.perAccount = sharedLimiter(redis, 'login-acct', {
      points: login.maxFailuresPerAccount,
      durationSeconds: Math.ceil(login.accountFailureWindowMs / 1000),
    });
  }

  /** Spends one attempt from every count, or throws RATE_LIMITED having spent nothing that matters. */
  async consume(email: string, address: string | null): Promise<void> {
    const steps: Array<[SharedLimiter, string]> = [
      [this.perPair, pairKey(email, address)],
      [this.perAddress, address ?? UNKNOWN_ADDRESS],
      [this.perAccount, email],
    ];
    for (const [index, [limiter, key]] of steps.entries()) {
      const retryAfterSeconds = await limiter.spend(key);
      if (retryAfterSeconds === null) continue;
      await Promise.all(steps.slice(0, index).map(([taken, takenKey]) => taken.giveBack(takenKey)));
      throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later', { retryAfterSeconds });
    }
  }

  /** The password was right: the attempt was no failure. */
  async succeeded(email: string, address: string | null): Promise<void> {
    await Promise.all([
      this.perPair.reset(pairKey(email, address)),
      this.perAddress.giveBack(address ?? UNKNOWN_ADDRESS),
      this.perAccount.giveBack(email),
    ]);
  }
}

/** Requests without an address (none over TCP in practice) share one count. */
const UNKNOWN_ADDRESS = '-';

function pairKey(email: string, address: string | null): string {
  return `${address ?? UNKNOWN_ADDRESS} ${email}`;
}

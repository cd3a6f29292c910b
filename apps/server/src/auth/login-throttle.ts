import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import type { AppConfig } from '../config/config.js';
import { CONFIG } from '../common/tokens.js';

/**
 * The sign-in limits, after OWASP's guidance on account lockout. Three counts, each spent before the
 * password is verified (rate-limiter-flexible's consume is atomic), so simultaneous guesses cannot
 * all slip under the limit while the first ones are still being hashed:
 * - per account and address: the tight one. A guesser elsewhere cannot lock the owner out;
 * - per address: one address spraying many accounts;
 * - per account, higher and over a longer window: a guesser spread over many addresses. Config
 *   keeps it above what one address may try against one account, so no single address reaches it.
 * An attempt refused by one count gives back what it took from the others, so refused attempts never
 * spend the account's ceiling. A successful sign-in gives its points back.
 * In memory: one server's view (a shared store arrives with multi-server deployments).
 */
@Injectable()
export class LoginThrottle {
  private readonly perPair: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;
  private readonly perAccount: RateLimiterMemory;

  constructor(@Inject(CONFIG) config: AppConfig) {
    const duration = Math.ceil(config.login.failureWindowMs / 1000);
    const { login } = config;
    this.perPair = new RateLimiterMemory({ points: login.maxFailuresPerAccountAddress, duration, keyPrefix: 'pair' });
    this.perAddress = new RateLimiterMemory({ points: login.maxFailuresPerAddress, duration, keyPrefix: 'addr' });
    this.perAccount = new RateLimiterMemory({
      points: login.maxFailuresPerAccount,
      duration: Math.ceil(login.accountFailureWindowMs / 1000),
      keyPrefix: 'acct',
    });
  }

  /** Spends one attempt from every count, or throws RATE_LIMITED having spent nothing that matters. */
  async consume(email: string, address: string | null): Promise<void> {
    const steps: Array<[RateLimiterMemory, string]> = [
      [this.perPair, pairKey(email, address)],
      [this.perAddress, address ?? UNKNOWN_ADDRESS],
      [this.perAccount, email],
    ];
    for (const [index, [limiter, key]] of steps.entries()) {
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        await Promise.all(steps.slice(0, index).map(([taken, takenKey]) => giveBack(taken, takenKey)));
        const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later', { retryAfterSeconds });
      }
    }
  }

  /** The password was right: the attempt was no failure. */
  async succeeded(email: string, address: string | null): Promise<void> {
    await Promise.all([
      this.perPair.delete(pairKey(email, address)),
      giveBack(this.perAddress, address ?? UNKNOWN_ADDRESS),
      giveBack(this.perAccount, email),
    ]);
  }
}

/** Requests without an address (none over TCP in practice) share one count. */
const UNKNOWN_ADDRESS = '-';

function pairKey(email: string, address: string | null): string {
  return `${address ?? UNKNOWN_ADDRESS} ${email}`;
}

async function giveBack(limiter: RateLimiterMemory, key: string): Promise<void> {
  // Rewarding a count whose window has ended would start a new one below zero: a free attempt.
  const current = await limiter.get(key);
  if (current && current.consumedPoints > 0) await limiter.reward(key, 1);
}

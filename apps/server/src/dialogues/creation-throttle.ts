import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../common/app-error.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

export type Creation = 'dialogue' | 'document' | 'comment' | 'amendment';

const HOUR_SECONDS = 3600;

/**
 * How many dialogues, documents and comments one user may create per hour. Any signed-in user may open a
 * dialogue and so create documents in it, each with stored content and a room: without a limit, one
 * account could fill the database. In memory: one server's view, like the sign-in limits.
 */
@Injectable()
export class CreationThrottle {
  private readonly limiters: Record<Creation, RateLimiterMemory>;

  constructor(@Inject(CONFIG) config: AppConfig) {
    const { dialoguesPerHour, documentsPerHour, commentsPerHour, amendmentsPerHour } = config.creation;
    this.limiters = {
      dialogue: new RateLimiterMemory({ points: dialoguesPerHour, duration: HOUR_SECONDS, keyPrefix: 'create-dialogue' }),
      document: new RateLimiterMemory({ points: documentsPerHour, duration: HOUR_SECONDS, keyPrefix: 'create-document' }),
      // A busy session writes many; the limit only stops one account from flooding a text's margin.
      comment: new RateLimiterMemory({ points: commentsPerHour, duration: HOUR_SECONDS, keyPrefix: 'create-comment' }),
      amendment: new RateLimiterMemory({ points: amendmentsPerHour, duration: HOUR_SECONDS, keyPrefix: 'create-amendment' }),
    };
  }

  /** Spends one creation of the user's hour, or throws RATE_LIMITED with when to retry. */
  async consume(kind: Creation, userId: string): Promise<void> {
    const limiter = this.limiters[kind];
    try {
      await limiter.consume(userId);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `At most ${limiter.points} new ${kind}s an hour; try again later`, { retryAfterSeconds });
    }
  }
}

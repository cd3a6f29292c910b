import { Inject, Injectable } from '@nestjs/common';
import { RedisConnections } from '../cluster/redis-connections.js';
import { type SharedLimiter, sharedLimiter } from '../cluster/shared-limits.js';
import { AppError } from '../common/app-error.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

export type Creation = 'dialogue' | 'document' | 'comment' | 'amendment';

const HOUR_SECONDS = 3600;
const perHour = (points: number) => ({ points, durationSeconds: HOUR_SECONDS });

/**
 * How many dialogues, documents and comments one user may create per hour. Any signed-in user may open a
 * dialogue and so create documents in it, each with stored content and a room: without a limit, one
 * account could fill the database. Counted for all servers together, like the sign-in limits.
 */
@Injectable()
export class CreationThrottle {
  private readonly limiters: Record<Creation, SharedLimiter>;

  constructor(@Inject(CONFIG) config: AppConfig, redis: RedisConnections) {
    const { dialoguesPerHour, documentsPerHour, commentsPerHour, amendmentsPerHour } = config.creation;
    this.limiters = {
      dialogue: sharedLimiter(redis, 'create-dialogue', perHour(dialoguesPerHour)),
      document: sharedLimiter(redis, 'create-document', perHour(documentsPerHour)),
      // A busy session writes many; the limit only stops one account from flooding a text's margin.
      comment: sharedLimiter(redis, 'create-comment', perHour(commentsPerHour)),
      amendment: sharedLimiter(redis, 'create-amendment', perHour(amendmentsPerHour)),
    };
  }

  /** Spends one creation of the user's hour, or throws RATE_LIMITED with when to retry. */
  async consume(kind: Creation, userId: string): Promise<void> {
    const limiter = this.limiters[kind];
    const retryAfterSeconds = await limiter.spend(userId);
    if (retryAfterSeconds !== null) {
      throw new AppError('RATE_LIMITED', `At most ${limiter.points} new ${kind}s an hour; try again later`, { retryAfterSeconds });
    }
  }
}

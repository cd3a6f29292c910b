/**
 * Rate limits counted once for all servers. With Redis (REDIS_URL) a limit's count lives there, so a
 * guesser spread by the load balancer over every server still gets one allowance; without it the count
 * is this process's, as when Accord ran alone.
 *
 * Redis holds nothing Accord cannot lose, and a limit must never make a request wait for it: while the
 * connection is not ready, or a command takes longer than REDIS_ANSWER_MS, this server's own count
 * (rate-limiter-flexible's insurance limiter, the same points and window) answers at once. Each server
 * then counts alone until Redis is back: the limit holds per server, not across them.
 *
 * The services own the rules (which keys, what a refusal says); a limiter only counts.
 */
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { RedisConnections } from './redis-connections.js';

/** Longest a count waits for Redis before this server's own count answers instead. */
const REDIS_ANSWER_MS = 250;

export interface LimitSpec {
  /** Spends allowed per key in one window. */
  points: number;
  /** The window, in seconds, from a key's first spend. */
  durationSeconds: number;
}

export class SharedLimiter {
  constructor(
    readonly points: number,
    private readonly counter: RateLimiterAbstract,
  ) {}

  /**
   * Spends one point of `key`'s allowance: null if there was one, else the seconds until there is
   * (at least 1). Anything else the counter throws is a fault, not a refusal, and is thrown on.
   */
  async spend(key: string): Promise<number | null> {
    try {
      await this.counter.consume(key);
      return null;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  }

  /** Spends one point: true if there was one, false if the allowance is used up. */
  async trySpend(key: string): Promise<boolean> {
    return (await this.spend(key)) === null;
  }

  /** Gives back one point spent in the current window. */
  async giveBack(key: string): Promise<void> {
    // Rewarding a count whose window has ended would start a new one below zero: a free spend.
    const current = await this.counter.get(key);
    if (current && current.consumedPoints > 0) await this.counter.reward(key, 1);
  }

  /** Forgets `key`'s count. */
  async reset(key: string): Promise<void> {
    await this.counter.delete(key);
  }
}

/**
 * A limiter named `name` (unique among limiters: it is the count's key prefix in Redis, where every
 * server's limiter of that name shares it).
 */
export function sharedLimiter(redis: RedisConnections, name: string, spec: LimitSpec): SharedLimiter {
  const options = { points: spec.points, duration: spec.durationSeconds, keyPrefix: name };
  const local = new RateLimiterMemory(options);
  if (!redis.commands) return new SharedLimiter(spec.points, local);
  const shared = new RateLimiterRedis({
    ...options,
    keyPrefix: `accord:rl:${name}`,
    storeClient: redis.commands,
    // ioredis would queue commands until it reconnects; while it is not ready, count here instead.
    rejectIfRedisNotReady: true,
    insuranceLimiter: local,
  });
  // A connection that is "ready" but silent (a stalled server, a lost route) answers nothing: give up
  // on it after a moment (the wrapper takes `shared`'s insurance limiter). Not-ready and errors reach
  // the insurance limiter inside `shared` already.
  return new SharedLimiter(spec.points, new RLWrapperTimeouts({ limiter: shared, timeoutMs: REDIS_ANSWER_MS }));
}

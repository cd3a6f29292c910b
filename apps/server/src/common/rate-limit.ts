import { type RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Spends one point of `key`'s allowance: true if there was one, false if it is used up. Anything
 * else the limiter throws is a fault, not a refusal, and is thrown on.
 */
export async function trySpend(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return false;
    throw rejection;
  }
}

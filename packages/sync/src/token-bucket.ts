/**
 * A token bucket checked synchronously. The engine handles a connection's messages strictly in
 * arrival order; an asynchronous limiter would let a later message overtake an earlier one.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(count = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Takes `count` tokens whatever is left, into debt if need be: for a cost known only once paid. */
  charge(count: number): void {
    this.take(0);
    this.tokens -= count;
  }

  /** Seconds until `count` tokens are available again. */
  retryAfter(count = 1): number {
    return Math.max(1, Math.ceil((Math.min(count, this.burst) - this.tokens) / this.ratePerSecond));
  }
}

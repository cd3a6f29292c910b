import type { Clock } from '../../src/common/clock.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private time: number;

  constructor(start = new Date('2026-03-02T09:00:00Z')) {
    this.time = start.getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

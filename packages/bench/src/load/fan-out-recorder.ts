/**
 * Times one message at a time from its sending to its arrival at every receiver, on the load
 * generator's one clock: both ends live in this process. Used alike for a comment posted to Accord
 * and for a stateless message broadcast by Hocuspocus, so the two figures are read the same way.
 */
import type { FanOutResult, PhaseUsage } from '../protocol.js';
import { distribution } from '../stats.js';

const ARRIVAL_TIMEOUT_MS = 5_000;

interface InFlight {
  marker: number;
  sentAt: number;
  remaining: number;
  done: () => void;
}

export class FanOutRecorder {
  readonly latenciesMs: number[] = [];
  readonly requestMs: number[] = [];
  missing = 0;
  payloadBytes = 0;
  private current: InFlight | null = null;

  constructor(private readonly receivers: number) {}

  /**
   * Sends message `marker` with `send` (stamped just before it) and resolves once every receiver
   * has it, or after a timeout, counting those that never did.
   */
  async send(marker: number, send: () => Promise<void>): Promise<void> {
    let done!: () => void;
    const arrivedEverywhere = new Promise<void>((resolve) => (done = resolve));
    const sentAt = performance.now();
    this.current = { marker, sentAt, remaining: this.receivers, done };
    await send();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([arrivedEverywhere, new Promise<void>((resolve) => (timer = setTimeout(resolve, ARRIVAL_TIMEOUT_MS)))]);
    clearTimeout(timer);
    this.missing += this.current.remaining;
    this.current = null;
  }

  /** A receiver got message `marker`; `payload` is its size on arrival, in bytes. */
  arrived(marker: number, payloadBytes: number): void {
    const now = performance.now();
    const inFlight = this.current;
    if (!inFlight || inFlight.marker !== marker || inFlight.remaining === 0) return;
    this.latenciesMs.push(now - inFlight.sentAt);
    this.payloadBytes = payloadBytes;
    if (--inFlight.remaining === 0) inFlight.done();
  }

  /** `usage`: who used the CPU while the messages went out. */
  result(messages: number, usage: PhaseUsage): FanOutResult {
    return {
      receivers: this.receivers,
      messages,
      latencyMs: distribution(this.latenciesMs),
      missing: this.missing,
      requestMs: this.requestMs.length > 0 ? distribution(this.requestMs) : null,
      payloadBytes: this.payloadBytes,
      serverCpuMs: usage.serverCpuUs / 1000 / messages,
      databaseCpuMs: usage.databaseCpuUs === null ? null : usage.databaseCpuUs / 1000 / messages,
    };
  }
}

/** The message number a body or payload carries as `#<n>`; null if none. */
export function markerIn(text: string): number | null {
  const match = /#(\d+)\b/.exec(text);
  return match ? Number(match[1]) : null;
}

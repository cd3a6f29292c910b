/**
 * Every refusal sent to a client is logged once, at warn, so an operator sees a client that keeps
 * sending what the server will not take (an editor bug, an oversized paste, a hostile script). A
 * refusal is cheap to provoke and a log line is not, so each connection gets at most a few lines a
 * minute; the next line says how many were left out.
 */
import { TokenBucket } from '@accord/sync';
import type { ErrorPayload } from '@accord/sync/protocol';

export interface RefusalLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Log lines per connection per minute, in bursts of as many. */
export const REFUSALS_LOGGED_PER_MINUTE = 10;

export class ConnectionRefusalLog {
  private readonly bucket = new TokenBucket(REFUSALS_LOGGED_PER_MINUTE / 60, REFUSALS_LOGGED_PER_MINUTE);
  private suppressed = 0;

  constructor(
    private readonly log: RefusalLogger,
    private readonly who: { connectionId: string; userId: string; sessionId: string },
  ) {}

  refused(documentId: string, seq: number, error: ErrorPayload): void {
    if (!this.bucket.take()) {
      this.suppressed++;
      return;
    }
    const left = this.suppressed > 0 ? { refusalsNotLogged: this.suppressed } : {};
    this.suppressed = 0;
    this.log.warn({ ...this.who, documentId, seq, code: error.code, reason: error.message, ...left }, 'refused a message from a client');
  }
}

/**
 * GET requests timed twice: by the server itself (its `Server-Timing: app;dur=<ms>` header, from the
 * request's arrival until the answer's headers are written, serialization included) and by the
 * client (the round trip on loopback until the whole body has arrived).
 */
import type { TimedRequests } from '../protocol.js';
import { distribution } from '../stats.js';

/** The `dur` of the named metric in a Server-Timing header, in ms; null when absent or malformed. */
export function serverTimingMs(header: string | null, metric = 'app'): number | null {
  if (!header) return null;
  for (const entry of header.split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    if (name !== metric) continue;
    for (const param of params) {
      const [key, value] = param.split('=').map((part) => part.trim());
      if (key !== 'dur' || value === undefined) continue;
      const ms = Number(value.replace(/^"|"$/g, ''));
      return Number.isFinite(ms) && ms >= 0 ? ms : null;
    }
  }
  return null;
}

export interface TimedGet {
  url: string;
  token: string;
  /** Requests before the measured ones: the first read of a document loads it. */
  warmup: number;
  count: number;
}

export async function timeGets({ url, token, warmup, count }: TimedGet): Promise<TimedRequests & { body: unknown }> {
  const server: number[] = [];
  const roundTrip: number[] = [];
  let bytes = 0;
  let body: unknown = null;
  let withoutTiming = 0;
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const raw = await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${Buffer.from(raw).toString('utf8').slice(0, 300)}`);
    if (i < warmup) continue;
    roundTrip.push(elapsed);
    const ms = serverTimingMs(response.headers.get('server-timing'));
    if (ms === null) withoutTiming++;
    else server.push(ms);
    bytes = raw.byteLength;
    if (i === warmup + count - 1) body = JSON.parse(Buffer.from(raw).toString('utf8')) as unknown;
  }
  return { serverMs: withoutTiming > 0 ? null : distribution(server), roundTripMs: distribution(roundTrip), bytes, body };
}

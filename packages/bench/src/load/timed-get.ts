/**
 * One GET timed twice, as W4 reads the history: by the server (its `Server-Timing: app;dur=<ms>`,
 * from the request's arrival until the answer's headers are written) and by the client (the round
 * trip on loopback until the whole body has arrived).
 */
import type { RequestTimes, TimedRequest } from '../protocol.js';
import { distribution } from '../stats.js';
import { serverTimingMs } from './timed-requests.js';

export interface TimedAnswer<T> extends TimedRequest {
  body: T;
  bytes: number;
}

export async function timedGet<T>(url: string, token: string): Promise<TimedAnswer<T>> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const raw = await response.arrayBuffer();
  const roundTripMs = performance.now() - started;
  const text = Buffer.from(raw).toString('utf8');
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  return { serverMs: serverTimingMs(response.headers.get('server-timing')), roundTripMs, serverCpuMs: null, body: JSON.parse(text) as T, bytes: raw.byteLength };
}

/** The distributions of timed requests; no server figure unless every answer carried one. */
export function requestTimes(requests: readonly TimedRequest[], serverCpuMs: number | null = null): RequestTimes {
  const server = requests.map((request) => request.serverMs);
  return {
    serverMs: server.every((ms): ms is number => ms !== null) ? distribution(server) : null,
    roundTripMs: distribution(requests.map((request) => request.roundTripMs)),
    serverCpuMs,
  };
}

/** Only the timings of an answer, for the results. */
export const timingOf = ({ serverMs, roundTripMs, serverCpuMs }: TimedRequest): TimedRequest => ({ serverMs, roundTripMs, serverCpuMs });

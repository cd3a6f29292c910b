/**
 * GET requests timed twice: by the server itself (its `Server-Timing: app;dur=<ms>` header, from the
 * request's arrival until the answer's headers are written, serialization included) and by the
 * client (the round trip on loopback until the whole body has arrived).
 */
import type { PhaseUsage, TimedRequests } from '../protocol.js';
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

/** Runs the measured requests inside a phase that records who used the CPU meanwhile. */
export type Measure = <T>(run: () => Promise<T>) => Promise<{ value: T; usage: PhaseUsage }>;

export async function timeGets({ url, token, warmup, count }: TimedGet, measure: Measure): Promise<TimedRequests & { body: unknown }> {
  const get = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const raw = await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${Buffer.from(raw).toString('utf8').slice(0, 300)}`);
    return { elapsed, raw, serverMs: serverTimingMs(response.headers.get('server-timing')) };
  };
  for (let i = 0; i < warmup; i++) await get();
  const { value: answers, usage } = await measure(async () => {
    const measured: Array<Awaited<ReturnType<typeof get>>> = [];
    for (let i = 0; i < count; i++) measured.push(await get());
    return measured;
  });
  const server = answers.map((answer) => answer.serverMs);
  const last = answers.at(-1)!;
  return {
    serverMs: server.every((ms): ms is number => ms !== null) ? distribution(server) : null,
    roundTripMs: distribution(answers.map((answer) => answer.elapsed)),
    serverCpuMs: usage.serverCpuUs / 1000 / count,
    databaseCpuMs: usage.databaseCpuUs === null ? null : usage.databaseCpuUs / 1000 / count,
    bytes: last.raw.byteLength,
    body: JSON.parse(Buffer.from(last.raw).toString('utf8')) as unknown,
  };
}

/**
 * The load balancer in front of the test's servers, doing what infra/'s HAProxy does: a connection
 * whose first request names a document (`/socket.io/?doc=<id>&…`, the SDK's `routeKey`) goes to the
 * server that hashing picks for that document, so it usually reaches the document's owner; others go
 * round robin. Rendezvous hashing over the healthy servers moves only the documents of a server that
 * drops out. A connection to a server that refuses it is retried on the next one (HAProxy's
 * `option redispatch`); an open connection is never cut when its server is marked down.
 *
 * Health is GET /health every 250 ms with a 400 ms timeout: two failures mark a server down, one
 * success up again, so a server that is killed or paused drops out within about a second.
 */
import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Backend {
  id: string;
  port: number;
}

interface BackendState extends Backend {
  up: boolean;
  failures: number;
  checking: boolean;
}

export interface HealthChange {
  id: string;
  up: boolean;
  at: number;
}

const CHECK_EVERY_MS = 250;
const CHECK_TIMEOUT_MS = 400;
const FAILURES_TO_DOWN = 2;
/** Longest the proxy waits for a request line before it gives up on a connection. */
const FIRST_LINE_MAX_BYTES = 8192;

export class HashProxy {
  /** Every time a server was marked down or up, in order. */
  readonly healthChanges: HealthChange[] = [];
  /** Connections handed to each server, by id. */
  readonly routed = new Map<string, number>();
  /** The server the last connection for each key went to. */
  readonly lastRoute = new Map<string, string>();
  private readonly backends: BackendState[];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private nextRoundRobin = 0;
  private port = 0;

  constructor(backends: Backend[]) {
    this.backends = backends.map((b) => ({ ...b, up: true, failures: 0, checking: false }));
    this.server = createServer((client) => this.accept(client));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  isUp(id: string): boolean {
    return this.backends.find((b) => b.id === id)?.up ?? false;
  }

  async listen(): Promise<void> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.port = (this.server.address() as { port: number }).port;
    this.timer = setInterval(() => {
      for (const backend of this.backends) void this.check(backend);
    }, CHECK_EVERY_MS);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise((done) => this.server.close(done));
  }

  /** The servers in the order a connection for `key` tries them: healthy ones by rendezvous score. */
  candidates(key: string | null): Backend[] {
    const healthy = this.backends.filter((b) => b.up);
    // With every server marked down, try them all rather than refuse: health may lag behind.
    const pool = healthy.length > 0 ? healthy : this.backends;
    if (key === null) {
      const start = this.nextRoundRobin++ % pool.length;
      return [...pool.slice(start), ...pool.slice(0, start)];
    }
    return pool.toSorted((a, b) => score(key, b.id) - score(key, a.id));
  }

  private accept(client: Socket): void {
    this.track(client);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const lineEnd = buffered.indexOf('\r\n');
      if (lineEnd < 0 && buffered.length < FIRST_LINE_MAX_BYTES) return;
      client.off('data', onData);
      client.pause();
      const line = buffered.subarray(0, lineEnd < 0 ? buffered.length : lineEnd).toString('latin1');
      const key = documentOf(line);
      this.forward(client, buffered, this.candidates(key), key);
    };
    client.on('data', onData);
    client.on('error', () => client.destroy());
  }

  /** Connects to the first candidate that accepts, writes what was read already, then pipes both ways. */
  private forward(client: Socket, head: Buffer, candidates: Backend[], key: string | null): void {
    const [backend, ...rest] = candidates;
    if (!backend || client.destroyed) {
      client.destroy();
      return;
    }
    const upstream = connect(backend.port, '127.0.0.1');
    this.track(upstream);
    const refused = () => {
      upstream.destroy();
      this.forward(client, head, rest, key);
    };
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      this.routed.set(backend.id, (this.routed.get(backend.id) ?? 0) + 1);
      if (key !== null) this.lastRoute.set(key, backend.id);
      upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        from.on('error', () => to.destroy());
        from.on('close', () => to.destroy());
      }
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async check(backend: BackendState): Promise<void> {
    if (backend.checking) return;
    backend.checking = true;
    let ok = false;
    try {
      const response = await fetch(`http://127.0.0.1:${backend.port}/health`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      ok = response.ok;
      await response.body?.cancel();
    } catch {
      ok = false;
    } finally {
      backend.checking = false;
    }
    if (ok) {
      backend.failures = 0;
      if (!backend.up) this.mark(backend, true);
    } else if (++backend.failures >= FAILURES_TO_DOWN && backend.up) {
      this.mark(backend, false);
    }
  }

  private mark(backend: BackendState, up: boolean): void {
    backend.up = up;
    this.healthChanges.push({ id: backend.id, up, at: Date.now() });
  }
}

/** The `doc` query parameter of a request line such as `GET /socket.io/?doc=…&EIO=4 HTTP/1.1`. */
export function documentOf(requestLine: string): string | null {
  const target = requestLine.split(' ')[1];
  if (!target) return null;
  try {
    return new URL(target, 'http://proxy').searchParams.get('doc') || null;
  } catch {
    return null;
  }
}

function score(key: string, node: string): number {
  return createHash('sha1').update(`${key}\0${node}`).digest().readUInt32BE(0);
}

/**
 * "Offline" within 2 s of losing the server, not socket.io's 20 s: the SDK's liveness probe against a
 * real server, through a TCP proxy that can go silent as a dead uplink does (nothing forwarded,
 * nothing closed). And the server's side of the probe: answered, checked, rate-limited.
 */
import { createServer, type Server, type Socket as NetSocket, connect as netConnect } from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordClient, LIVENESS } from '../src/index.js';
import { wireParser } from '../src/wire.js';
import { CollabFixture, eventually } from '../../../apps/server/test/support/collab.js';
import { draft } from '../../../apps/server/test/support/rolling-text.js';
import { startTestServer, type TestServer } from '../../../apps/server/test/support/test-server.js';

/** A proxy to the server that can stop passing bytes either way while keeping every connection open. */
class SilentProxy {
  private silent = false;
  private readonly held: Array<() => void> = [];
  private readonly sockets = new Set<NetSocket>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<SilentProxy> {
    const { hostname, port } = new URL(target);
    let proxy: SilentProxy | null = null;
    const server = createServer((downstream) => {
      const upstream = netConnect(Number(port), hostname);
      for (const socket of [downstream, upstream]) {
        proxy!.sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          proxy!.sockets.delete(socket);
          downstream.destroy();
          upstream.destroy();
        });
      }
      downstream.on('data', (chunk: Buffer) => proxy!.pass(upstream, chunk));
      upstream.on('data', (chunk: Buffer) => proxy!.pass(downstream, chunk));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port: listening } = server.address() as { port: number };
    proxy = new SilentProxy(server, `http://127.0.0.1:${listening}`);
    return proxy;
  }

  private pass(to: NetSocket, chunk: Buffer): void {
    if (this.silent) this.held.push(() => to.write(chunk));
    else to.write(chunk);
  }

  goSilent(): void {
    this.silent = true;
  }

  /** The network is back: what was held is delivered, in order. */
  speak(): void {
    this.silent = false;
    for (const deliver of this.held.splice(0)) deliver();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((done) => this.server.close(done));
  }
}

let t: TestServer;
let f: CollabFixture;
let proxy: SilentProxy;

beforeAll(async () => {
  t = await startTestServer();
  f = new CollabFixture(t);
  proxy = await SilentProxy.start(t.url);
});

afterAll(async () => {
  f?.close();
  await proxy?.close();
  await t?.close();
});

/** Milliseconds until `check` holds, polled every 20 ms. */
async function timeUntil(check: () => boolean, limitMs = 30_000): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - started;
}

describe('the liveness probe', () => {
  it('shows a document offline within 2 s of the server going silent, and saved again when it answers, on the same connection', async () => {
    const documentId = await f.createDocument();
    const client = await AccordClient.connect({ url: proxy.url, token: await f.token('veloria'), transports: ['websocket'] });
    f.clients.push(client);
    const handle = client.open(documentId);
    await handle.synced;
    draft(handle.doc).insert(0, 'Before. ');
    await handle.whenSaved();

    proxy.goSilent();
    const toOffline = await timeUntil(() => handle.status === 'offline');
    process.stdout.write(`Server silent to "offline" (SDK, idle document): ${Math.round(toOffline)} ms\n`);
    expect(toOffline).toBeLessThanOrEqual(2000);
    // Typed while the server is silent: kept, not lost.
    draft(handle.doc).insert(8, 'During. ');
    expect(handle.status).toBe('offline');

    // Back before the connection is given up: the held probe answer and acknowledgement arrive.
    proxy.speak();
    await handle.whenSaved();
    expect(client.connected).toBe(true);
    expect(await f.storedText(documentId)).toBe('Before. During. ');
  });

  it('closes a connection that stays silent and reconnects through socket.io once the server answers; nothing typed meanwhile is lost', async () => {
    const documentId = await f.createDocument();
    const client = await AccordClient.connect({
      url: proxy.url,
      token: await f.token('arandia'),
      transports: ['websocket'],
      liveness: { reconnectMs: 2500 },
    });
    f.clients.push(client);
    const handle = client.open(documentId);
    await handle.synced;
    let disconnected = 0;
    (client as unknown as { socket: { on(e: string, l: () => void): void } }).socket.on('disconnect', () => disconnected++);

    proxy.goSilent();
    await timeUntil(() => handle.status === 'offline', 2500);
    draft(handle.doc).insert(0, 'Typed offline. ');
    await timeUntil(() => disconnected > 0, 10_000);
    // Reconnection attempts go through the silent proxy too: nothing until it speaks.
    await new Promise((r) => setTimeout(r, 500));
    expect(handle.status).toBe('offline');
    proxy.speak();
    await handle.whenSaved();
    expect(await f.storedText(documentId)).toBe('Typed offline. ');
  });

  it('sends no probe while the server is heard from, and none with no document open', async () => {
    const client = await AccordClient.connect({ url: t.url, token: await f.token('chair'), transports: ['websocket'] });
    f.clients.push(client);
    const socket = (client as unknown as { socket: { emit: (...args: unknown[]) => unknown } }).socket;
    let probes = 0;
    const emit = socket.emit.bind(socket);
    socket.emit = (...args: unknown[]) => {
      if (args[0] === 'probe') probes++;
      return emit(...args);
    };
    await new Promise((r) => setTimeout(r, LIVENESS.idleMs * 3));
    expect(probes).toBe(0);
    const handle = client.open(await f.createDocument());
    await handle.synced;
    await new Promise((r) => setTimeout(r, LIVENESS.idleMs * 4));
    // About two a second while idle: the server's answers are all it takes.
    expect(probes).toBeGreaterThanOrEqual(2);
    expect(probes).toBeLessThanOrEqual(6);
    expect(handle.status).toBe('synced');
  });
});

async function rawSocket() {
  const socket = io(t.url, { path: '/socket.io', parser: wireParser, transports: ['websocket'], auth: { token: await f.token('chair') }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

describe("the server's side of the probe", () => {
  it('answers a probe at once; refuses one without an acknowledgement, and a flood', async () => {
    const socket = await rawSocket();
    try {
      const rejected: Array<{ event: string; code: string }> = [];
      socket.on('rejected', (event: string, error: { code: string }) => rejected.push({ event, code: error.code }));
      const started = performance.now();
      await new Promise<void>((resolve) => socket.emit('probe', () => resolve()));
      expect(performance.now() - started).toBeLessThan(500);

      socket.emit('probe', 'not a callback');
      await eventually(() => expect(rejected).toContainEqual({ event: 'probe', code: 'INVALID_MESSAGE' }));

      let answered = 0;
      for (let i = 0; i < 60; i++) socket.emit('probe', () => answered++);
      await eventually(() => expect(rejected.filter((r) => r.code === 'RATE_LIMITED').length).toBeGreaterThan(0));
      // The burst is answered; the rest is refused, each with a reason.
      await eventually(() => expect(answered + rejected.filter((r) => r.code === 'RATE_LIMITED').length).toBe(60));
      expect(answered).toBeGreaterThanOrEqual(18);
      expect(answered).toBeLessThan(30);
    } finally {
      socket.close();
    }
  });
});

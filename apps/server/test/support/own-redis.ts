/** A redis-server of a test's own, on a free port, so the test can kill it and start it again. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { eventually } from './eventually.js';

export class OwnRedis {
  private process: ChildProcess | null = null;
  constructor(readonly port: number) {}

  /** Started on a free port; throws when redis-server is not on the PATH, so such a run cannot pass. */
  static async start(): Promise<OwnRedis> {
    if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('this test needs redis-server on the PATH');
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.process = child;
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused while redis-server starts: `connect` rejects, and the event would only repeat it.
    probe.on('error', () => {});
    try {
      await eventually(async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        if (probe.status !== 'ready') await probe.connect().catch((error: unknown) => {
          probe.disconnect();
          throw error;
        });
        if ((await probe.ping()) !== 'PONG') throw new Error('redis-server does not answer PING');
      }, 10_000);
    } finally {
      probe.disconnect();
    }
  }

  /** Killed outright, as a crash would end it. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * A Redis of the test's own, so the test can kill it and start it again on the same port (the
 * shared Redis other suites use must not go away under them). No persistence, as in production:
 * Redis holds nothing Accord cannot lose, and a restart comes back empty.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { sleep } from '../support/built-server.js';

export const REDIS_SERVER = '/usr/bin/redis-server';

export function redisServerInstalled(): boolean {
  return existsSync(REDIS_SERVER);
}

export class RedisProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    this.child = child;
    this.exited = new Promise((done) => child.on('exit', () => done()));
    const deadline = Date.now() + 10_000;
    while (!(await answers(this.port))) {
      if (!this.running) throw new Error(`redis-server exited while starting:\n${output}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${output}`);
      await sleep(25);
    }
  }

  /** Gone without a word, as a crashed Redis: every connection to it is cut at once. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }
}

/** Whether something on the port answers PING with PONG. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

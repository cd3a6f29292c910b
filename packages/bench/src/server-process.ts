/** The orchestrator's handle on one server child: fork its launcher, start, ask usage, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Rpc, childChannel } from './ipc.js';
import { WITHOUT_RULES, WITHOUT_SCHEMA_CHECK, isAccord, type ClusterNodeConfig, type ServerApi, type ServerKind, type ServerUsage, type StorageConfig, type StoredHistory } from './protocol.js';

const STOP_TIMEOUT_MS = 30_000;

export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly rpc: Rpc<ServerApi>,
    readonly url: string,
  ) {}

  /** `cluster`: start an Accord server as one node of several (X1). */
  static async launch(kind: ServerKind, storage: StorageConfig, port: number, cluster?: ClusterNodeConfig): Promise<ServerProcess> {
    const launcher = new URL(isAccord(kind) ? './servers/accord-server.js' : './servers/hocuspocus-server.js', import.meta.url);
    const args = kind === 'accord-unchecked' ? [WITHOUT_SCHEMA_CHECK] : kind === 'accord-without-rules' ? [WITHOUT_RULES] : [];
    const child = fork(launcher, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: process.env.BENCH_SERVER_EXEC_ARGV ? process.env.BENCH_SERVER_EXEC_ARGV.split(' ') : [] });
    const rpc = new Rpc<ServerApi>(childChannel(child));
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`the ${kind} server exited with code ${String(code)} while starting`);
    });
    try {
      const { url } = await Promise.race([rpc.call('start', { port, storage, ...(cluster ? { cluster } : {}) }), exited]);
      return new ServerProcess(child, rpc, url);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      exited.catch(() => {});
    }
  }

  usage(): Promise<ServerUsage> {
    return this.rpc.call('usage', null);
  }

  storedHistory(documentId: string): Promise<StoredHistory> {
    return this.rpc.call('storedHistory', { documentId });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      await this.rpc.call('stop', null).catch(() => null);
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    this.signal('SIGKILL');
  }

  /** SIGKILL is a crash; SIGTERM a graceful stop (the launcher closes the server, as main.ts does). */
  signal(signal: 'SIGKILL' | 'SIGTERM'): void {
    if (this.running) this.child.kill(signal);
  }

  /** The server process's id, for reading its memory in /proc (M1). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the process has exited (at once if it has). */
  async exited(): Promise<void> {
    if (this.running) await once(this.child, 'exit');
  }
}

/**
 * The test's Accord servers: the built server in child processes on one PostgreSQL database and one
 * Redis, each with its NODE_ID and port, which it keeps across restarts so the proxy and the
 * clients find it again.
 */
import { freePort, launch, type ServerProcess } from '../support/built-server.js';

/** The message packages/sync's engine logs when storage refused a commit under a lost lease. */
export const REFUSED_COMMIT = 'a commit was refused: another server took the document';

export class ServerNode {
  /** Every process this node has run, oldest first: killed ones keep their output for the report. */
  readonly runs: ServerProcess[] = [];

  constructor(
    readonly id: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get current(): ServerProcess | null {
    return this.runs.at(-1) ?? null;
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  get pid(): number {
    const pid = this.current?.child.pid;
    if (pid === undefined) throw new Error(`${this.id} has no process`);
    return pid;
  }

  /** stdout and stderr of the current process so far. */
  output(): string {
    return this.current?.output() ?? '';
  }

  async start(): Promise<void> {
    this.runs.push(await launch(this.env));
  }

  async kill(): Promise<void> {
    const run = this.current;
    if (!run?.running) return;
    run.child.kill('SIGKILL');
    await run.exited;
  }

  pause(): void {
    this.current!.child.kill('SIGSTOP');
  }

  resume(): void {
    this.current!.child.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const run = this.current;
    if (!run?.running) return;
    // A paused process would never handle SIGTERM.
    run.child.kill('SIGCONT');
    run.child.kill('SIGTERM');
    const stopped = await Promise.race([run.exited.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), 5000))]);
    if (!stopped) await this.kill();
  }

  /** JSON log lines of the current process from `offset` (a length of `output()`) on that contain `text`. */
  linesContaining(text: string, offset = 0): string[] {
    return this.output()
      .slice(offset)
      .split('\n')
      .filter((line) => line.includes(text));
  }
}

export async function serverNodes(count: number, env: (id: string, port: number) => Record<string, string>): Promise<ServerNode[]> {
  const nodes: ServerNode[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `node-${i}`;
    const port = await freePort();
    nodes.push(new ServerNode(id, port, env(id, port)));
  }
  return nodes;
}

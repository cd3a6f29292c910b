/**
 * X1's servers: Accord nodes on one database and one Redis, each on a port of its own that it keeps
 * across a restart (the proxy in the load generator knows the nodes by port). A restarted node gets a
 * new node id, as a real restart does: it must not pass for the process that died.
 */
import type { ClusterSpec, ServerKind, ServerUsage, StorageConfig } from './protocol.js';
import { ServerProcess } from './server-process.js';

export class ClusterNodes {
  private readonly nodes: Array<ServerProcess | null>;
  private launches = 0;

  private constructor(
    private readonly kind: ServerKind,
    private readonly storage: StorageConfig,
    private readonly spec: ClusterSpec,
    private readonly ports: readonly number[],
  ) {
    this.nodes = ports.map(() => null);
  }

  /** One after another: the first migrates and seeds nothing new, but several at once would race to. */
  static async start(kind: ServerKind, storage: StorageConfig, spec: ClusterSpec, ports: readonly number[]): Promise<ClusterNodes> {
    const cluster = new ClusterNodes(kind, storage, spec, ports);
    try {
      for (const index of ports.keys()) await cluster.startNode(index);
    } catch (error) {
      await cluster.stopAll();
      throw error;
    }
    return cluster;
  }

  get urls(): string[] {
    return this.ports.map((port) => `http://127.0.0.1:${port}`);
  }

  async startNode(index: number): Promise<string> {
    await this.nodes[index]?.exited();
    const nodeId = `bench-x1-node${index + 1}-${++this.launches}-${process.pid}`;
    const node = await ServerProcess.launch(this.kind, this.storage, this.ports[index]!, {
      redisUrl: this.spec.redisUrl,
      nodeId,
      leaseTtlMs: this.spec.leaseTtlMs,
    });
    this.nodes[index] = node;
    return node.url;
  }

  signal(index: number, signal: 'SIGKILL' | 'SIGTERM'): void {
    const node = this.nodes[index];
    if (!node?.running) throw new Error(`node ${index + 1} is not running`);
    node.signal(signal);
  }

  /** The nodes running now, summed: X1's CPU rows are the cluster's. */
  async usage(): Promise<ServerUsage> {
    const running = this.nodes.filter((node): node is ServerProcess => node?.running ?? false);
    // A node stopping meanwhile is left out rather than failing the phase.
    const settled = await Promise.allSettled(running.map((node) => node.usage()));
    const usages = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    return usages.reduce(
      (sum, usage) => ({ cpuUs: sum.cpuUs + usage.cpuUs, rssBytes: sum.rssBytes + usage.rssBytes, heapUsedBytes: sum.heapUsedBytes + usage.heapUsedBytes }),
      { cpuUs: 0, rssBytes: 0, heapUsedBytes: 0 },
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node?.stop()));
  }
}

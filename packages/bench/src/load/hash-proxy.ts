/**
 * X1's load balancer: a TCP proxy in front of the cluster's nodes that routes each connection by the
 * `doc` query parameter of its first request line (the SDK's `routeKey`), as infra/haproxy.cfg does
 * with consistent hashing. Rendezvous hashing gives every document an order of nodes; a connection
 * goes to the first node in that order that accepts it, so all of a document's clients meet on one
 * node, and when that node is killed or stopping (its port refuses) they all move to the same next
 * one. It lives in the load generator, beside the clients it serves, and only during failover.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';

/** A request line longer than this is not an HTTP request the proxy understands. */
const MAX_REQUEST_LINE = 8 * 1024;

export interface ProxyNode {
  /** Hashed with the document id: stable across a node's restarts, unlike its process. */
  key: string;
  port: number;
}

export class HashProxy {
  /** Connections routed per node index since the last `takeCounts()`. */
  private counts = new Map<number, number>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    private readonly nodes: readonly ProxyNode[],
  ) {}

  static async start(nodes: readonly ProxyNode[]): Promise<HashProxy> {
    const server = createServer();
    const proxy = new HashProxy(server, nodes);
    server.on('connection', (socket) => proxy.accept(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The nodes in the order a document's connections try them (indices into `nodes`). */
  order(routeKey: string): number[] {
    const score = (node: ProxyNode) => createHash('sha256').update(`${routeKey}\n${node.key}`).digest().readBigUInt64BE();
    return this.nodes
      .map((node, index) => ({ index, score: score(node) }))
      .toSorted((a, b) => (a.score === b.score ? 0 : a.score > b.score ? -1 : 1))
      .map(({ index }) => index);
  }

  /** Where connections went since the last call (node index → connections), then starts counting afresh. */
  takeCounts(): Map<number, number> {
    const counts = this.counts;
    this.counts = new Map();
    return counts;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }

  private accept(client: Socket): void {
    this.track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n');
      if (end < 0) {
        if (head.length > MAX_REQUEST_LINE) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      void this.route(client, head, routeKeyOf(head.subarray(0, end).toString('latin1')));
    };
    client.on('data', onData);
  }

  private async route(client: Socket, head: Buffer, routeKey: string): Promise<void> {
    for (const index of this.order(routeKey)) {
      const upstream = await connected(this.nodes[index]!.port);
      if (!upstream) continue;
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      this.track(upstream);
      this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
      // Either end closing or failing ends both: a killed node must look killed to its clients.
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      for (const socket of [client, upstream]) {
        socket.on('error', end);
        socket.on('close', end);
      }
      upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      return;
    }
    client.destroy();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/** The `doc` query parameter of `GET /socket.io/?doc=…&EIO=4 HTTP/1.1`, or '' (hashed like any key). */
function routeKeyOf(requestLine: string): string {
  const target = requestLine.split(' ')[1] ?? '/';
  try {
    return new URL(target, 'http://proxy').searchParams.get('doc') ?? '';
  } catch {
    return '';
  }
}

/** A connection to the node, or null if it refuses (stopped, killed, or not yet listening). */
function connected(port: number): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(null);
    });
  });
}

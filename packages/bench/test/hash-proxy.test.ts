/**
 * X1's proxy, over real sockets: a document's connections meet on one node, chosen by the `doc`
 * query parameter alone; a node that refuses (killed) sends them all to the same next node; a node
 * that goes while a connection is open closes that connection, so its client reconnects.
 */
import { once } from 'node:events';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HashProxy } from '../src/load/hash-proxy.js';

/** A node that answers every request line with its own name, and keeps the connection open. */
async function namedNode(name: string): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => socket.write(name));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

/** Sends a socket.io-like request line through the proxy; resolves to the answering node's name and the socket. */
async function ask(proxy: HashProxy, doc: string): Promise<{ name: string; socket: Socket }> {
  const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`GET /socket.io/?doc=${doc}&EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n\r\n`);
  const [data] = (await once(socket, 'data')) as [Buffer];
  return { name: data.toString(), socket };
}

const closing: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const close of closing.splice(0).toReversed()) await close();
});

describe("X1's proxy", () => {
  it("sends every connection of a document to the first node in that document's order", async () => {
    const nodes = await Promise.all(['node1', 'node2', 'node3'].map(namedNode));
    closing.push(() => void nodes.forEach((node) => node.server.close()));
    const proxy = await HashProxy.start(nodes.map((node, i) => ({ key: `node${i + 1}`, port: node.port })));
    closing.push(() => proxy.close());

    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const doc = `document-${i}`;
      const first = await ask(proxy, doc);
      const second = await ask(proxy, doc);
      expect(second.name).toBe(first.name);
      expect(first.name).toBe(`node${proxy.order(doc)[0]! + 1}`);
      seen.add(first.name);
      first.socket.destroy();
      second.socket.destroy();
    }
    // Twelve documents over three nodes: a hash that sent all to one would fail here.
    expect(seen.size).toBeGreaterThan(1);
  });

  it('moves all of a killed node\'s documents to their next node, and closes the connections it held', async () => {
    const nodes = await Promise.all(['node1', 'node2', 'node3'].map(namedNode));
    closing.push(() => void nodes.forEach((node) => node.server.close()));
    const proxy = await HashProxy.start(nodes.map((node, i) => ({ key: `node${i + 1}`, port: node.port })));
    closing.push(() => proxy.close());
    const doc = 'document-moving';
    const [owner, next] = proxy.order(doc) as [number, number];

    const open = await ask(proxy, doc);
    expect(open.name).toBe(`node${owner + 1}`);
    const closed = once(open.socket, 'close');
    // A kill: the port refuses from now on and the open connections drop.
    nodes[owner]!.server.close();
    for (const socket of nodes[owner]!.sockets) socket.destroy();
    await closed;

    const again = await ask(proxy, doc);
    expect(again.name).toBe(`node${next + 1}`);
    again.socket.destroy();
    expect(proxy.takeCounts()).toEqual(new Map([[owner, 1], [next, 1]]));
  });
});

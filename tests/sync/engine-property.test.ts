/**
 * Property: whatever the interleaving — random edits and pastes from 3–5 clients, messages delivered
 * in random order across connections, duplicated, dropped (followed by a reconnect and resync),
 * disconnects and server crashes — once the network is quiet every replica, the server and a replay
 * of the stored log hold the same text, and every edit a client saw acknowledged is in the store.
 *
 * Replay a failure with SYNC_PROPERTY_SEED=<seed> (and SYNC_PROPERTY_PATH=<path>) from the report.
 */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import * as Y from 'yjs';
import { SimClient, SimServer, committing, settle } from './simulated-network.js';

type Action =
  | { kind: 'type'; client: number; at: number; text: string }
  | { kind: 'paste'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'up'; client: number; duplicate: boolean }
  | { kind: 'down'; client: number; duplicate: boolean }
  | { kind: 'exchange'; client: number }
  | { kind: 'drop'; client: number }
  | { kind: 'disconnect'; client: number }
  | { kind: 'reconnect'; client: number }
  | { kind: 'commit' }
  | { kind: 'crash' };

const client = fc.nat({ max: 4 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), client, at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paste' as const), client, at: fc.nat(), text: fc.string({ minLength: 20, maxLength: 200 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), client, at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('up' as const), client, duplicate: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('down' as const), client, duplicate: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('exchange' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), client }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash' as const }) },
);

async function run(clientCount: number, actions: Action[]): Promise<void> {
  const server = new SimServer();
  const clients = Array.from({ length: clientCount }, (_, i) => new SimClient(i));
  try {
    for (const c of clients) await server.connect(c);
    for (const step of actions) {
      const c = clients['client' in step ? step.client % clientCount : 0]!;
      const text = c.doc.getText('text');
      switch (step.kind) {
        case 'type':
        case 'paste':
          text.insert(step.at % (text.length + 1), step.text);
          break;
        case 'delete': {
          if (text.length === 0) break;
          const at = step.at % text.length;
          text.delete(at, Math.min(step.length, text.length - at));
          break;
        }
        case 'up':
          server.deliverUp(c, step.duplicate);
          break;
        case 'down':
          server.deliverDown(c, step.duplicate);
          break;
        case 'exchange':
          // A good moment on the network: everything queued both ways arrives.
          for (let i = 0; i < 4; i++) {
            while (c.up.length > 0) server.deliverUp(c);
            await new Promise((resolve) => setImmediate(resolve));
            while (c.down.length > 0) server.deliverDown(c);
          }
          break;
        case 'drop':
          // A lost packet breaks the stream: the transport notices, reconnects, and Yjs resyncs.
          server.disconnect(c);
          await server.connect(c);
          break;
        case 'disconnect':
          server.disconnect(c);
          break;
        case 'reconnect':
          if (!c.connected) await server.connect(c);
          break;
        case 'commit':
          await server.commit();
          break;
        case 'crash': {
          // What each client saw as saved must be in the store, even though the server dies now.
          const saved = clients.filter((x) => x.sync.status === 'saved').map((x) => [x.doc.clientID, Y.getState(x.doc.store, x.doc.clientID)] as const);
          server.crash(clients);
          const stored = server.replayStored();
          for (const [clientID, clock] of saved) expect(Y.getState(stored.store, clientID), `client ${clientID}'s acknowledged edits`).toBeGreaterThanOrEqual(clock);
          break;
        }
      }
    }
    // Heal: everyone reconnects, and messages flow until the network is quiet.
    for (const c of clients) if (!c.connected) await server.connect(c);
    for (let round = 0; round < 50; round++) {
      let moved = false;
      for (const c of clients) {
        while (c.up.length > 0) {
          server.deliverUp(c);
          moved = true;
        }
      }
      await settle(server);
      for (const c of clients) {
        while (c.down.length > 0) {
          server.deliverDown(c);
          moved = true;
        }
      }
      if (!moved) break;
    }
    const serverDoc = new Y.Doc();
    Y.applyUpdate(serverDoc, server.engine.stateOf('00000000-0000-4000-8000-000000000001')!);
    const expected = serverDoc.getText('text').toString();
    for (const c of clients) {
      expect(c.text, `client ${c.index}`).toBe(expected);
      expect(c.sync.status, `client ${c.index} status`).toBe(c.sync.status === 'synced' ? 'synced' : 'saved');
      // A duplicated numbered message (this network duplicates; socket.io never does) is refused
      // SEQ_NOT_INCREASING: its first copy was handled, so nothing is lost.
      expect(c.errors.filter((code) => code !== 'MISSING_PREDECESSORS' && code !== 'SEQ_NOT_INCREASING')).toEqual([]);
    }
    expect(server.replayStored().getText('text').toString()).toBe(expected);
  } finally {
    for (const c of clients) c.destroy();
    await committing(server, server.engine.shutdown());
  }
}

const runs = Number(process.env.SYNC_PROPERTY_RUNS ?? 1000);
const seed = Number(process.env.SYNC_PROPERTY_SEED ?? Date.now() % 2 ** 31);
const path = process.env.SYNC_PROPERTY_PATH;

describe('engine convergence under random interleavings (fast-check)', () => {
  it(`converges and stores everything over ${runs} runs (seed ${seed})`, async () => {
    process.stdout.write(`engine property: seed ${seed}, ${runs} runs (replay with SYNC_PROPERTY_SEED=${seed})\n`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 3, max: 5 }), fc.array(action, { minLength: 1, maxLength: 80 }), run),
      { numRuns: runs, seed, ...(path ? { path } : {}), endOnFailure: true },
    );
  }, 600_000);
});

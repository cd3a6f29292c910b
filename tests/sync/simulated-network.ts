/**
 * The engine and real SDK sync logic (DocumentSync) joined by a simulated network that the test
 * controls message by message: deliver, duplicate, drop, disconnect, crash the server. No sockets,
 * so thousands of interleavings run in seconds.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { DocumentSync } from '@accord/client';
import { MemoryStore, SyncEngine, type DocumentStore, type SyncError, type SyncPeer } from '@accord/sync';

export const DOC = '00000000-0000-4000-8000-000000000001';

type Down =
  | { kind: 'y'; message: Uint8Array }
  | { kind: 'saved'; seq: number }
  | { kind: 'refused'; seq: number; error: SyncError }
  | { kind: 'closed' };

export class SimClient {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly sync: DocumentSync;
  up: Array<{ seq: number; message: Uint8Array }> = [];
  down: Down[] = [];
  peer: SyncPeer | null = null;
  connected = false;
  /** Local text length after each locally acknowledged state, to check durability of acknowledged edits. */
  errors: string[] = [];

  constructor(readonly index: number) {
    this.doc = new Y.Doc();
    this.doc.clientID = 1000 + index;
    this.awareness = new Awareness(this.doc);
    this.sync = new DocumentSync(this.doc, this.awareness, { send: (seq, message) => this.up.push({ seq, message }) });
  }

  get text(): string {
    return this.doc.getText('text').toString();
  }

  destroy(): void {
    this.sync.destroy();
    this.awareness.destroy();
  }
}

export class SimServer {
  engine: SyncEngine;
  private generation = 0;

  constructor(readonly store = new MemoryStore()) {
    this.engine = this.createEngine();
  }

  /** Appends wait here until the test commits, so a crash can catch updates in flight. */
  private gate = openGate();

  /** Lets every append waiting so far commit. */
  async commit(): Promise<void> {
    this.gate.resolve();
    this.gate = openGate();
    await new Promise((resolve) => setImmediate(resolve));
  }

  private createEngine(): SyncEngine {
    const generation = this.generation;
    const store: DocumentStore = {
      load: (documentId) => this.store.load(documentId),
      append: async (batch) => {
        await this.gate.promise;
        // A crashed server's writes never land: it is dead.
        if (generation !== this.generation) return new Promise(() => {});
        return this.store.append(batch);
      },
    };
    // Commits here are paced by the gate (commit()), not by the clock: a commit starts on the next turn
    // and holds whatever arrived while the gate was shut, so fan-out is still merged per commit.
    return new SyncEngine({
      store,
      limits: { idleUnloadMs: 5, messageBurst: 1e9, byteBurst: 1e12, awarenessBurst: 1e9, commitEveryMs: 0, awarenessEveryMs: 0 },
    });
  }

  /** Connects a client: a new peer, the document opened, the client attached. */
  async connect(client: SimClient): Promise<void> {
    const generation = this.generation;
    const peer: SyncPeer = {
      id: `c${client.index}-${Math.random().toString(36).slice(2)}`,
      identity: { userId: `user-${client.index}`, sessionId: `s${client.index}`, name: `User ${client.index}`, colour: '#000' },
      send: (_doc, message) => client.peer === peer && client.down.push({ kind: 'y', message }),
      saved: (_doc, seq) => client.peer === peer && client.down.push({ kind: 'saved', seq }),
      refused: (_doc, seq, error) => client.peer === peer && client.down.push({ kind: 'refused', seq, error }),
      closed: () => client.peer === peer && client.down.push({ kind: 'closed' }),
      storage: () => {},
    };
    client.peer = peer;
    client.up = [];
    client.down = [];
    await this.engine.open(peer, DOC, { readOnly: false, role: 'delegate', affiliation: null });
    if (generation !== this.generation || client.peer !== peer) return;
    client.connected = true;
    client.sync.attach(false);
  }

  disconnect(client: SimClient): void {
    if (client.peer) this.engine.disconnect(client.peer);
    client.peer = null;
    client.connected = false;
    client.up = [];
    client.down = [];
    client.sync.detach();
  }

  /** Delivers the client's oldest outgoing message (twice when `duplicate`). */
  deliverUp(client: SimClient, duplicate = false): void {
    const next = client.up.shift();
    if (!next || !client.peer) return;
    this.engine.receive(client.peer, DOC, next.seq, next.message);
    if (duplicate) this.engine.receive(client.peer, DOC, next.seq, next.message);
  }

  deliverDown(client: SimClient, duplicate = false): void {
    const next = client.down.shift();
    if (!next) return;
    const times = duplicate && next.kind === 'y' ? 2 : 1;
    for (let i = 0; i < times; i++) {
      if (next.kind === 'y') client.sync.receive(next.message);
      else if (next.kind === 'saved') client.sync.saved(next.seq);
      else if (next.kind === 'refused') {
        client.errors.push(next.error.code);
        client.sync.refused(next.seq, next.error.toPayload());
      } else client.sync.detach();
    }
  }

  /** The process dies: nothing uncommitted survives, every connection drops. */
  crash(clients: SimClient[]): void {
    this.generation++;
    for (const client of clients) {
      client.peer = null;
      client.connected = false;
      client.up = [];
      client.down = [];
      client.sync.detach();
    }
    this.engine = this.createEngine();
  }

  /** The server's text, read from a fresh replay of the stored log. */
  replayStored(): Y.Doc {
    const doc = new Y.Doc();
    for (const row of this.store.log(DOC)) Y.applyUpdate(doc, row.update);
    return doc;
  }
}

/** Lets the engine's group commit run to the end (it starts on setImmediate and awaits the store). */
export async function settle(server: SimServer): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await committing(server, server.engine.flush());
}

/** Opens the commit gate until `work` is done. */
export async function committing(server: SimServer, work: Promise<void>): Promise<void> {
  const state = { done: false };
  void work.then(() => (state.done = true));
  while (!state.done) await server.commit();
}

function openGate(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

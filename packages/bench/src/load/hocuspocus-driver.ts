/** Hocuspocus's client side: one HocuspocusProviderWebsocket per connection, one provider per document. */
import { randomUUID } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { BenchConnection, BenchDocument, Driver } from './driver.js';

export class HocuspocusDriver implements Driver {
  readonly acknowledgement = 'applied in memory' as const;

  constructor(private url: string) {}

  setUrl(url: string): void {
    this.url = url;
  }

  /** Hocuspocus has no document registry: a new name is a new document. */
  async createDocuments(count: number, label: string): Promise<string[]> {
    const run = randomUUID().slice(0, 8);
    return Array.from({ length: count }, (_, i) => `${label}-${run}-${i}`);
  }

  async connect(): Promise<BenchConnection> {
    // Node 20 has no global WebSocket; v3 takes the polyfill on the socket, not on the provider.
    const socket = new HocuspocusProviderWebsocket({ url: this.url, WebSocketPolyfill: WebSocket });
    while (socket.status !== WebSocketStatus.Connected) await nextEvent(socket, 'status');
    return {
      open: (name) => openDocument(socket, name),
      close: () => {
        // A socket the provider is reconnecting would emit an unheard 'error' on destroy, ending the generator.
        socket.webSocket?.addEventListener('error', () => {});
        socket.destroy();
      },
    };
  }
}

async function openDocument(socket: HocuspocusProviderWebsocket, name: string): Promise<BenchDocument> {
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc });
  const synced = nextEvent(provider, 'synced');
  provider.attach();
  if (!provider.isSynced) await synced;
  const acks = new AckCounter(provider, doc);
  // Created by the provider unless it is given null, which the bench never does.
  const awareness = provider.awareness!;
  return {
    doc,
    awareness,
    typingText: () => doc.getText('text'),
    whenAcknowledged: () => acks.whenAllAcknowledged(),
    whenSaved: null,
    close: () => {
      acks.dispose();
      provider.destroy();
    },
  };
}

/**
 * Hocuspocus answers every update with a SyncStatus message, on which the provider decrements
 * `unsyncedChanges`. Counting local updates sent gives "acknowledged so far" = sent − unsynced, and
 * acknowledgements come back in order on one connection, so a waiter only needs its target count.
 */
class AckCounter {
  private sent = 0;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  private readonly onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local) this.sent++;
  };
  private readonly onUnsynced = () => this.release();

  constructor(
    private readonly provider: HocuspocusProvider,
    private readonly doc: Y.Doc,
  ) {
    doc.on('update', this.onUpdate);
    provider.on('unsyncedChanges', this.onUnsynced);
  }

  whenAllAcknowledged(): Promise<void> {
    const target = this.sent;
    if (this.acknowledged() >= target) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ target, resolve }));
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate);
    this.provider.off('unsyncedChanges', this.onUnsynced);
  }

  private acknowledged(): number {
    return this.sent - this.provider.unsyncedChanges;
  }

  private release(): void {
    const acknowledged = this.acknowledged();
    while (this.waiters.length > 0 && this.waiters[0]!.target <= acknowledged) this.waiters.shift()!.resolve();
  }
}

/** The providers' emitter has on/off but no once, so node:events' once() cannot wait on it. */
export function nextEvent(emitter: HocuspocusProvider | HocuspocusProviderWebsocket, name: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = () => {
      emitter.off(name, listener);
      resolve();
    };
    emitter.on(name, listener);
  });
}

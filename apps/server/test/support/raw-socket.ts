/**
 * A raw socket.io connection that speaks the wire protocol directly, as a hostile or third-party
 * client would: it records everything it receives and sends whatever a test builds.
 */
import { createRequire } from 'node:module';
import { wireParser } from '@accord/client';
import { type OpenFailure, type OpenResult, decodeMessage, encodeStep1 } from '@accord/sync/protocol';
import * as Y from 'yjs';

/** The part of a socket.io-client socket these tests use. */
interface RawSocketIo {
  readonly connected: boolean;
  on(event: string, listener: (...args: any[]) => void): RawSocketIo;
  once(event: string, listener: (...args: any[]) => void): RawSocketIo;
  onAny(listener: (event: string, ...args: any[]) => void): RawSocketIo;
  emit(event: string, ...args: unknown[]): RawSocketIo;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<any> };
  close(): RawSocketIo;
}

/** socket.io-client as the SDK resolves it (the server package does not depend on it). */
const { io } = createRequire(new URL('../../../../packages/client/package.json', import.meta.url))('socket.io-client') as {
  io: (url: string, options: Record<string, unknown>) => RawSocketIo;
};

const TIMEOUT_MS = 5000;

export interface Received {
  name: string;
  args: any[];
  at: number;
}

export class RawConnection {
  readonly received: Received[] = [];

  private constructor(readonly socket: RawSocketIo) {
    socket.onAny((name: string, ...args: unknown[]) => this.received.push({ name, args, at: Date.now() }));
  }

  static async connect(url: string, token: string): Promise<RawConnection> {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], parser: wireParser, reconnection: false, forceNew: true, auth: { token } });
    const connection = new RawConnection(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error: Error) => reject(error));
    });
    return connection;
  }

  open(documentId: string): Promise<OpenResult | OpenFailure> {
    return this.socket.timeout(TIMEOUT_MS).emitWithAck('open', { documentId });
  }

  y(documentId: string, seq: number, message: Uint8Array): void {
    this.socket.emit('y', documentId, seq, message);
  }

  /** Waits for the first event (from index `from` on) that matches. */
  async next(name: string, match: (args: any[]) => boolean = () => true, from = 0): Promise<Received> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const found = this.received.slice(from).find((e) => e.name === name && match(e.args));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${name} within ${TIMEOUT_MS} ms; received ${this.received.map((e) => e.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Waits for the answer to the `y` numbered `seq`: `saved` up to it, or `refused` for it. */
  async answer(documentId: string, seq: number): Promise<{ saved: true } | { refused: string }> {
    const event = await Promise.any([
      this.next('saved', ([doc, upTo]) => doc === documentId && upTo >= seq),
      this.next('refused', ([doc, refusedSeq]) => doc === documentId && refusedSeq === seq),
    ]);
    return event.name === 'saved' ? { saved: true } : { refused: event.args[2].code };
  }

  /** Syncs a local copy of the document from what the server sends, as a client would. */
  follow(documentId: string): Y.Doc {
    const doc = new Y.Doc();
    this.socket.on('y', (doc_: string, message: Uint8Array) => {
      if (doc_ !== documentId) return;
      const decoded = decodeMessage(new Uint8Array(message));
      if (decoded.kind === 'step2' || decoded.kind === 'update') Y.applyUpdate(doc, decoded.update);
    });
    this.y(documentId, 0, encodeStep1(Y.encodeStateVector(doc)));
    return doc;
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * A raw socket.io connection that speaks the wire protocol directly, as a hostile or third-party
 * client would: it records everything it receives and sends whatever a test builds.
 */
import { createRequire } from 'node:module';
import { wireParser } from '@accord/client';
import { type OpenFailure, type OpenResult, decodeMessage, encodeStep1 } from '@accord/sync/protocol';
import * as Y from 'yjs';

/** The part of a socket.io-client socket these tests use. */
export interface RawSocketIo {
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

/**
 * Who a socket claims to be: a session token (null or none: to rely on a cookie header, or on nothing;
 * '' is sent, as a client might), and extra headers.
 */
export interface RawSocketOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

/** A socket that starts connecting at once, and never reconnects. */
export function rawSocket(url: string, options: RawSocketOptions = {}): RawSocketIo {
  return io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    parser: wireParser,
    reconnection: false,
    forceNew: true,
    auth: options.token === undefined || options.token === null ? {} : { token: options.token },
    extraHeaders: options.headers ?? {},
  });
}

/** The code of a refused handshake, or 'connected' (the socket is then kept in `keep`, or closed). */
export function handshake(url: string, options: RawSocketOptions, keep?: RawSocketIo[]): Promise<string> {
  const socket = rawSocket(url, options);
  return new Promise((resolve) => {
    socket.once('connect', () => {
      if (keep) keep.push(socket);
      else socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (error: Error & { data?: { code: string } }) => {
      socket.close();
      resolve(error.data?.code ?? error.message);
    });
  });
}

export interface Received {
  name: string;
  args: any[];
  at: number;
}

export class RawConnection {
  /** Every event received, and `disconnect` with its reason. */
  readonly received: Received[] = [];

  constructor(
    readonly socket: RawSocketIo,
    /** How long `open`'s acknowledgement and `next` wait. */
    readonly timeoutMs = TIMEOUT_MS,
  ) {
    socket.onAny((name: string, ...args: unknown[]) => this.received.push({ name, args, at: Date.now() }));
    socket.on('disconnect', (reason: string) => this.received.push({ name: 'disconnect', args: [reason], at: Date.now() }));
  }

  /** Connects with a token (null: none), as this class or a subclass; rejects if the handshake is refused. */
  static async connect<T extends RawConnection>(
    this: new (socket: RawSocketIo, timeoutMs?: number) => T,
    url: string,
    token: string | null,
    options: { headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<T> {
    const socket = rawSocket(url, { token, headers: options.headers });
    const connection = new this(socket, options.timeoutMs);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error: Error) => reject(error));
    });
    return connection;
  }

  open(documentId: unknown): Promise<OpenResult | OpenFailure> {
    return this.socket.timeout(this.timeoutMs).emitWithAck('open', { documentId });
  }

  async openOrThrow(documentId: string): Promise<OpenResult> {
    const result = await this.open(documentId);
    if (!result.ok) throw new Error(`open failed: ${JSON.stringify(result)}`);
    return result;
  }

  y(documentId: string, seq: number, message: Uint8Array): void {
    this.socket.emit('y', documentId, seq, message);
  }

  /** Waits for the first event (from index `from` on) that matches. */
  next(name: string, match: (args: any[]) => boolean = () => true, from = 0): Promise<Received> {
    return this.first(name, (e) => e.name === name && match(e.args), from);
  }

  /** Waits for the event that answers the `y` numbered `seq`: `saved` up to it, or `refused` for it. */
  reply(documentId: string, seq: number): Promise<Received> {
    return this.first(`answer to ${seq}`, ({ name, args: [doc, n] }) => doc === documentId && ((name === 'saved' && n >= seq) || (name === 'refused' && n === seq)));
  }

  /** The answer to the `y` numbered `seq`, with a refusal's code. */
  async answer(documentId: string, seq: number): Promise<{ saved: true } | { refused: string }> {
    const event = await this.reply(documentId, seq);
    return event.name === 'saved' ? { saved: true } : { refused: event.args[2].code };
  }

  /** Syncs a local copy of the document (a new one unless given) from what the server sends, as a client would. */
  follow(documentId: string, doc = new Y.Doc()): Y.Doc {
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

  private async first(what: string, match: (e: Received) => boolean, from = 0): Promise<Received> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${this.timeoutMs} ms; received ${this.received.map((e) => e.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

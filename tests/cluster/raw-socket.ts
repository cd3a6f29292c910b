/**
 * One socket.io connection speaking the wire protocol by hand (docs/protocol.md), straight to one
 * server: no reconnection, no reopening, no resending, so the test sees exactly what that server
 * said on that connection: `fatal` at a logout, `closed` when the document moved, and which
 * numbered updates were `saved` or `refused`.
 */
import { wireParser } from '@accord/client';
import type { ErrorPayload, OpenFailure, OpenResult } from '@accord/sync/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as sync from 'y-protocols/sync';
import * as Y from 'yjs';
import { sleep } from '../support/built-server.js';

const MESSAGE_SYNC = 0;
const FROM_SERVER = 'server';

export interface Heard<T> {
  value: T;
  at: number;
}

export class RawSocket {
  readonly fatal: Array<Heard<ErrorPayload>> = [];
  readonly closed: Array<Heard<{ documentId: string; error: ErrorPayload }>> = [];
  readonly refused: Array<Heard<{ documentId: string; seq: number; error: ErrorPayload }>> = [];
  /** The highest `saved` seq per document. */
  readonly saved = new Map<string, number>();
  disconnected: Heard<string> | null = null;
  private readonly docs = new Map<string, Y.Doc>();
  private readonly synced = new Map<string, () => void>();
  private seq = 0;

  private constructor(
    readonly url: string,
    private readonly socket: Socket,
  ) {
    socket.on('fatal', (error: ErrorPayload) => this.fatal.push({ value: error, at: Date.now() }));
    socket.on('closed', (documentId: string, error: ErrorPayload) => this.closed.push({ value: { documentId, error }, at: Date.now() }));
    socket.on('refused', (documentId: string, seq: number, error: ErrorPayload) => this.refused.push({ value: { documentId, seq, error }, at: Date.now() }));
    socket.on('saved', (documentId: string, seq: number) => this.saved.set(documentId, Math.max(seq, this.saved.get(documentId) ?? 0)));
    socket.on('disconnect', (reason: string) => (this.disconnected = { value: reason, at: Date.now() }));
    socket.on('y', (documentId: string, message: ArrayBuffer | Uint8Array) => this.received(documentId, new Uint8Array(message)));
  }

  static connect(url: string, token: string, timeoutMs = 10_000): Promise<RawSocket> {
    const socket = io(url, { parser: wireParser, transports: ['websocket'], auth: { token }, reconnection: false, timeout: timeoutMs });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new RawSocket(url, socket)));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        socket.close();
        reject(new Error(`could not connect to ${url}: ${error.data?.code ?? error.message}`));
      });
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** The document as this connection holds it. */
  doc(documentId: string): Y.Doc {
    const doc = this.docs.get(documentId);
    if (!doc) throw new Error(`${documentId} is not open on this socket`);
    return doc;
  }

  /** Opens the document and waits for the server's state; throws the server's refusal (e.g. DOCUMENT_MOVED). */
  async open(documentId: string, timeoutMs = 10_000): Promise<Y.Doc> {
    const result = await new Promise<OpenResult | OpenFailure>((resolve, reject) => {
      this.socket.timeout(timeoutMs).emit('open', { documentId }, (error: Error | null, answer: OpenResult | OpenFailure) =>
        error ? reject(new Error(`no answer to open on ${this.url}`)) : resolve(answer),
      );
    });
    if (!result.ok) throw new OpenRefused(result.error);
    const doc = this.docs.get(documentId) ?? new Y.Doc();
    this.docs.set(documentId, doc);
    const synced = new Promise<void>((done) => this.synced.set(documentId, done));
    this.send(documentId, 0, (encoder) => sync.writeSyncStep1(encoder, doc));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([synced, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no sync from ${this.url}`)), timeoutMs)))]);
    clearTimeout(timer);
    return doc;
  }

  /** Opens, retrying while the server answers that another holds the document or is taking it over. */
  async openWhenOwned(documentId: string, timeoutMs: number): Promise<Y.Doc> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.open(documentId, Math.max(1000, deadline - Date.now()));
      } catch (error) {
        if (!(error instanceof OpenRefused) || Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  /** Sends a local change as one numbered update; returns its seq. */
  sendUpdate(documentId: string, change: (doc: Y.Doc) => void): number {
    const doc = this.doc(documentId);
    let update: Uint8Array | null = null;
    const capture = (bytes: Uint8Array) => (update = bytes);
    doc.once('update', capture);
    change(doc);
    doc.off('update', capture);
    if (!update) throw new Error('the change changed nothing');
    const seq = ++this.seq;
    const bytes: Uint8Array = update;
    this.send(documentId, seq, (encoder) => sync.writeUpdate(encoder, bytes));
    return seq;
  }

  close(): void {
    this.socket.close();
  }

  private send(documentId: string, seq: number, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    write(encoder);
    this.socket.emit('y', documentId, seq, encoding.toUint8Array(encoder));
  }

  private received(documentId: string, message: Uint8Array): void {
    const doc = this.docs.get(documentId);
    if (!doc) return;
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const reply = encoding.createEncoder();
    const type = sync.readSyncMessage(decoder, reply, doc, FROM_SERVER);
    if (type === sync.messageYjsSyncStep2) this.synced.get(documentId)?.();
    // The server's step 1 asks for what this side lacks: a numbered step 2, as the protocol says.
    if (encoding.length(reply) > 0) {
      const bytes = encoding.toUint8Array(reply);
      this.send(documentId, ++this.seq, (encoder) => encoding.writeUint8Array(encoder, bytes));
    }
  }
}

export class OpenRefused extends Error {
  constructor(readonly error: ErrorPayload) {
    super(`open refused: ${error.code} ${error.message}`);
    this.name = 'OpenRefused';
  }
}

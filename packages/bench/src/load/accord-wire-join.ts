/**
 * Accord's wire-level join (see wire-join.ts): a socket.io connection as the SDK makes it (path
 * `/socket.io`, WebSocket only, the SDK's msgpack parser, the session token, the `doc` route key),
 * `open` as the SDK emits it, then step 1 with an empty state vector; done at the step 2 for the
 * document. The server's own step 1 goes unanswered, as the SDK leaves it for a copy that holds only
 * what the server sent (docs/protocol.md, "Opening a document").
 */
import { createRequire } from 'node:module';
import { AccordApi, wireParser } from '@accord/client';
import { decodeMessage, encodeStep1, toBytes, type OpenFailure, type OpenResult } from '@accord/sync/protocol';
import { WIRE_JOIN_TIMEOUT_MS, type WireJoin } from './wire-join.js';

interface WireSocket {
  on(event: string, listener: (...args: never[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  close(): void;
}

// socket.io-client is the SDK's dependency, not the bench's: the copy the SDK itself loads.
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@accord/client'));
const { io } = sdkRequire('socket.io-client') as { io: (url: string, options: Record<string, unknown>) => WireSocket };

/** The demo's editors, as the SDK driver's connections sign in (accord-driver.ts). */
const EDITORS = ['chair@accord.example', 'secretariat@accord.example', 'arandia@accord.example', 'veloria@accord.example'];
const DEMO_PASSWORD = 'accord-demo';
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** One session per editor account, spread over the joiners as the SDK driver spreads its seats. */
export async function signInEditors(url: string): Promise<string[]> {
  const tokens: string[] = [];
  for (const email of EDITORS) {
    const api = new AccordApi({ baseUrl: url });
    await api.signIn(email, DEMO_PASSWORD);
    tokens.push(api.token!);
  }
  return tokens;
}

export function joinAccordOnWire(url: string, token: string, documentId: string): Promise<WireJoin> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/socket.io',
      parser: wireParser,
      transports: ['websocket'],
      auth: { token },
      query: { doc: documentId },
      forceNew: true,
      reconnection: false,
      timeout: WIRE_JOIN_TIMEOUT_MS,
    });
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail(`no step 2 within ${WIRE_JOIN_TIMEOUT_MS} ms`), WIRE_JOIN_TIMEOUT_MS);
    socket.on('connect_error', (error: Error) => fail(`connect: ${error.message}`));
    socket.on('closed', (id: string, error: { code: string }) => {
      if (id === documentId) fail(`closed: ${error.code}`);
    });
    socket.on('connect', () =>
      socket.emit('open', { documentId }, (result: OpenResult | OpenFailure) => {
        if (!result.ok) fail(`open: ${result.error.code}`);
        else socket.emit('y', documentId, 0, encodeStep1(EMPTY_STATE_VECTOR));
      }),
    );
    socket.on('y', (id: string, message: unknown) => {
      const bytes = toBytes(message);
      if (id !== documentId || !bytes) return;
      const decoded = decodeMessage(bytes);
      if (decoded.kind !== 'step2') return;
      clearTimeout(timer);
      resolve({ update: decoded.update, close: () => socket.close() });
    });
  });
}

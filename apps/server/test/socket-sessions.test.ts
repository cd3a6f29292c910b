/**
 * Sockets and the sessions behind them, over real sockets against a real server:
 * - a socket never outlives its session: idle timeout and absolute lifetime close it with
 *   SESSION_EXPIRED (after a `fatal` event), and an update sent after expiry is never stored;
 * - the idle window slides with use of the socket as with use of HTTP, and HTTP use slides it too;
 * - the janitor's deletions are announced like a logout;
 * - sockets per session and per user are capped (TOO_MANY_CONNECTIONS), and released on disconnect.
 */
import { AccordClient, AccordConnectionError } from '@accord/client';
import { encodeUpdate } from '@accord/sync/protocol';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SessionJanitor } from '../src/auth/session-janitor.js';
import { SessionSockets } from '../src/collab/session-sockets.js';
import { DomainEvents } from '../src/common/domain-events.js';
import { CollabFixture, eventually } from './support/collab.js';
import { ManualClock } from './support/manual-clock.js';
import { RawConnection, type RawSocketIo, handshake } from './support/raw-socket.js';
import { demo, startTestServer, type TestServer } from './support/test-server.js';

const WAIT_MS = 5000;
/** A `fatal` SESSION_EXPIRED, then the server closing the connection. */
const EXPIRED = 'SESSION_EXPIRED then io server disconnect';

/** A raw connection that follows one document's text and numbers its own edits. */
class Conn extends RawConnection {
  readonly doc = new Y.Doc();
  private seq = 0;

  /** Opens the document and waits until the local copy holds the server's state. */
  async openSynced(documentId: string): Promise<void> {
    await this.openOrThrow(documentId);
    this.follow(documentId, this.doc);
    await until(() => this.doc.getXmlFragment(ROLLING_TEXT_FIELD).length > 0);
  }

  /** Types into box I's first paragraph and sends the change; returns its seq. */
  type(documentId: string, words: string): number {
    const before = Y.encodeStateVector(this.doc);
    const paragraphText = (this.doc.getXmlFragment(ROLLING_TEXT_FIELD).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    const element = paragraphText.get(0) as Y.XmlElement;
    if (!(element.get(0) instanceof Y.XmlText)) element.insert(0, [new Y.XmlText()]);
    (element.get(0) as Y.XmlText).insert(0, words);
    this.seq += 1;
    this.y(documentId, this.seq, encodeUpdate(Y.encodeStateAsUpdate(this.doc, before)));
    return this.seq;
  }

  async saved(documentId: string, seq: number): Promise<void> {
    await this.next('saved', ([doc, upTo]) => doc === documentId && upTo >= seq);
  }

  /**
   * Waits for the server to close the connection; returns the `fatal` code it sent first, then the
   * disconnect reason (`fatal` missing or late shows as such).
   */
  async closedBecause(): Promise<string> {
    const disconnect = await this.next('disconnect');
    const names = this.received.map((e) => e.name);
    const fatal = names.indexOf('fatal');
    if (fatal < 0 || fatal > names.indexOf('disconnect')) return `no fatal before ${names.join(', ')}`;
    return `${this.received[fatal]!.args[0].code} then ${disconnect.args[0]}`;
  }
}

async function until(condition: () => boolean, what = 'condition', ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storedRows(f: CollabFixture, documentId: string): Promise<number> {
  return (await f.log.readLog(documentId)).length;
}

describe('a socket never outlives its session (real time, SESSION_IDLE_TIMEOUT=2s, SESSION_MAX_AGE=6s)', () => {
  let t: TestServer;
  let f: CollabFixture;
  let documentId: string;
  const conns: Conn[] = [];

  beforeAll(async () => {
    t = await startTestServer({ env: { SESSION_IDLE_TIMEOUT: '2s', SESSION_MAX_AGE: '6s' } });
    f = new CollabFixture(t);
    documentId = await f.createDocument();
  });
  afterAll(async () => {
    for (const c of conns) c.close();
    f?.close();
    await t?.close();
  });

  async function connected(name: keyof typeof demo): Promise<{ conn: Conn; token: string }> {
    const token = (await t.login(demo[name].email)).token!;
    const conn = await Conn.connect(t.url, token, { timeoutMs: WAIT_MS });
    conns.push(conn);
    await conn.openSynced(documentId);
    return { conn, token };
  }

  it('closes an idle socket with SESSION_EXPIRED once the idle timeout passes, as HTTP answers 401', async () => {
    const { conn, token } = await connected('arandia');
    const started = Date.now();
    expect(await conn.closedBecause()).toBe(EXPIRED);
    const after = Date.now() - started;
    expect(after).toBeGreaterThanOrEqual(1500);
    expect(after).toBeLessThan(4000);
    expect((await t.client(token).get('/api/me')).status).toBe(401);
  });

  it('keeps a socket in use open past the idle window, and its use keeps the session valid for HTTP too', async () => {
    const { conn, token } = await connected('veloria');
    const started = Date.now();
    // Typing every 400 ms for 4 s: twice the idle timeout.
    while (Date.now() - started < 4000) {
      const seq = conn.type(documentId, 'a');
      await conn.saved(documentId, seq);
      await sleep(400);
    }
    expect(conn.socket.connected).toBe(true);
    expect(conn.received.map((e) => e.name)).not.toContain('fatal');
    // The socket's use slid the stored session: HTTP still accepts it.
    expect((await t.client(token).get('/api/me')).status).toBe(200);
  });

  it('closes a socket at the absolute lifetime however busy it is', async () => {
    const { conn, token } = await connected('chair');
    const signedIn = Date.now();
    let lastSaved = 0;
    while (conn.socket.connected && Date.now() - signedIn < 8000) {
      const seq = conn.type(documentId, 'b');
      await Promise.race([conn.saved(documentId, seq).then(() => (lastSaved = seq)), until(() => !conn.socket.connected, 'close', 8000)]).catch(() => {});
      await sleep(300);
    }
    expect(await conn.closedBecause()).toBe(EXPIRED);
    expect(Date.now() - signedIn).toBeGreaterThanOrEqual(5500);
    expect(lastSaved).toBeGreaterThan(10);
    expect((await t.client(token).get('/api/me')).status).toBe(401);
  });

  it('the SDK reports SESSION_EXPIRED as an error status and does not reconnect with that token', async () => {
    const token = (await t.login(demo.secretariat.email)).token!;
    const sdk = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    f.clients.push(sdk);
    const handle = sdk.open(documentId);
    await handle.synced;
    await eventually(() => {
      expect(handle.status).toBe('error');
      expect(handle.error?.code).toBe('SESSION_EXPIRED');
    }, 4000);
    await sleep(1000);
    expect(sdk.connected).toBe(false);
    expect(handle.status).toBe('error');
  });
});

describe('session expiry on a manual clock', () => {
  const HOUR = 3_600_000;
  const clock = new ManualClock();
  let t: TestServer;
  let f: CollabFixture;
  let documentId: string;
  const conns: Conn[] = [];

  beforeAll(async () => {
    t = await startTestServer({ clock, env: { SESSION_IDLE_TIMEOUT: '2h', SESSION_MAX_AGE: '12h' } });
    f = new CollabFixture(t);
    documentId = await f.createDocument();
  });
  afterEach(() => {
    for (const c of conns.splice(0)) c.close();
  });
  afterAll(async () => {
    f?.close();
    await t?.close();
  });

  async function connected(name: keyof typeof demo): Promise<{ conn: Conn; token: string }> {
    const token = (await t.login(demo[name].email)).token!;
    const conn = await Conn.connect(t.url, token, { timeoutMs: WAIT_MS });
    conns.push(conn);
    await conn.openSynced(documentId);
    return { conn, token };
  }

  it('an update sent after the idle timeout is never stored, and the socket closes SESSION_EXPIRED', async () => {
    const { conn } = await connected('arandia');
    await conn.saved(documentId, conn.type(documentId, 'before '));
    const rows = await storedRows(f, documentId);
    clock.advance(2 * HOUR + 1000);
    conn.type(documentId, 'after expiry ');
    expect(await conn.closedBecause()).toBe(EXPIRED);
    await sleep(200);
    expect(await storedRows(f, documentId)).toBe(rows);
    expect(conn.received.some((e) => e.name === 'saved' && e.args[1] >= 2)).toBe(false);
  });

  it('an update sent after the absolute lifetime is never stored, however active the socket was', async () => {
    const { conn } = await connected('veloria');
    for (let h = 0; h < 11; h++) {
      clock.advance(HOUR);
      await conn.saved(documentId, conn.type(documentId, `${h} `));
    }
    const rows = await storedRows(f, documentId);
    clock.advance(HOUR); // 12 h since sign-in
    conn.type(documentId, 'too late ');
    expect(await conn.closedBecause()).toBe(EXPIRED);
    await sleep(200);
    expect(await storedRows(f, documentId)).toBe(rows);
  });

  it("HTTP use slides an open socket's idle window too", async () => {
    const { conn, token } = await connected('chair');
    clock.advance(1.5 * HOUR);
    expect((await t.client(token).get('/api/me')).status).toBe(200);
    clock.advance(1.5 * HOUR); // 3 h since the socket's last use, 1.5 h since HTTP's
    await conn.saved(documentId, conn.type(documentId, 'still here '));
    expect(conn.socket.connected).toBe(true);
  });

  it('awareness alone is not use: an open but untouched editor still idles out', async () => {
    const { conn } = await connected('icrc');
    for (let i = 0; i < 5; i++) {
      clock.advance(0.5 * HOUR);
      // An awareness message (outer type 1) with no states: a heartbeat's shape, not the member's use.
      conn.socket.emit('y', documentId, 0, new Uint8Array([1, 1, 0]));
      await sleep(50);
    }
    t.server.app.get(SessionSockets).closeEnded();
    expect(await conn.closedBecause()).toBe(EXPIRED);
  });

  it('the SDK stops reconnecting, with an error status, when its session ended while it was offline', async () => {
    const token = (await t.login(demo.secretariat.email)).token!;
    const sdk = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] });
    f.clients.push(sdk);
    const handle = sdk.open(documentId);
    await handle.synced;
    // The network drops (socket.io reconnects on its own), and the session expires meanwhile.
    const socket = (sdk as unknown as { socket: { active: boolean; io: { engine: { close(): void } } } }).socket;
    socket.io.engine.close();
    clock.advance(2 * HOUR + 1000);
    await eventually(() => {
      expect(handle.status).toBe('error');
      expect(handle.error?.code).toBe('UNAUTHENTICATED');
    }, 4000);
    expect(sdk.connected).toBe(false);
    expect(socket.active).toBe(false); // no further attempts with this token
  });

  it("the janitor's deletions are announced like a logout, and close their sockets", async () => {
    const { conn, token } = await connected('ngo');
    const [sessionId] = token.split('.');
    const announced: Array<{ sessionId: string; reason?: string }> = [];
    const off = t.server.app.get(DomainEvents).on('session.revoked', (event) => announced.push(event));
    try {
      clock.advance(2 * HOUR + 1000);
      await t.server.app.get(SessionJanitor).sweep();
      expect(announced).toContainEqual({ sessionId, reason: 'expired' });
      expect(await conn.closedBecause()).toBe(EXPIRED);
    } finally {
      off();
    }
  });
});

describe('connections per session and per user (defaults: 20 and 50)', () => {
  let t: TestServer;
  const open: RawSocketIo[] = [];

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(() => t?.close());

  const counts = () => t.server.app.get(SessionSockets).counts();

  it('one session opens at most 20 sockets; the 21st handshake is refused TOO_MANY_CONNECTIONS', async () => {
    const token = (await t.login(demo.arandia.email)).token!;
    const results = await Promise.all(Array.from({ length: 30 }, () => handshake(t.url, { token }, open)));
    expect(results.filter((r) => r === 'connected')).toHaveLength(20);
    expect(results.filter((r) => r === 'TOO_MANY_CONNECTIONS')).toHaveLength(10);
    // Closing three lets exactly three more in: disconnects are counted.
    for (const s of open.splice(0, 3)) s.close();
    await eventually(() => expect(counts().sockets).toBe(17));
    const again = await Promise.all(Array.from({ length: 5 }, () => handshake(t.url, { token }, open)));
    expect(again.filter((r) => r === 'connected')).toHaveLength(3);
    // The SDK's connect rejects with the code.
    const error = await AccordClient.connect({ url: t.url, token, transports: ['websocket'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccordConnectionError);
    expect(error).toMatchObject({ code: 'TOO_MANY_CONNECTIONS' });
    // Another session is counted on its own.
    const other = (await t.login(demo.veloria.email)).token!;
    expect(await handshake(t.url, { token: other }, open)).toBe('connected');
  });

  it('one user holds at most 50 sockets across sessions', async () => {
    const tokens = await Promise.all(Array.from({ length: 3 }, async () => (await t.login(demo.chair.email)).token!));
    for (const token of tokens.slice(0, 2)) {
      for (let i = 0; i < 20; i++) expect(await handshake(t.url, { token }, open)).toBe('connected');
    }
    for (let i = 0; i < 10; i++) expect(await handshake(t.url, { token: tokens[2]! }, open)).toBe('connected');
    expect(await handshake(t.url, { token: tokens[2]! }, open)).toBe('TOO_MANY_CONNECTIONS');
    expect(await handshake(t.url, { token: (await t.login(demo.chair.email)).token! }, open)).toBe('TOO_MANY_CONNECTIONS');
  });

  it('everything is released when the sockets close', async () => {
    await eventually(() => expect(counts()).toEqual({ sessions: 0, sockets: 0, users: 0 }));
  });
});

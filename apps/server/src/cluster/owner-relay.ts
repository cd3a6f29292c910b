/**
 * The owner's half of forwarding: clients connected to another server (their origin) sit in this
 * server's rooms through a RelayPeer each. The engine treats a RelayPeer like a socket; what it
 * sends one travels back to the origin as a frame.
 *
 * A RelayPeer's id is the client's socket id on the origin, so the gateway's room broadcast
 * (`io.to(room).except(peer.id)`, carried to every server by socket.io's Redis adapter) skips the
 * sender wherever it is connected. Broadcasts are therefore never sent through RelayPeers: the
 * origin joined the socket to the room before asking to open.
 *
 * Access was decided by the origin, which keeps deciding it (membership changes arrive as `access`
 * or `close` frames): the origin is the edge for everything about people, the owner for the document.
 */
import type { PeerIdentity, SyncEngine, SyncError, SyncPeer } from '@accord/sync';
import { SyncError as Refusal } from '@accord/sync';
import type { Logger } from 'pino';
import type { FrameOf } from './forward-frames.js';
import type { ForwardLink } from './forward-link.js';

export class RelayPeer implements SyncPeer {
  /** The documents it is seated in here: told to reopen if the link to its origin is torn down. */
  readonly documents = new Set<string>();

  constructor(
    readonly origin: string,
    readonly id: string,
    readonly identity: PeerIdentity,
    private readonly link: ForwardLink,
  ) {}

  send(doc: string, bytes: Uint8Array): void {
    this.link.send(this.origin, { t: 'send', conn: this.id, doc, bytes });
  }

  saved(doc: string, seq: number): void {
    this.link.send(this.origin, { t: 'saved', conn: this.id, doc, seq });
  }

  refused(doc: string, seq: number, error: SyncError): void {
    this.link.send(this.origin, { t: 'refused', conn: this.id, doc, seq, error: error.toPayload() });
  }

  closed(doc: string, error: SyncError): void {
    this.documents.delete(doc);
    this.link.send(this.origin, { t: 'closed', conn: this.id, doc, error: error.toPayload() });
  }

  storage(doc: string, available: boolean): void {
    this.link.send(this.origin, { t: 'storage', conn: this.id, doc, available });
  }
}

export class OwnerRelay {
  /** Per origin server, its clients seated here. */
  private readonly peers = new Map<string, Map<string, RelayPeer>>();

  constructor(
    private readonly engine: SyncEngine,
    private readonly link: ForwardLink,
    private readonly log: Logger,
  ) {
    link.handle('open', (frame) => void this.open(frame));
    link.handle('y', ({ from, conn, doc, seq, bytes }) => {
      const peer = this.peers.get(from)?.get(conn);
      // Not seated here (this server restarted, or dropped the origin as silent): the client is told
      // to open again, which finds the owner afresh.
      if (!peer) return this.link.send(from, { t: 'closed', conn, doc, error: moved().toPayload() });
      this.engine.receive(peer, doc, seq, bytes);
    });
    link.handle('access', ({ from, conn, doc, access }) => {
      const peer = this.peers.get(from)?.get(conn);
      if (peer) this.engine.setAccess(peer, doc, access);
    });
    link.handle('close', ({ from, conn, doc }) => {
      const peer = this.peers.get(from)?.get(conn);
      if (!peer) return;
      peer.documents.delete(doc);
      this.engine.close(peer, doc);
      // The origin forgets a document it closed, so it will not report this connection `gone`:
      // a relay peer with nothing open is dropped now, or it would outlive its socket.
      if (peer.documents.size === 0) this.drop(from, conn);
    });
    link.handle('gone', ({ from, conn }) => this.drop(from, conn));
    // Told to reopen, in case the origin is still there (a frame lost both ways, Redis restarted):
    // a client left seated with a lost answer would wait for ever.
    link.onSilent((origin) => this.dropOrigin(origin, true));
    link.onReset(() => {
      for (const origin of this.peers.keys()) this.dropOrigin(origin, true);
    });
  }

  /** How many clients of other servers are seated here (for tests and stats). */
  get size(): number {
    let count = 0;
    for (const byConn of this.peers.values()) count += byConn.size;
    return count;
  }

  private async open({ from, reqId, conn, doc, identity, access }: FrameOf<'open'>): Promise<void> {
    let byConn = this.peers.get(from);
    if (!byConn) this.peers.set(from, (byConn = new Map()));
    let peer = byConn.get(conn);
    if (!peer) byConn.set(conn, (peer = new RelayPeer(from, conn, identity, this.link)));
    try {
      await this.engine.open(peer, doc, access);
      // Gone while loading (the origin reported it, or fell silent): nothing to answer.
      if (this.peers.get(from)?.get(conn) !== peer) return this.engine.disconnect(peer);
      peer.documents.add(doc);
      const { maxUpdateBytes, maxSyncBytes } = this.engine.limits;
      this.link.send(from, { t: 'opened', reqId, ok: true, limits: { maxUpdateBytes, maxSyncBytes } });
    } catch (error) {
      // HeldElsewhereError (this server lost the document) is a DOCUMENT_MOVED: the origin asks again.
      const payload = error instanceof Refusal ? error.toPayload() : { code: 'INTERNAL' as const, message: 'the document could not be opened' };
      if (!(error instanceof Refusal)) this.log.error({ err: error, documentId: doc }, 'opening a forwarded document failed');
      this.link.send(from, { t: 'opened', reqId, ok: false, error: payload });
    }
  }

  private drop(origin: string, conn: string, tell = false): void {
    const byConn = this.peers.get(origin);
    const peer = byConn?.get(conn);
    if (!byConn || !peer) return;
    byConn.delete(conn);
    if (byConn.size === 0) this.peers.delete(origin);
    if (tell) for (const doc of peer.documents) peer.closed(doc, moved());
    this.engine.disconnect(peer);
  }

  private dropOrigin(origin: string, tell: boolean): void {
    for (const conn of this.peers.get(origin)?.keys() ?? []) this.drop(origin, conn, tell);
  }
}

function moved(): SyncError {
  return new Refusal('DOCUMENT_MOVED', 'this server does not hold the document for you; reopen it');
}

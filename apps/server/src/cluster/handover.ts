/**
 * Server writes on a server that does not own the document (accepting an amendment, restoring a
 * revision): the change must be made by the owner of the log, and a Y.Doc edit cannot travel as a
 * frame (it reads the live document and decides in the same step). So the writer asks the holder to
 * hand the document over: the holder stores what it has queued, closes the room (DOCUMENT_MOVED: its
 * clients reopen and are forwarded to the new owner) and releases its lease; the writer then takes
 * the document and makes the change itself. A holder that does not answer is dead or cut off: its
 * lease expires within LEASE_TTL, and the writer's retries take it then.
 */
import type { SyncEngine } from '@accord/sync';
import type { Logger } from 'pino';
import type { ForwardLink } from './forward-link.js';

/** How long a holder has to store what it holds and release: storage may be slow. */
const RELEASE_ANSWER_MS = 5000;

export class HandOver {
  private readonly waiting = new Map<number, (ok: boolean) => void>();
  private nextReqId = 1;

  constructor(
    engine: SyncEngine,
    private readonly link: ForwardLink,
    log: Logger,
  ) {
    link.handle('release', ({ from, reqId, doc }) => {
      engine.handOver(doc, RELEASE_ANSWER_MS).then(
        (ok) => this.link.send(from, { t: 'released', reqId, ok }),
        (error: unknown) => {
          log.error({ err: error, documentId: doc }, 'handing a document over failed');
          this.link.send(from, { t: 'released', reqId, ok: false });
        },
      );
    });
    link.handle('released', ({ reqId, ok }) => this.waiting.get(reqId)?.(ok));
  }

  /**
   * Asks `holder` to release the document; true once it has, false if it could not or did not answer
   * in time. A holder not heard from lately is not asked: it is gone, and its lease is expiring.
   */
  request(holder: string, documentId: string, timeoutMs: number): Promise<boolean> {
    if (!this.link.isAlive(holder)) return Promise.resolve(false);
    const reqId = this.nextReqId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), Math.min(timeoutMs, RELEASE_ANSWER_MS + 1000));
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(reqId);
        resolve(ok);
      };
      this.waiting.set(reqId, finish);
      this.link.send(holder, { t: 'release', reqId, doc: documentId });
    });
  }
}

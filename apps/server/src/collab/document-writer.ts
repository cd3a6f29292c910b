/**
 * The server's one way to change a document's text (accepting an amendment; restoring a revision
 * and renumbering next): the engine's server write path, so the change is applied in the room,
 * shared with every editor, and stored in the log under the member it is made for, exactly like a
 * client's update. Features never reach into the gateway's engine themselves.
 */
import { HeldElsewhereError, type ServerAuthor, SyncError } from '@accord/sync';
import { Inject, Injectable } from '@nestjs/common';
import type * as Y from 'yjs';
import { AppError } from '../common/app-error.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { CollabGateway } from './collab.gateway.js';

/** Between two attempts at a document whose holder did not release it (dead, or storage slow). */
const RETRY_PAUSE_MS = 200;

@Injectable()
export class DocumentWriter {
  constructor(
    private readonly gateway: CollabGateway,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Runs `edit` on the live document and resolves once what it changed is committed, with the log
   * position of the change (null when it changed nothing). `edit` is synchronous and decides before
   * it writes: an AppError it throws before writing changes nothing and reaches the caller as is.
   *
   * When another server holds the document, it is asked to hand it over (cluster/handover.ts) and the
   * change is made here; a holder that does not answer has its lease expire within LEASE_TTL, so the
   * attempts go on a little longer than that before giving up.
   */
  async change<T>(documentId: string, author: ServerAuthor, edit: (doc: Y.Doc) => T): Promise<{ seq: number | null; result: T }> {
    const deadline = performance.now() + this.config.cluster.leaseTtlMs + 2000;
    // One spelling per document: another would be a second room taking the lease from the first.
    documentId = documentId.toLowerCase();
    let releasedBefore = false;
    for (;;) {
      try {
        return await this.gateway.engine.change(documentId, author, edit);
      } catch (error) {
        // `edit` never ran: the document could not be taken, so trying again is safe.
        const handOver = this.gateway.handOver;
        const left = deadline - performance.now();
        if (error instanceof HeldElsewhereError && handOver && left > 0) {
          const released = error.holder ? await handOver.request(error.holder, documentId, left) : false;
          // A holder with no room answers "released" while its lease still stands (a release that
          // failed): taking again at once would spin until the lease expires.
          if (!released || releasedBefore) await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
          releasedBefore = released;
          continue;
        }
        if (error instanceof SyncError) {
          const message = error.code === 'SHUTTING_DOWN' ? 'The server is restarting; try again shortly' : 'The text could not be saved; try again shortly';
          throw new AppError('DATABASE_UNAVAILABLE', message);
        }
        throw error;
      }
    }
  }
}

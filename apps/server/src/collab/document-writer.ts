/**
 * The server's one way to change a document's text (accepting an amendment; restoring a revision
 * and renumbering next): the engine's server write path, so the change is applied in the room,
 * shared with every editor, and stored in the log under the member it is made for, exactly like a
 * client's update. Features never reach into the gateway's engine themselves.
 */
import { type ServerAuthor, SyncError } from '@accord/sync';
import { Injectable } from '@nestjs/common';
import type * as Y from 'yjs';
import { AppError } from '../common/app-error.js';
import { CollabGateway } from './collab.gateway.js';

@Injectable()
export class DocumentWriter {
  constructor(private readonly gateway: CollabGateway) {}

  /**
   * Runs `edit` on the live document and resolves once what it changed is committed, with the log
   * position of the change (null when it changed nothing). `edit` is synchronous and decides before
   * it writes: an AppError it throws before writing changes nothing and reaches the caller as is.
   */
  async change<T>(documentId: string, author: ServerAuthor, edit: (doc: Y.Doc) => T): Promise<{ seq: number | null; result: T }> {
    try {
      return await this.gateway.engine.change(documentId, author, edit);
    } catch (error) {
      if (error instanceof SyncError) {
        const message = error.code === 'SHUTTING_DOWN' ? 'The server is restarting; try again shortly' : 'The text could not be saved; try again shortly';
        throw new AppError('DATABASE_UNAVAILABLE', message);
      }
      throw error;
    }
  }
}

import { type RollingTextJSON, TextModelError, toJSON, toPlainText } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { replayStored } from '@accord/sync';
import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { AppError } from '../common/app-error.js';
import { DocumentsService } from '../documents/documents.service.js';
import { CollabGateway } from './collab.gateway.js';
import { DocumentLogRepository } from './document-log.repository.js';

export interface DocumentText {
  documentId: string;
  /** The plain-text form of @accord/text: what a reader or a test compares. */
  text: string;
  /** The ProseMirror document as JSON; null while the document has no content at all. */
  content: RollingTextJSON | null;
}

/** A document's text as the server holds it now: the open room's state, or else the stored log. */
@Injectable()
export class DocumentTextService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly gateway: CollabGateway,
    private readonly log: DocumentLogRepository,
  ) {}

  async read(actorId: string, dialogueId: string, documentId: string): Promise<DocumentText> {
    // Membership, role and the document's place in this dialogue, exactly as for reading the document.
    await this.documents.get(actorId, dialogueId, documentId);
    const ydoc = await this.currentState(documentId);
    try {
      // Documents created before content started on the server have an empty log until someone
      // writes; they read as empty rather than as a template nobody stored.
      if (ydoc.getXmlFragment(ROLLING_TEXT_FIELD).length === 0) return { documentId, text: '', content: null };
      const doc = readable(ydoc);
      return { documentId, text: toPlainText(doc), content: toJSON(doc) };
    } finally {
      ydoc.destroy();
    }
  }

  /**
   * Reading never opens a room: a document nobody has open is replayed from storage here and
   * dropped, so the engine's rooms stay those of connected editors.
   */
  private async currentState(documentId: string): Promise<Y.Doc> {
    const ydoc = new Y.Doc();
    const open = this.gateway.engine.stateOf(documentId);
    if (open) {
      Y.applyUpdate(ydoc, open);
      return ydoc;
    }
    replayStored(ydoc, await this.log.load(documentId));
    return ydoc;
  }
}

/**
 * The stored state as a rolling text. A writer's client can store elements the model does not know
 * (the server checks Yjs structure, not the schema); that is the document's state, not a fault of
 * the server, so it is answered as a conflict naming what is wrong.
 */
function readable(ydoc: Y.Doc): ReturnType<typeof fromYDoc> {
  try {
    return fromYDoc(ydoc);
  } catch (error) {
    if (error instanceof TextModelError) throw new AppError('TEXT_UNREADABLE', `The document cannot be read as a rolling text: ${error.message}`);
    throw error;
  }
}

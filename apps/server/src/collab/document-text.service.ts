import { type RollingTextJSON, TextModelError, toJSON, toPlainText } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { DocumentsService } from '../documents/documents.service.js';
import { DocumentReader } from './document-reader.js';

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
    private readonly reader: DocumentReader,
  ) {}

  async read(actorId: string, dialogueId: string, documentId: string): Promise<DocumentText> {
    // Membership, role and the document's place in this dialogue, exactly as for reading the document.
    await this.documents.get(actorId, dialogueId, documentId);
    return this.reader.read(documentId, (ydoc) => {
      // Documents created before content started on the server have an empty log until someone
      // writes; they read as empty rather than as a template nobody stored.
      if (ydoc.getXmlFragment(ROLLING_TEXT_FIELD).length === 0) return { documentId, text: '', content: null };
      const doc = readable(ydoc);
      return { documentId, text: toPlainText(doc), content: toJSON(doc) };
    });
  }
}

/**
 * The stored state as a rolling text. A writer's client can store elements the model does not know
 * (the server checks Yjs structure, not the schema); that is the document's state, not a fault of
 * the server, so it is answered as a conflict naming what is wrong.
 */
function readable(ydoc: Parameters<typeof fromYDoc>[0]): ReturnType<typeof fromYDoc> {
  try {
    return fromYDoc(ydoc);
  } catch (error) {
    if (error instanceof TextModelError) throw new AppError('TEXT_UNREADABLE', `The document cannot be read as a rolling text: ${error.message}`);
    throw error;
  }
}

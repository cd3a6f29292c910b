import type { createDocumentBody, DocumentLayout } from '@accord/contract';
import type { Database, DocumentRow } from '@accord/db';
import { blankRollingText, emptyRollingText, textFromBoxTitles } from '@accord/text';
import { toYUpdate } from '@accord/text/yjs';
import { Inject, Injectable } from '@nestjs/common';
import type { Node } from 'prosemirror-model';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { DocumentLogRepository } from '../collab/document-log.repository.js';
import { AppError } from '../common/app-error.js';
import type { RequestInfo } from '../common/request-info.js';
import { DATABASE } from '../common/tokens.js';
import { CreationThrottle } from '../dialogues/creation-throttle.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { DocumentsRepository } from './documents.repository.js';

@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly documents: DocumentsRepository,
    private readonly log: DocumentLogRepository,
    private readonly access: DialogueAccess,
    private readonly audit: AuditService,
    private readonly creations: CreationThrottle,
  ) {}

  async list(actorId: string, dialogueId: string): Promise<DocumentRow[]> {
    await this.access.require(actorId, dialogueId, 'documents.view');
    return this.documents.list(dialogueId);
  }

  async get(actorId: string, dialogueId: string, documentId: string): Promise<DocumentRow> {
    await this.access.require(actorId, dialogueId, 'documents.view');
    const document = await this.documents.find(dialogueId, documentId);
    if (!document) throw new AppError('NOT_FOUND', 'No such document in this dialogue');
    return document;
  }

  /**
   * Creates a document with its content: the boxes its layout names (the five CCW boxes when it names
   * none), a blank text, or an imported text, written by the
   * server as the log's first update. A client never seeds a document: two clients seeding the same
   * empty document at once would each insert the template, and Yjs would keep both copies.
   */
  async create(
    actorId: string,
    dialogueId: string,
    input: z.output<typeof createDocumentBody>,
    request: RequestInfo,
    imported?: { content: Node; detail: Record<string, unknown> },
  ): Promise<DocumentRow> {
    const membership = await this.access.require(actorId, dialogueId, imported ? 'documents.import' : 'documents.create');
    await this.creations.consume('document', actorId);
    const { layout, ...fields } = input;
    return this.db.transaction(async (tx) => {
      const document = await this.documents.insert({ dialogueId, ...fields, createdBy: actorId }, tx);
      if (!document) {
        throw new AppError('SYMBOL_TAKEN', `This dialogue already has a document ${input.symbol}`, {
          fields: [{ field: 'symbol', message: 'already used in this dialogue' }],
        });
      }
      const content = imported?.content ?? startingText(layout);
      await this.log.writeInitialContent({ documentId: document.id, update: toYUpdate(content), userId: actorId, role: membership.role }, tx);
      await this.audit.record(
        {
          actorId,
          action: imported ? 'document.imported' : 'document.created',
          dialogueId,
          target: { type: 'document', id: document.id },
          // The layout's kind and size only: box titles are the chair's words, kept in the text.
          detail: { symbol: document.symbol, ...(imported ? imported.detail : { layout: layout?.kind ?? 'template', boxes: content.childCount }) },
          request,
        },
        tx,
      );
      return document;
    });
  }
}

/** The text a new document starts with: omitted, the five CCW boxes (the API's behaviour before layouts). */
function startingText(layout: DocumentLayout | undefined): Node {
  if (!layout) return emptyRollingText();
  return layout.kind === 'blank' ? blankRollingText() : textFromBoxTitles(layout.titles);
}

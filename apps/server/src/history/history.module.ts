import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CollabModule } from '../collab/collab.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { CompareService } from './compare.service.js';
import { HistoryContexts } from './history-context.js';
import { HistoryIndex } from './history-index.js';
import { HistoryController } from './history.controller.js';
import { HistoryRepository } from './history.repository.js';
import { HistoryService } from './history.service.js';
import { Positions } from './positions.js';
import { RevisionsBroadcaster } from './revisions-broadcaster.js';
import { RevisionsService } from './revisions.service.js';
import { TextAtReader } from './text-at.js';

/** A document's text at any point, its timeline, named revisions, comparisons, restores and progress. */
@Module({
  imports: [AuditModule, CollabModule, DialoguesModule, DocumentsModule],
  controllers: [HistoryController],
  providers: [CompareService, HistoryContexts, HistoryIndex, HistoryRepository, HistoryService, Positions, RevisionsBroadcaster, RevisionsService, TextAtReader],
  exports: [HistoryContexts, HistoryRepository, Positions, RevisionsService, TextAtReader],
})
export class HistoryModule {}

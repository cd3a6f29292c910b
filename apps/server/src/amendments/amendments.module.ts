import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CollabModule } from '../collab/collab.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { AmendmentAcceptance } from './amendment-acceptance.js';
import { AmendmentReads } from './amendment-reads.js';
import { AmendmentsBroadcaster } from './amendments-broadcaster.js';
import { AmendmentsController } from './amendments.controller.js';
import { AmendmentsRepository } from './amendments.repository.js';
import { AmendmentsService } from './amendments.service.js';
import { CompilationService } from './compilation.service.js';
import { DecisionQueue } from './decision-queue.js';

/** Amendments to documents: proposals, support, the chair's decisions, the compilation, and live delivery. */
@Module({
  imports: [AuditModule, CollabModule, DialoguesModule, DocumentsModule],
  controllers: [AmendmentsController],
  providers: [AmendmentAcceptance, AmendmentReads, AmendmentsBroadcaster, AmendmentsRepository, AmendmentsService, CompilationService, DecisionQueue],
  exports: [AmendmentsRepository, CompilationService],
})
export class AmendmentsModule {}

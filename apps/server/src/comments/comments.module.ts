import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CollabModule } from '../collab/collab.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { CommentAnchors } from './comment-anchors.js';
import { CommentsBroadcaster } from './comments-broadcaster.js';
import { CommentsController } from './comments.controller.js';
import { CommentsRepository } from './comments.repository.js';
import { CommentsService } from './comments.service.js';

/** Comment threads on documents: the rules, their storage, anchors, and live delivery to viewers. */
@Module({
  imports: [AuditModule, CollabModule, DialoguesModule, DocumentsModule],
  controllers: [CommentsController],
  providers: [CommentAnchors, CommentsBroadcaster, CommentsRepository, CommentsService],
  exports: [CommentsRepository],
})
export class CommentsModule {}

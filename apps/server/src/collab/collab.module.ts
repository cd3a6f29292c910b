import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { CollabAccess } from './collab-access.js';
import { CollabGateway } from './collab.gateway.js';
import { DocumentLogRepository } from './document-log.repository.js';

/** Real-time collaboration: the socket.io gateway, the engine it drives, and the durable update log. */
@Module({
  imports: [AuthModule, DialoguesModule, DocumentsModule],
  providers: [DocumentLogRepository, CollabAccess, CollabGateway],
  exports: [DocumentLogRepository, CollabGateway],
})
export class CollabModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ForwardLink } from '../cluster/forward-link.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { CollabAccess } from './collab-access.js';
import { CollabGateway } from './collab.gateway.js';
import { DocumentLeases } from './document-leases.repository.js';
import { DocumentLogModule } from './document-log.module.js';
import { DocumentReader } from './document-reader.js';
import { DocumentViewers } from './document-viewers.js';
import { DocumentWriter } from './document-writer.js';
import { SessionSockets } from './session-sockets.js';

/**
 * Real-time collaboration: the socket.io gateway, the engine it drives, the durable update log, and
 * reading a document's text as the server holds it.
 */
@Module({
  imports: [AuthModule, DialoguesModule, DocumentsModule, DocumentLogModule],
  providers: [CollabAccess, CollabGateway, ForwardLink, DocumentLeases, DocumentReader, DocumentViewers, DocumentWriter, SessionSockets],
  exports: [DocumentLogModule, CollabGateway, DocumentReader, DocumentViewers, DocumentWriter],
})
export class CollabModule {}

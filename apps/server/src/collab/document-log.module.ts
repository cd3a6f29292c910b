import { Module } from '@nestjs/common';
import { DocumentLogRepository } from './document-log.repository.js';

/**
 * The durable update log on its own: creating a document (documents, seed) writes the log's first
 * entry without depending on the real-time gateway, which itself depends on documents.
 */
@Module({
  providers: [DocumentLogRepository],
  exports: [DocumentLogRepository],
})
export class DocumentLogModule {}

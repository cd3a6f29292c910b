import { Module } from '@nestjs/common';
import { AmendmentsModule } from '../amendments/amendments.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { HistoryModule } from '../history/history.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';
import { PdfRenderer } from './pdf-renderer.js';

/** Documents out: DOCX (with tracked changes for a redline), PDF, Akoma Ntoso, HTML, plain text, Markdown. */
@Module({
  imports: [AmendmentsModule, DocumentsModule, HistoryModule],
  controllers: [ExportsController],
  providers: [ExportsService, PdfRenderer],
})
export class ExportsModule {}

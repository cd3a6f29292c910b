import { Module } from '@nestjs/common';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** Documents in: DOCX, Markdown and the plain-text format, recognized into a rolling text. */
@Module({
  imports: [DialoguesModule, DocumentsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class ImportsModule {}

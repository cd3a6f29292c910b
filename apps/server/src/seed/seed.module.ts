import { Module } from '@nestjs/common';
import { AmendmentsModule } from '../amendments/amendments.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DocumentLogModule } from '../collab/document-log.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { HistoryModule } from '../history/history.module.js';
import { DemoSeeder } from './demo-seeder.js';
import { SeedRepository } from './seed.repository.js';

@Module({
  imports: [AmendmentsModule, AuthModule, CommentsModule, DialoguesModule, DocumentsModule, DocumentLogModule, HistoryModule],
  providers: [SeedRepository, DemoSeeder],
  exports: [DemoSeeder],
})
export class SeedModule {}

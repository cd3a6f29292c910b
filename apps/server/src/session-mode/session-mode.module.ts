import { Module } from '@nestjs/common';
import { CollabModule } from '../collab/collab.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { SessionModeBroadcaster } from './session-mode-broadcaster.js';
import { SessionModeController } from './session-mode.controller.js';
import { SessionModeRepository } from './session-mode.repository.js';
import { SessionModeService } from './session-mode.service.js';

/** Session mode: the room follows the chair (current paragraph, the floor), stored and sent live, never recorded. */
@Module({
  imports: [CollabModule, DialoguesModule, DocumentsModule],
  controllers: [SessionModeController],
  providers: [SessionModeBroadcaster, SessionModeRepository, SessionModeService],
})
export class SessionModeModule {}

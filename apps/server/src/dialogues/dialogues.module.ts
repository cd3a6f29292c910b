import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AffiliationsRepository } from './affiliations.repository.js';
import { CreationThrottle } from './creation-throttle.js';
import { DialogueAccess } from './dialogue-access.js';
import { DialogueAuditController } from './dialogue-audit.controller.js';
import { DialogueAuditService } from './dialogue-audit.service.js';
import { DialoguesController } from './dialogues.controller.js';
import { DialoguesRepository } from './dialogues.repository.js';
import { DialoguesService } from './dialogues.service.js';
import { MembershipsRepository } from './memberships.repository.js';

@Module({
  imports: [AuditModule],
  controllers: [DialoguesController, DialogueAuditController],
  providers: [DialoguesRepository, MembershipsRepository, AffiliationsRepository, DialogueAccess, DialoguesService, DialogueAuditService, CreationThrottle],
  exports: [DialogueAccess, DialoguesRepository, MembershipsRepository, AffiliationsRepository, CreationThrottle],
})
export class DialoguesModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

@Module({
  imports: [AuditModule, DialoguesModule],
  controllers: [MembersController],
  providers: [MembersService],
})
export class MembersModule {}

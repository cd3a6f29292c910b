import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { MailModule } from '../mail/mail.module.js';
import { InvitationMailer } from './invitation-mailer.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsRepository } from './invitations.repository.js';
import { InvitationsService } from './invitations.service.js';

@Module({
  imports: [AccountModule, AuditModule, AuthModule, DialoguesModule, MailModule],
  controllers: [InvitationsController],
  providers: [InvitationsRepository, InvitationMailer, InvitationsService],
})
export class InvitationsModule {}

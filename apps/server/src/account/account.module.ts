import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { MailModule } from '../mail/mail.module.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { MailThrottle } from './mail-throttle.js';

/** Addresses proven by mail, password reset and change; above auth, below invitations. */
@Module({
  imports: [AuditModule, AuthModule, MailModule],
  controllers: [AccountController],
  providers: [AuthTokensRepository, MailThrottle, AccountService],
  exports: [AccountService],
})
export class AccountModule {}

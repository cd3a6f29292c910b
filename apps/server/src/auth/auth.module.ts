import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { DialoguesModule } from '../dialogues/dialogues.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { OriginGuard } from './origin.guard.js';
import { SessionGuard } from './session.guard.js';
import { SessionCookie } from './session-cookie.js';
import { SessionJanitor } from './session-janitor.js';
import { SessionService } from './session.service.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

@Module({
  // Dialogues for the caller's memberships in the session check; it needs nothing of auth's in return.
  imports: [AuditModule, DialoguesModule],
  controllers: [AuthController],
  providers: [
    UsersRepository,
    SessionsRepository,
    SessionService,
    SessionCookie,
    SessionJanitor,
    LoginThrottle,
    AuthService,
    // Order matters: a cross-site request is refused before any session is looked at.
    { provide: APP_GUARD, useClass: OriginGuard },
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [UsersRepository, SessionService, SessionCookie, AuthService],
})
export class AuthModule {}

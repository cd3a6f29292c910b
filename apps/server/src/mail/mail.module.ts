import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { DevOutboxController } from './dev-outbox.controller.js';
import { MAILER, type Mailer } from './mailer.js';
import { MailService } from './mail.service.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

function createMailer(config: AppConfig, logger: Logger): Mailer {
  if (config.mail.smtpUrl) return new SmtpMailer(config.mail.smtpUrl, config.mail.from);
  if (!config.mail.outbox) {
    logger.warn('SMTP_URL is not set: no mail (invitations, address confirmations, password resets) will be sent');
  }
  return new OutboxMailer(logger, config.mail.outbox);
}

@Module({
  controllers: [DevOutboxController],
  providers: [{ provide: MAILER, inject: [CONFIG, LOGGER], useFactory: createMailer }, MailService],
  exports: [MailService],
})
export class MailModule {}

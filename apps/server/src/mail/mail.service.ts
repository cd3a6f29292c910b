import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../common/tokens.js';
import { type Mail, MAILER, type Mailer } from './mailer.js';

/**
 * Posts mail in the background: a request's answer neither waits for delivery nor shows whether a
 * mail was sent, so the time it takes cannot tell an attacker whether an address has an account.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Sends a mail, or the mail a piece of work prepares (such as issuing the link it carries), so that
   * work happens after the answer too: its cost must not tell an account from none.
   */
  post(mail: Mail | (() => Promise<Mail>)): void {
    const sending: Promise<void> = (typeof mail === 'function' ? mail() : Promise.resolve(mail))
      .then((prepared) => this.mailer.send(prepared))
      .catch((error: unknown) => {
        // The operator must fix the mail server: the user only sees a link that never arrives.
        this.logger.error({ err: error }, 'mail delivery failed');
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  /** Resolves once every mail posted so far has been handed over (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.allSettled(this.pending);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
    this.mailer.close?.();
  }
}

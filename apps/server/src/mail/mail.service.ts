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
        this.logger.error({ err: deliveryFailure(error) }, 'mail delivery failed');
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

/** Anything shaped like an e-mail address, as SMTP replies and nodemailer's messages quote them. */
const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;

function redact(text: string): string {
  return text.replace(ADDRESS, '[address]');
}

/**
 * What the operator needs of a failed delivery, and nothing that names a person: nodemailer's error
 * quotes the recipient in its message, stack, `response`, `rejected` and `rejectedErrors`, and the
 * log must not name the person invited or signing up (the Chatham House Rule). The SMTP command,
 * the reply code and nodemailer's code say what went wrong; the message keeps its words, less addresses.
 */
export function deliveryFailure(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redact(String(error)) };
  const { code, responseCode, command } = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  return { type: error.name, message: redact(error.message), code, responseCode, command };
}

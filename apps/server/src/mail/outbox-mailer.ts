import type { Logger } from 'pino';
import type { Mail, Mailer } from './mailer.js';

export interface OutboxEntry extends Mail {
  id: number;
  sentAt: string;
}

const KEEP = 50;

/**
 * Delivery without an SMTP server. With `keep` (development and tests, never production) each mail
 * is written to the log at info and kept in memory for the development outbox page, so a newcomer
 * can follow a verification link without configuring mail. Without it (production with no SMTP_URL)
 * only the fact is logged: a shipped log must not hold working links, nor the addresses of invitees.
 */
export class OutboxMailer implements Mailer {
  private readonly entries: OutboxEntry[] = [];
  private nextId = 1;

  constructor(
    private readonly logger: Logger,
    readonly keep: boolean,
  ) {}

  async send(mail: Mail): Promise<void> {
    if (!this.keep) {
      this.logger.warn('a mail was not sent: SMTP_URL is unset (set it to send invitations, address confirmations and password resets)');
      return;
    }
    this.logger.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'mail not sent (SMTP_URL is unset): written here instead');
    this.entries.unshift({ ...mail, id: this.nextId++, sentAt: new Date().toISOString() });
    this.entries.length = Math.min(this.entries.length, KEEP);
  }

  /** Newest first. */
  list(): readonly OutboxEntry[] {
    return this.entries;
  }
}

import type { Logger } from 'pino';
import type { Mail, Mailer } from './mailer.js';

export interface OutboxEntry extends Mail {
  id: number;
  sentAt: string;
}

const KEEP = 50;

/**
 * Delivery without an SMTP server: each mail is written to the log at info, and, when `keep` is set
 * (development and tests, never production), kept in memory for the development outbox page, so a
 * newcomer can follow a verification link without configuring mail.
 */
export class OutboxMailer implements Mailer {
  private readonly entries: OutboxEntry[] = [];
  private nextId = 1;

  constructor(
    private readonly logger: Logger,
    readonly keep: boolean,
  ) {}

  async send(mail: Mail): Promise<void> {
    this.logger.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, 'mail not sent (SMTP_URL is unset): written here instead');
    if (!this.keep) return;
    this.entries.unshift({ ...mail, id: this.nextId++, sentAt: new Date().toISOString() });
    this.entries.length = Math.min(this.entries.length, KEEP);
  }

  /** Newest first. */
  list(): readonly OutboxEntry[] {
    return this.entries;
  }
}

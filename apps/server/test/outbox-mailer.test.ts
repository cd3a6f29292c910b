/**
 * Mail without an SMTP server: in development the whole mail is logged and kept for the outbox page;
 * in production (no outbox) a shipped log must hold neither the link nor the invitee's address.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { OutboxMailer } from '../src/mail/outbox-mailer.js';

function capture() {
  let text = '';
  const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) }));
  return { logger, text: () => text };
}

const link = 'http://localhost:3000/invite/abcdefghijklmnopqrstuvwxyz234567';
const mail = { to: 'l.moreno@istech.example', subject: 'You are invited', text: `Join: ${link}`, html: `<a href="${link}">Join</a>` };

describe('OutboxMailer', () => {
  it('in development, logs the mail and keeps it for the outbox', async () => {
    const log = capture();
    const mailer = new OutboxMailer(log.logger, true);
    await mailer.send(mail);
    expect(log.text()).toContain('l.moreno@istech.example');
    expect(mailer.list().map((m) => m.to)).toEqual(['l.moreno@istech.example']);
  });

  it('without an outbox (production), logs only that a mail was not sent', async () => {
    const log = capture();
    const mailer = new OutboxMailer(log.logger, false);
    await mailer.send(mail);
    expect(log.text()).toContain('SMTP_URL is unset');
    expect(log.text()).not.toContain('istech');
    expect(log.text()).not.toContain('/invite/');
    expect(log.text()).not.toContain('invited');
    expect(mailer.list()).toEqual([]);
  });
});

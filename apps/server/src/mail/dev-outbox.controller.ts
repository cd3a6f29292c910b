import { isIPv4 } from 'node:net';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth-context.js';
import { AppError } from '../common/app-error.js';
import { MAILER, type Mailer } from './mailer.js';
import { type OutboxEntry, OutboxMailer } from './outbox-mailer.js';
import { escapeHtml } from './templates.js';

/**
 * The development outbox: the mail Accord would have sent, newest first, with clickable links.
 * It exists only while SMTP_URL is unset and NODE_ENV is not production, and answers only requests
 * from the machine itself: it holds every account's reset links, and a demo started with HOST=0.0.0.0
 * on a conference network must not hand them to the room. Otherwise both routes answer exactly as an
 * unknown route does.
 */
@Public()
@Controller()
export class DevOutboxController {
  private readonly outbox: OutboxMailer | undefined;

  constructor(@Inject(MAILER) mailer: Mailer) {
    this.outbox = mailer instanceof OutboxMailer && mailer.keep ? mailer : undefined;
  }

  @Get('api/dev/outbox')
  json(@Req() req: Request) {
    return { mails: this.entries(req) };
  }

  @Get('dev/outbox')
  html(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    const items = this.entries(req).map(renderEntry).join('\n');
    // Set only once the outbox is known to exist: a refusal answers in JSON like any unknown route.
    res.type('html').setHeader('Cache-Control', 'no-store');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Accord development outbox</title>
<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:6px;padding:0.5rem 1rem;margin:1rem 0}pre{white-space:pre-wrap;font-family:inherit}</style></head>
<body><h1>Development outbox</h1>
<p>SMTP_URL is not set, so Accord keeps its mail here (newest first; the last 50, until the server restarts). Reload to see new mail.</p>
${items || '<p>No mail yet.</p>'}
</body></html>`;
  }

  private entries(req: Request): readonly OutboxEntry[] {
    // The socket's own peer, not req.ip: a forwarded-for header must not make a stranger local. And a
    // request a proxy forwarded is not local either, though the proxy runs on this machine.
    if (!this.outbox || !isLoopback(req.socket.remoteAddress) || forwarded(req)) throw new AppError('NOT_FOUND', 'No such route');
    return this.outbox.list();
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || (isIPv4(v4) && v4.startsWith('127.'));
}

/** Whether a proxy says it passed the request on (a reverse proxy on this machine connects from loopback). */
function forwarded(req: Request): boolean {
  return ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((header) => req.headers[header] !== undefined);
}

function renderEntry(entry: OutboxEntry): string {
  // The text form, escaped, with its links made clickable: nothing from a mail runs on this page.
  const body = escapeHtml(entry.text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return `<article><p><strong>${escapeHtml(entry.subject)}</strong><br>To: ${escapeHtml(entry.to)} · ${escapeHtml(entry.sentAt)}</p><pre>${body}</pre></article>`;
}

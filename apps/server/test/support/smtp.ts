/** A real SMTP server on a loopback port, for tests: Accord delivers to it through nodemailer. */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

export class TestSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly mails: ReceivedMail[],
  ) {}

  static async start(): Promise<TestSmtpServer> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          void parse(Buffer.concat(chunks)).then((mail) => received.push(mail));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TestSmtpServer(server, (server.server.address() as AddressInfo).port, received);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The mails to one address, oldest first. */
  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to === address);
  }

  /** Waits for the `n`th mail (1-based) to an address whose subject matches. */
  async next(address: string, subject: RegExp, n = 1, timeoutMs = 5000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address).filter((m) => subject.test(m.subject));
      if (found.length >= n) return found[n - 1]!;
      if (Date.now() > deadline) {
        throw new Error(`no mail #${n} to ${address} matching ${subject}; got: ${this.mails.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function parse(raw: Buffer): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const to = Array.isArray(parsed.to) ? parsed.to.flatMap((a) => a.value) : (parsed.to?.value ?? []);
  return {
    to: to.map((a) => a.address ?? '').join(', '),
    from: parsed.from?.value.map((a) => a.address ?? '').join(', ') ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}

/** The token a mailed link carries in its fragment (`#token=<id>.<secret>`). */
export function linkToken(mail: { text: string }, path: string): string {
  const match = new RegExp(`${path}#token=([a-z2-7]{24}\\.[a-z2-7]{32})`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!;
}

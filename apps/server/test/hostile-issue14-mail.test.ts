/**
 * Issue 14's invitation mails, when delivery fails (real SMTP, a real server and database).
 *   MAIL-LOG  an SMTP server refusing the recipient: nodemailer's error quotes the address in its
 *             message, its `response`, `rejected` and `rejectedErrors`, and the server logged the
 *             whole error, so the log named the person invited (and, for an account mail, the
 *             person signing up). Under the Chatham House Rule nothing that leaves the room names
 *             a person. Fixed: the log keeps what the operator needs (the SMTP command, reply code
 *             and nodemailer's code) and the message with every address taken out.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLog, ERROR_LEVEL, type LogLine } from './support/server-log.js';
import { type ApiClient, demo, startTestServer, type TestServer } from './support/test-server.js';

const REFUSED = 'k.rossi@refuses.example';

describe('a failed invitation mail', () => {
  let smtp: SMTPServer;
  let t: TestServer;
  let log: LogLine[];
  let chair: ApiClient;
  let dialogueId: string;

  beforeAll(async () => {
    // A mail server that knows no such mailbox, answering as real ones do: with the address quoted.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 });
        callback(error);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    t = await startTestServer({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Accord <accord@accord.example>', LOG_LEVEL: 'info' } });
    log = captureLog(t);
    chair = await t.login(demo.chair.email);
    dialogueId = (await chair.get('/api/dialogues')).body.dialogues[0].id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('MAIL-LOG: the failure is logged for the operator without the address it was for', async () => {
    const created = await chair.post(`/api/dialogues/${dialogueId}/invitations`, { role: 'observer', email: REFUSED });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 15_000;
    while (!log.some((line) => line.msg === 'mail delivery failed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const failures = log.filter((line) => line.msg === 'mail delivery failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.level).toBe(ERROR_LEVEL);
    // What the operator needs to fix the mail server is there.
    expect(failures[0]).toMatchObject({ err: { command: 'RCPT TO', responseCode: 550 } });
    const everything = JSON.stringify(log).toLowerCase();
    expect(everything).not.toContain('k.rossi');
    expect(everything).not.toContain('refuses.example');
  });
});

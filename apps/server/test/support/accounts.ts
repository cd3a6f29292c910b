/** Accounts as people make them: through an invitation link, proven by the mailed link. */
import { eventually } from './eventually.js';
import type { TestServer } from './test-server.js';

interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}

/** The newest link to `path` mailed to `to`, read from the development outbox (no SMTP_URL). */
export async function outboxToken(t: TestServer, to: string, path: string): Promise<string> {
  let token = '';
  await eventually(async () => {
    const outbox = await t.client().get<{ mails: OutboxMail[] }>('/api/dev/outbox');
    const mail = outbox.body.mails.find((m) => m.to === to && m.text.includes(`${path}#token=`));
    if (!mail) throw new Error(`no ${path} mail to ${to} in the outbox`);
    token = new RegExp(`${path}#token=([a-z2-7]{24}\\.[a-z2-7]{32})`).exec(mail.text)![1]!;
  });
  return token;
}

/**
 * Registers through an invitation link, proves the address with the mailed link and the password,
 * then accepts the invitation signed in. Returns the new account's bearer token and id.
 */
export async function joinAsNewAccount(
  t: TestServer,
  invitationToken: string,
  account: { email: string; password: string; displayName: string },
): Promise<{ token: string; userId: string }> {
  const registered = await t.client().post(`/api/invitations/${invitationToken}/accept`, account);
  if (registered.status !== 202) throw new Error(`registering ${account.email}: ${registered.status} ${JSON.stringify(registered.body)}`);
  const link = await outboxToken(t, account.email.toLowerCase(), '/verify-email');
  const verified = await t.client().post('/api/auth/verify-email', { token: link, password: account.password });
  if (verified.status !== 200) throw new Error(`verifying ${account.email}: ${verified.status} ${JSON.stringify(verified.body)}`);
  const accepted = await t.client(verified.body.token).post(`/api/invitations/${invitationToken}/accept`);
  if (accepted.status !== 200) throw new Error(`accepting as ${account.email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { token: verified.body.token as string, userId: verified.body.user.id as string };
}

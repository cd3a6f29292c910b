import type { MemberRole } from '@accord/contract';
import { Inject, Injectable } from '@nestjs/common';
import { RedisConnections } from '../cluster/redis-connections.js';
import { type SharedLimiter, sharedLimiter } from '../cluster/shared-limits.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';
import { MailService } from '../mail/mail.service.js';
import { invitationMail } from '../mail/templates.js';

/** The role offered, as the mail says it ("… as a delegate"). */
const roleInMail: Record<MemberRole, string> = {
  chair: 'a chair',
  secretariat: 'a member of the secretariat',
  delegate: 'a delegate',
  civil_society: 'a civil society participant',
  observer: 'an observer',
};

/**
 * Mails an invitation bound to an address. Any signed-in user may open a dialogue and invite, so
 * Accord must not become a way to flood a mailbox or spray addresses: per recipient and per inviter,
 * within the mail window, as the account mails are limited. Past a limit the mail is simply not sent
 * and the inviter is told (`mailed: false`); the link is made all the same, for them to pass on.
 *
 * Its own counters, not the account module's: a chair resending an invitation must not use up the
 * allowance that lets the invitee's verification mail through.
 */
@Injectable()
export class InvitationMailer {
  private readonly perRecipient: SharedLimiter;
  private readonly perInviter: SharedLimiter;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    private readonly mail: MailService,
    redis: RedisConnections,
  ) {
    const durationSeconds = Math.ceil(config.mail.windowMs / 1000);
    this.perRecipient = sharedLimiter(redis, 'invitation-to', { points: config.mail.maxPerAddress, durationSeconds });
    this.perInviter = sharedLimiter(redis, 'invitation-by', { points: config.mail.maxPerClient, durationSeconds });
  }

  /** Posts the mail when both limits allow; says whether it did. */
  async send(inviterId: string, to: string, p: { dialogueTitle: string; role: MemberRole; link: string; expiresAt: Date }): Promise<boolean> {
    if (!(await this.perInviter.trySpend(inviterId)) || !(await this.perRecipient.trySpend(to))) return false;
    this.mail.post(invitationMail(to, { dialogueTitle: p.dialogueTitle, role: roleInMail[p.role], link: p.link, expiresAt: p.expiresAt }));
    return true;
  }
}

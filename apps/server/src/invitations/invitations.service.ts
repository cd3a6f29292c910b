import type { Database } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { Affiliation, Invitation, User } from '@accord/db';
import { AccountService } from '../account/account.service.js';
import { AuditService } from '../audit/audit.service.js';
import { newPassword } from '../auth/auth.schemas.js';
import { AuthService, type SignedIn } from '../auth/auth.service.js';
import { generateLinkToken, hashSecret } from '../auth/secret-token.js';
import type { ValidSession } from '../auth/session.service.js';
import { publicUser, UsersRepository } from '../auth/users.repository.js';
import { AppError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, CONFIG, DATABASE } from '../common/tokens.js';
import { fieldIssues, validationError } from '../common/validation.js';
import type { AppConfig } from '../config/config.js';
import { AffiliationsRepository } from '../dialogues/affiliations.repository.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { MembershipsRepository } from '../dialogues/memberships.repository.js';
import { assertAffiliationFits, canManageChairs } from '../dialogues/permissions.js';
import type { acceptInvitationBody, createInvitationBody } from './invitations.schemas.js';
import { InvitationMailer } from './invitation-mailer.js';
import { InvitationsRepository } from './invitations.repository.js';

export interface AcceptedInvitation {
  dialogueId: string;
  /** Present when accepting also signed the caller in. */
  signedIn?: SignedIn;
}

/**
 * The answer to registering through a link, whether or not the address already has an account: the
 * account (or its owner's way in) waits in the mailbox; nothing is joined until the address is proven.
 */
export interface CheckYourMail {
  status: 'check_your_mail';
}

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly invitations: InvitationsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly affiliations: AffiliationsRepository,
    private readonly users: UsersRepository,
    private readonly access: DialogueAccess,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly account: AccountService,
    private readonly mailer: InvitationMailer,
  ) {}

  async create(actorId: string, dialogueId: string, input: z.output<typeof createInvitationBody>, request: RequestInfo) {
    const actor = await this.access.require(actorId, dialogueId, 'members.invite');
    if (input.role === 'chair' && !canManageChairs(actor.role)) {
      throw new AppError('ROLE_FORBIDDEN', 'Only a chair may invite a chair');
    }
    assertAffiliationFits(input.role, input.affiliation?.kind ?? null);
    await this.assertNotMember(dialogueId, input.email ?? null);
    const link = generateLinkToken();
    const now = this.clock.now();
    const invitation = await this.db.transaction(async (tx) => {
      const affiliation = input.affiliation
        ? await this.affiliations.findOrCreate(input.affiliation.name, input.affiliation.kind, tx)
        : null;
      const created = await this.invitations.insert(
        {
          dialogueId,
          tokenHash: link.hash,
          role: input.role,
          affiliationId: affiliation?.id ?? null,
          email: input.email ?? null,
          createdBy: actorId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.config.invitationTtlMs),
        },
        tx,
      );
      await this.audit.record(
        {
          actorId,
          action: 'invitation.created',
          dialogueId,
          target: { type: 'invitation', id: created.id },
          detail: { role: input.role, affiliationId: affiliation?.id ?? null, email: input.email ?? null },
          request,
        },
        tx,
      );
      return { ...created, affiliation };
    });
    const mailed = await this.mailLink(actorId, invitation, link.token);
    return this.answer(invitation, invitation.affiliation, link.token, mailed);
  }

  /**
   * A fresh link for a pending invitation: a new secret (the old link stops working at once) and a
   * new lifetime; mailed again when the invitation is bound to an address. Only a chair may resend a
   * chair's invitation, as only a chair may make one.
   */
  async resend(actorId: string, dialogueId: string, invitationId: string, request: RequestInfo) {
    const actor = await this.access.require(actorId, dialogueId, 'members.invite');
    const link = generateLinkToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.invitationTtlMs);
    const renewed = await this.db.transaction(async (tx) => {
      const found = await this.invitations.findPendingForUpdate(dialogueId, invitationId, now, tx);
      if (!found) throw new AppError('NOT_FOUND', 'No pending invitation by that id');
      if (found.invitation.role === 'chair' && !canManageChairs(actor.role)) {
        throw new AppError('ROLE_FORBIDDEN', "Only a chair may resend a chair's invitation");
      }
      await this.assertNotMember(dialogueId, found.invitation.email, tx);
      await this.invitations.renew(invitationId, { tokenHash: link.hash, expiresAt }, tx);
      await this.audit.record(
        { actorId, action: 'invitation.resent', dialogueId, target: { type: 'invitation', id: invitationId }, detail: { role: found.invitation.role }, request },
        tx,
      );
      return { ...found, invitation: { ...found.invitation, expiresAt } };
    });
    const mailed = await this.mailLink(actorId, renewed.invitation, link.token, renewed.dialogueTitle);
    return this.answer(renewed.invitation, renewed.affiliation, link.token, mailed);
  }

  /** Mails the link when the invitation is bound to an address, after the invitation is committed. */
  private async mailLink(
    actorId: string,
    invitation: { dialogueId: string; role: Invitation['role']; email: string | null; expiresAt: Date },
    token: string,
    dialogueTitle?: string,
  ): Promise<boolean> {
    if (!invitation.email) return false;
    const title = dialogueTitle ?? (await this.invitations.dialogueTitle(invitation.dialogueId));
    if (title === undefined) return false;
    return this.mailer.send(actorId, invitation.email, { dialogueTitle: title, role: invitation.role, link: this.url(token), expiresAt: invitation.expiresAt });
  }

  private answer(
    invitation: { id: string; role: Invitation['role']; email: string | null; expiresAt: Date },
    affiliation: { id: string; name: string; kind: Affiliation['kind'] } | null,
    token: string,
    mailed: boolean,
  ) {
    return {
      id: invitation.id,
      role: invitation.role,
      email: invitation.email,
      affiliation: affiliation && { id: affiliation.id, name: affiliation.name, kind: affiliation.kind },
      expiresAt: invitation.expiresAt,
      // The only time the secret is shown: the database keeps its hash.
      token,
      url: this.url(token),
      /** Whether the link went to the invitation's address; false without one, or past the mail limits. */
      mailed,
    };
  }

  private url(token: string): string {
    return new URL(`/invite/${token}`, this.config.publicUrl).toString();
  }

  private async assertNotMember(dialogueId: string, email: string | null, db?: Database): Promise<void> {
    if (!email) return;
    if (await this.invitations.isMemberByEmail(dialogueId, email, db)) {
      throw new AppError('ALREADY_MEMBER', `${email} is already a member of this dialogue`);
    }
  }

  async listPending(actorId: string, dialogueId: string) {
    await this.access.require(actorId, dialogueId, 'invitations.view');
    return this.invitations.listPending(dialogueId, this.clock.now());
  }

  async revoke(actorId: string, dialogueId: string, invitationId: string, request: RequestInfo): Promise<void> {
    const actor = await this.access.require(actorId, dialogueId, 'invitations.revoke');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const found = await this.invitations.findPendingForUpdate(dialogueId, invitationId, now, tx);
      if (!found) throw new AppError('NOT_FOUND', 'No pending invitation by that id');
      // Only a chair touches a chair: making, resending and revoking a chair's invitation alike.
      if (found.invitation.role === 'chair' && !canManageChairs(actor.role)) {
        throw new AppError('ROLE_FORBIDDEN', "Only a chair may revoke a chair's invitation");
      }
      await this.invitations.revoke(dialogueId, invitationId, now, tx);
      await this.audit.record({ actorId, action: 'invitation.revoked', dialogueId, target: { type: 'invitation', id: invitationId }, request }, tx);
    });
  }

  /** What the link offers, shown before the visitor accepts. Reveals nothing once it is spent. */
  async preview(token: string) {
    const found = await this.invitations.findByTokenHash(hashSecret(token));
    if (!found || !this.isPending(found.invitation)) throw invalidInvitation();
    const { invitation, dialogue, affiliation } = found;
    return { dialogue, role: invitation.role, affiliation, email: invitation.email, expiresAt: invitation.expiresAt };
  }

  /**
   * Signed in: joins. Signed out with a display name: registers an unverified account and mails a
   * link (the same answer for a taken address); the new member opens the invitation again once
   * verified. Signed out without one: signs in with the password, then joins.
   */
  async accept(
    token: string,
    body: z.output<typeof acceptInvitationBody>,
    current: ValidSession | undefined,
    request: RequestInfo,
  ): Promise<AcceptedInvitation | CheckYourMail> {
    const preview = await this.preview(token);
    let user: User;
    if (current) {
      assertInvited(preview.email, current.user.email);
      user = current.user;
    } else {
      if (!body) throw validationError([{ field: 'email', message: 'sign in, or give email and password to accept' }]);
      // Checked before anything else, so the refusal says nothing about the address's account.
      assertInvited(preview.email, body.email);
      if (body.displayName !== undefined) {
        const password = newPassword.safeParse(body.password);
        if (!password.success) throw validationError(fieldIssues(password.error, 'password'));
        await this.account.register({ email: body.email, displayName: body.displayName, password: password.data }, request);
        return { status: 'check_your_mail' };
      }
      user = await this.auth.verifyCredentials(body.email, body.password, request);
    }
    // Only a proven address may take up a link bound to it, or sign in at all.
    this.auth.assertAddressVerified(user);

    const dialogueId = await this.db.transaction(async (tx) => {
      // Re-read under lock: two people racing with one link get one membership.
      const locked = await this.invitations.findByTokenHash(hashSecret(token), tx, true);
      if (!locked || !this.isPending(locked.invitation)) throw invalidInvitation();
      const { invitation } = locked;
      const joined = await this.memberships.insert(
        { dialogueId: invitation.dialogueId, userId: user.id, role: invitation.role, affiliationId: invitation.affiliationId },
        tx,
      );
      if (!joined) throw new AppError('ALREADY_MEMBER', 'You are already a member of this dialogue');
      await this.invitations.markAccepted(invitation.id, user.id, this.clock.now(), tx);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'invitation.accepted',
          dialogueId: invitation.dialogueId,
          target: { type: 'invitation', id: invitation.id },
          detail: { role: invitation.role },
          request,
        },
        tx,
      );
      return invitation.dialogueId;
    });

    if (current) return { dialogueId };
    return { dialogueId, signedIn: await this.auth.startSession(user.id, publicUser(user), request) };
  }

  private isPending(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): boolean {
    return !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > this.clock.now();
  }
}

function assertInvited(invitedEmail: string | null, email: string): void {
  if (invitedEmail && email !== invitedEmail) {
    throw new AppError('INVITATION_EMAIL_MISMATCH', 'This invitation was issued to another e-mail address');
  }
}

function invalidInvitation(): AppError {
  return new AppError('INVITATION_INVALID', 'This invitation link is no longer valid (used, revoked or expired)');
}

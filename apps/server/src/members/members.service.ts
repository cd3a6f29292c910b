import type { Database, MemberRole, Membership } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { DomainEvents } from '../common/domain-events.js';
import type { RequestInfo } from '../common/request-info.js';
import { DATABASE } from '../common/tokens.js';
import { AffiliationsRepository } from '../dialogues/affiliations.repository.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { type MemberView, MembershipsRepository } from '../dialogues/memberships.repository.js';
import { assertAffiliationFits, can, canManageChairs } from '../dialogues/permissions.js';
import type { changeMemberBody } from './members.schemas.js';

export type MemberListEntry = Omit<MemberView, 'email'> & { email?: string };

@Injectable()
export class MembersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly memberships: MembershipsRepository,
    private readonly affiliations: AffiliationsRepository,
    private readonly access: DialogueAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** Every member sees who takes part; only those who steer the dialogue see e-mail addresses. */
  async list(actorId: string, dialogueId: string): Promise<MemberListEntry[]> {
    const actor = await this.access.require(actorId, dialogueId, 'members.view');
    const members = await this.memberships.list(dialogueId);
    if (can(actor.role, 'members.invite')) return members;
    return members.map(({ email: _hidden, ...member }) => member);
  }

  async change(
    actorId: string,
    dialogueId: string,
    userId: string,
    input: z.output<typeof changeMemberBody>,
    request: RequestInfo,
  ): Promise<void> {
    const actor = await this.access.require(actorId, dialogueId, 'members.change_role');
    await this.db.transaction(async (tx) => {
      const chairs = await this.memberships.lockChairs(dialogueId, tx);
      const target = await this.requireMember(dialogueId, userId, tx);
      assertMayTouchChair(actor, target.role, input.role);
      if (target.role === 'chair' && input.role !== 'chair' && chairs.length <= 1) throw lastChair();

      const affiliation =
        input.affiliation === undefined
          ? target.affiliationId && (await this.affiliations.findById(target.affiliationId, tx))
          : input.affiliation && (await this.affiliations.findOrCreate(input.affiliation.name, input.affiliation.kind, tx));
      assertAffiliationFits(input.role, affiliation ? affiliation.kind : null);

      await this.memberships.update(dialogueId, userId, { role: input.role, affiliationId: affiliation ? affiliation.id : null }, tx);
      await this.audit.record(
        {
          actorId,
          action: 'member.role_changed',
          dialogueId,
          target: { type: 'user', id: userId },
          detail: { from: target.role, to: input.role, affiliationId: affiliation ? affiliation.id : null },
          request,
        },
        tx,
      );
    });
    this.events.emit('membership.changed', { dialogueId, userId });
  }

  /** Stewards remove members; any member may remove themselves (leave). */
  async remove(actorId: string, dialogueId: string, userId: string, request: RequestInfo): Promise<void> {
    const leaving = actorId === userId;
    const actor = await this.access.require(actorId, dialogueId, leaving ? 'dialogue.view' : 'members.remove');
    await this.db.transaction(async (tx) => {
      const chairs = await this.memberships.lockChairs(dialogueId, tx);
      const target = await this.requireMember(dialogueId, userId, tx);
      if (!leaving) assertMayTouchChair(actor, target.role, undefined);
      if (target.role === 'chair' && chairs.length <= 1) throw lastChair();
      await this.memberships.delete(dialogueId, userId, tx);
      await this.audit.record(
        { actorId, action: 'member.removed', dialogueId, target: { type: 'user', id: userId }, detail: { role: target.role, leaving }, request },
        tx,
      );
    });
    this.events.emit('membership.changed', { dialogueId, userId });
  }

  private async requireMember(dialogueId: string, userId: string, db: Database): Promise<Membership> {
    const member = await this.memberships.find(dialogueId, userId, db);
    if (!member) throw new AppError('NOT_FOUND', 'No such member in this dialogue');
    return member;
  }
}

function assertMayTouchChair(actor: Membership, targetRole: MemberRole, newRole: MemberRole | undefined): void {
  if ((targetRole === 'chair' || newRole === 'chair') && !canManageChairs(actor.role)) {
    throw new AppError('ROLE_FORBIDDEN', 'Only a chair may appoint, change or remove a chair');
  }
}

function lastChair(): AppError {
  return new AppError('LAST_CHAIR', 'A dialogue must keep at least one chair; appoint another first');
}

import type { Membership } from '@accord/db';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { DialoguesRepository } from './dialogues.repository.js';
import { MembershipsRepository } from './memberships.repository.js';
import { can, type DialogueAction } from './permissions.js';

/** The single gate in front of every dialogue-scoped act: is the caller a member, and may their role do it? */
@Injectable()
export class DialogueAccess {
  constructor(
    private readonly memberships: MembershipsRepository,
    private readonly dialogues: DialoguesRepository,
  ) {}

  async require(userId: string, dialogueId: string, action: DialogueAction): Promise<Membership> {
    const membership = await this.memberships.find(dialogueId, userId);
    if (!membership) {
      if (!(await this.dialogues.findById(dialogueId))) throw new AppError('NOT_FOUND', 'No such dialogue');
      throw new AppError('NOT_A_MEMBER', 'You are not a member of this dialogue');
    }
    if (!can(membership.role, action)) {
      throw new AppError('ROLE_FORBIDDEN', `The ${membership.role} role may not do this (${action})`);
    }
    return membership;
  }
}

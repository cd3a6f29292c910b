import type { AuditEvent, Database } from '@accord/db';
import { Injectable } from '@nestjs/common';
import type { RequestInfo } from '../common/request-info.js';
import { AuditRepository } from './audit.repository.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'user.registered'
  | 'user.email_verified'
  | 'auth.password_reset_requested'
  | 'auth.password_reset'
  | 'auth.password_changed'
  | 'dialogue.created'
  | 'invitation.created'
  | 'invitation.resent'
  | 'invitation.revoked'
  | 'invitation.accepted'
  | 'member.role_changed'
  | 'member.removed'
  | 'document.created'
  | 'document.imported'
  | 'comment.thread_created'
  | 'comment.replied'
  | 'comment.edited'
  | 'comment.deleted'
  | 'comment.thread_resolved'
  | 'comment.thread_reopened'
  | 'amendment.proposed'
  | 'amendment.supported'
  | 'amendment.support_withdrawn'
  | 'amendment.withdrawn'
  | 'amendment.accepted'
  | 'amendment.rejected'
  | 'revision.created'
  | 'revision.restored';

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  target?: { type: string; id: string };
  dialogueId?: string;
  detail?: Record<string, unknown>;
  request?: RequestInfo;
}

/** The append-only trail of security-relevant acts. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** Pass `db` to write inside the caller's transaction, so the act and its record commit together. */
  record(entry: AuditEntry, db?: Database): Promise<void> {
    return this.repository.append(
      {
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        dialogueId: entry.dialogueId ?? null,
        detail: entry.detail ?? {},
        address: entry.request?.address ?? null,
      },
      db,
    );
  }

  listForDialogue(dialogueId: string, limit = 200, beforeId?: number): Promise<AuditEvent[]> {
    return this.repository.listForDialogue(dialogueId, limit, beforeId);
  }
}

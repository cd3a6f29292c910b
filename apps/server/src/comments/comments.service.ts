/**
 * The rules of the margin: who may comment, reply, resolve, edit and delete, and who may see what.
 * A thread the caller may not see is answered exactly as one that does not exist (404), so a denial
 * reveals nothing. Every change commits with its audit record, then is announced for live delivery.
 */
import type { AttributionMode, CommentCounts, Thread } from '@accord/contract';
import type { Database, Membership } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { commentBodyInput, createThreadBody } from '@accord/contract';
import { AuditService, type AuditAction } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, DATABASE } from '../common/tokens.js';
import { type AudienceMember, audienceFilter, inAudience } from '../dialogues/audience.js';
import { CreationThrottle } from '../dialogues/creation-throttle.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { can, type DialogueAction } from '../dialogues/permissions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { CommentAnchors } from './comment-anchors.js';
import { CommentsRepository, type StoredThread } from './comments.repository.js';
import { threadView } from './thread-view.js';

/** The caller inside one document: who they are in its dialogue, and how the dialogue attributes. */
export interface CommentContext {
  dialogueId: string;
  documentId: string;
  viewer: AudienceMember;
  mode: AttributionMode;
}

const NO_SUCH_THREAD = 'No such thread in this document';

@Injectable()
export class CommentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: CommentsRepository,
    private readonly anchors: CommentAnchors,
    private readonly access: DialogueAccess,
    private readonly dialogues: DialoguesRepository,
    private readonly documents: DocumentsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly throttle: CreationThrottle,
  ) {}

  async list(userId: string, dialogueId: string, documentId: string): Promise<Thread[]> {
    const context = await this.context(userId, dialogueId, documentId, 'comments.view');
    const rows = await this.repository.listThreads(documentId, audienceFilter(context.viewer));
    const visible = rows.filter((t) => inAudience(t, context.viewer));
    return this.views(context, visible);
  }

  async counts(userId: string, dialogueId: string, documentId: string): Promise<CommentCounts> {
    const threads = await this.list(userId, dialogueId, documentId);
    const counts: CommentCounts = { total: { open: 0, resolved: 0 }, paragraphs: {} };
    for (const thread of threads) {
      const tally = (counts.paragraphs[thread.anchor.paragraphId] ??= { open: 0, resolved: 0 });
      tally[thread.status] += 1;
      counts.total[thread.status] += 1;
    }
    return counts;
  }

  async get(userId: string, dialogueId: string, documentId: string, threadId: string): Promise<Thread> {
    const context = await this.context(userId, dialogueId, documentId, 'comments.view');
    return this.view(context, await this.visibleThread(context, threadId));
  }

  async create(
    userId: string,
    dialogueId: string,
    documentId: string,
    input: z.output<typeof createThreadBody>,
    request: RequestInfo,
  ): Promise<Thread> {
    const context = await this.context(userId, dialogueId, documentId, 'comments.write');
    const { viewer } = context;
    if (input.audience === 'delegation' && viewer.affiliationId === null) {
      const message = 'a delegation comment needs an affiliation; you have none in this dialogue';
      throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'audience', message }] });
    }
    const anchor = await this.anchors.place(documentId, input);
    await this.throttle.consume('comment', userId);
    const author = { authorId: userId, authorRole: viewer.role, authorAffiliationId: viewer.affiliationId };
    const threadId = await this.db.transaction(async (tx) => {
      const thread = await this.repository.insertThread(
        { documentId, audience: input.audience, ...author, paragraphId: anchor.paragraphId, quote: anchor.quote, anchorStart: anchor.start, anchorEnd: anchor.end },
        tx,
      );
      await this.repository.insertComment({ threadId: thread.id, ...author, body: input.body }, tx);
      await this.record('comment.thread_created', context, thread, request, tx);
      return thread.id;
    });
    return this.announce(context, threadId, 'created');
  }

  async reply(userId: string, dialogueId: string, documentId: string, threadId: string, body: string, request: RequestInfo): Promise<Thread> {
    const context = await this.context(userId, dialogueId, documentId, 'comments.view');
    const thread = await this.visibleThread(context, threadId);
    this.require(context, 'comments.write', 'may not comment');
    await this.throttle.consume('comment', userId);
    await this.db.transaction(async (tx) => {
      const { viewer } = context;
      const comment = await this.repository.insertComment(
        { threadId, authorId: userId, authorRole: viewer.role, authorAffiliationId: viewer.affiliationId, body },
        tx,
      );
      await this.record('comment.replied', context, thread, request, tx, comment.id);
    });
    return this.announce(context, threadId, 'updated');
  }

  async setStatus(
    userId: string,
    dialogueId: string,
    documentId: string,
    threadId: string,
    status: 'open' | 'resolved',
    request: RequestInfo,
  ): Promise<Thread> {
    const context = await this.context(userId, dialogueId, documentId, 'comments.view');
    const thread = await this.visibleThread(context, threadId);
    if (!this.mayResolve(context, thread)) {
      throw new AppError('ROLE_FORBIDDEN', `Only the thread's author, the chair and the secretariat may ${status === 'resolved' ? 'resolve' : 'reopen'} it`);
    }
    let changed = false;
    if (thread.status !== status) {
      const at = status === 'resolved' ? this.clock.now() : null;
      changed = await this.db.transaction(async (tx) => {
        if (!(await this.repository.setStatus(threadId, status, at ? userId : null, at, tx))) return false;
        await this.record(status === 'resolved' ? 'comment.thread_resolved' : 'comment.thread_reopened', context, thread, request, tx);
        return true;
      });
    }
    return this.announce(context, threadId, 'updated', changed);
  }

  async edit(
    userId: string,
    dialogueId: string,
    documentId: string,
    threadId: string,
    commentId: string,
    input: z.output<typeof commentBodyInput> | null,
    request: RequestInfo,
  ): Promise<Thread> {
    const context = await this.context(userId, dialogueId, documentId, 'comments.view');
    const thread = await this.visibleThread(context, threadId);
    const comment = thread.comments.find((c) => c.id === commentId && c.deletedAt === null);
    if (!comment) throw new AppError('NOT_FOUND', 'No such comment in this thread');
    if (comment.authorId !== userId) throw new AppError('ROLE_FORBIDDEN', 'Only its author may edit or delete a comment');
    // Editing is commenting: an author since made an observer only reads.
    this.require(context, 'comments.write', 'may not edit or delete comments');
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      // Read again under a lock: a concurrent edit or delete may have committed since the check above.
      const current = await this.repository.lockComment(comment.id, tx);
      if (!current || current.deletedAt !== null) throw new AppError('NOT_FOUND', 'No such comment in this thread');
      if (input) await this.repository.editComment(current, input.body, at, tx);
      else await this.repository.deleteComment(current, at, tx);
      await this.record(input ? 'comment.edited' : 'comment.deleted', context, thread, request, tx, comment.id);
    });
    return this.announce(context, threadId, 'updated');
  }

  /**
   * For live delivery: resolves the thread's anchor once, then answers synchronously, per viewer,
   * the thread as they may see it, or null when it is not for them.
   */
  async viewsOf(dialogueId: string, thread: StoredThread, mode: AttributionMode): Promise<(viewer: AudienceMember) => Thread | null> {
    const [anchor] = await this.anchors.resolve(thread.documentId, [thread]);
    return (viewer) => {
      if (!inAudience(thread, viewer)) return null;
      const context = { dialogueId, documentId: thread.documentId, viewer, mode };
      return threadView(thread, viewer, mode, anchor!, this.permissions(context, thread));
    };
  }

  private async context(userId: string, dialogueId: string, documentId: string, action: DialogueAction): Promise<CommentContext> {
    const membership: Membership = await this.access.require(userId, dialogueId, action);
    const [document, dialogue] = await Promise.all([this.documents.find(dialogueId, documentId), this.dialogues.findById(dialogueId)]);
    if (!document || !dialogue) throw new AppError('NOT_FOUND', 'No such document in this dialogue');
    return {
      dialogueId,
      documentId,
      viewer: { userId, role: membership.role, affiliationId: membership.affiliationId },
      mode: dialogue.attributionMode,
    };
  }

  /** The thread, or the same 404 whether it does not exist or the caller may not see it. */
  private async visibleThread(context: CommentContext, threadId: string): Promise<StoredThread> {
    const thread = await this.repository.findThread(context.documentId, threadId);
    if (!thread || !inAudience(thread, context.viewer)) throw new AppError('NOT_FOUND', NO_SUCH_THREAD);
    return thread;
  }

  private require(context: CommentContext, action: DialogueAction, what: string): void {
    if (!can(context.viewer.role, action)) throw new AppError('ROLE_FORBIDDEN', `The ${context.viewer.role} role ${what}`);
  }

  private mayResolve(context: CommentContext, thread: StoredThread): boolean {
    return thread.authorId === context.viewer.userId || can(context.viewer.role, 'comments.moderate');
  }

  private permissions(context: CommentContext, thread: StoredThread) {
    return { reply: can(context.viewer.role, 'comments.write'), resolve: this.mayResolve(context, thread) };
  }

  private async views(context: CommentContext, threads: StoredThread[]): Promise<Thread[]> {
    const anchors = await this.anchors.resolve(context.documentId, threads);
    return threads.map((t, i) => threadView(t, context.viewer, context.mode, anchors[i]!, this.permissions(context, t)));
  }

  private async view(context: CommentContext, thread: StoredThread): Promise<Thread> {
    return (await this.views(context, [thread]))[0]!;
  }

  /** Reads the committed thread back for the caller and tells everyone else who may see it. */
  private async announce(context: CommentContext, threadId: string, change: 'created' | 'updated', changed = true): Promise<Thread> {
    const thread = await this.repository.findThread(context.documentId, threadId);
    if (!thread) throw new AppError('NOT_FOUND', NO_SUCH_THREAD);
    if (changed) this.events.emit('comments.changed', { dialogueId: context.dialogueId, documentId: context.documentId, threadId, change });
    return this.view(context, thread);
  }

  /**
   * The audit record names the thread, its audience and its author's affiliation, so the trail's
   * view can apply the same audience rule; it holds no wording (that stays in the comment tables).
   */
  private record(
    action: AuditAction,
    context: CommentContext,
    thread: Pick<StoredThread, 'id' | 'audience' | 'authorId' | 'authorAffiliationId'>,
    request: RequestInfo,
    tx: Database,
    commentId?: string,
  ): Promise<void> {
    return this.audit.record(
      {
        actorId: context.viewer.userId,
        action,
        dialogueId: context.dialogueId,
        target: { type: 'comment_thread', id: thread.id },
        detail: {
          documentId: context.documentId,
          audience: thread.audience,
          threadAuthorId: thread.authorId,
          threadAuthorAffiliationId: thread.authorAffiliationId,
          actorRole: context.viewer.role,
          ...(commentId ? { commentId } : {}),
        },
        request,
      },
      tx,
    );
  }
}

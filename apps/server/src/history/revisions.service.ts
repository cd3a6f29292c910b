/**
 * The chair's named revisions: naming the text as it is, renumbering it into a clean revision with
 * its concordance, reading a revision's text, and restoring one (whole, or one paragraph) as a new
 * change on top. Text changes go through the server write path (DocumentWriter), attributed to the
 * steward who made them; the log is never rewritten. docs/history.md describes them.
 */
import type { ConcordanceRow, createRevisionBody, Revision, RevisionCreated, RestoreResult } from '@accord/contract';
import type { Database } from '@accord/db';
import { renumber, TextModelError } from '@accord/text';
import { concordance, restoreBlock } from '@accord/text/history';
import { applyDocumentChange, fromYDoc } from '@accord/text/yjs';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Node } from 'prosemirror-model';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { DocumentLogRepository } from '../collab/document-log.repository.js';
import { DocumentWriter } from '../collab/document-writer.js';
import { AppError, fieldError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import { DomainEvents } from '../common/domain-events.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, DATABASE } from '../common/tokens.js';
import { type HistoryContext, HistoryContexts } from './history-context.js';
import { HistoryRepository, type StoredRevision } from './history.repository.js';
import { TextAtReader } from './text-at.js';

@Injectable()
export class RevisionsService {
  /** Per document, one revision or restore at a time: two stewards naming "Rev.2" at once get one each, not two. */
  private readonly queue = new KeyedQueue();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contexts: HistoryContexts,
    private readonly repository: HistoryRepository,
    private readonly texts: TextAtReader,
    private readonly writer: DocumentWriter,
    private readonly log: DocumentLogRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async list(userId: string, dialogueId: string, documentId: string): Promise<Revision[]> {
    const context = await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    const rows = await this.repository.listRevisions(documentId);
    return this.views(context, rows);
  }

  async get(userId: string, dialogueId: string, documentId: string, revisionId: string): Promise<Revision> {
    const context = await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    return (await this.views(context, [await this.find(documentId, revisionId)]))[0]!;
  }

  /** A revision's text, read-only. */
  async text(userId: string, dialogueId: string, documentId: string, revisionId: string): Promise<{ revision: StoredRevision; text: Node | null }> {
    await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    const revision = await this.find(documentId, revisionId);
    return { revision, text: await this.texts.at(documentId, revision.seq, userId) };
  }

  async concordance(userId: string, dialogueId: string, documentId: string, revisionId: string): Promise<{ revision: Revision; concordance: ConcordanceRow[] }> {
    const context = await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    const stored = await this.find(documentId, revisionId);
    if (stored.concordance === null) throw fieldError('revisionId', `${stored.label} was not renumbered: only a clean revision has a concordance`);
    return { revision: (await this.views(context, [stored]))[0]!, concordance: stored.concordance };
  }

  /**
   * Names the text as it is now; with `renumber`, first renumbers it through the server write path
   * and names the result, keeping the position before it and the concordance of every label.
   */
  async create(userId: string, sessionId: string, dialogueId: string, documentId: string, input: z.output<typeof createRevisionBody>, request: RequestInfo): Promise<RevisionCreated> {
    const context = await this.contexts.require(userId, dialogueId, documentId, 'revisions.create');
    const stored = await this.queue.run(documentId, async () => {
      if (await this.repository.labelTaken(documentId, input.label)) throw fieldError('label', `"${input.label}" is already the label of a revision of this document`);
      const id = randomUUID();
      let seq: number;
      let pinned: { baseSeq: number; concordance: ConcordanceRow[] } | null = null;
      if (input.renumber) {
        const change = await this.writer.change(documentId, { userId, sessionId, source: `renumber:${id}`, role: context.viewer.role }, (ydoc) => {
          const before = fromYDoc(ydoc);
          const after = renumber(before);
          const rows = concordance(before, after);
          applyDocumentChange(ydoc, after);
          return rows;
        });
        // Already clean: nothing was written, and the revision is the text as it is.
        seq = change.seq ?? (await this.log.lastSeq(documentId));
        pinned = { baseSeq: change.seq === null ? seq : change.seq - 1, concordance: change.result };
      } else {
        // The last stored position, not the live one: a revision must never name an update that a
        // crash could still lose (its position would then be reused for other content).
        seq = await this.log.lastSeq(documentId);
      }
      return this.db.transaction(async (tx) => {
        const row = await this.repository.insertRevision(
          {
            id,
            documentId,
            label: input.label,
            symbol: input.symbol ?? null,
            statusDate: input.statusDate ?? this.clock.now().toISOString().slice(0, 10),
            note: input.note || null,
            seq,
            baseSeq: pinned?.baseSeq ?? null,
            concordance: pinned?.concordance ?? null,
            createdBy: userId,
            createdRole: context.viewer.role,
          },
          tx,
        );
        if (!row) throw fieldError('label', `"${input.label}" is already the label of a revision of this document`);
        await this.record(context, 'revision.created', row.id, request, tx, { label: row.label, seq, renumbered: pinned !== null });
        return row;
      });
    });
    this.events.emit('revisions.created', { dialogueId, documentId, revisionId: stored.id });
    const [revision] = await this.views(context, [stored]);
    return stored.concordance === null ? { revision: revision! } : { revision: revision!, concordance: stored.concordance };
  }

  /** The whole text, or one paragraph, as it was in the revision: a new change on top, never a rewrite of the log. */
  async restore(userId: string, sessionId: string, dialogueId: string, documentId: string, revisionId: string, paragraphId: string | undefined, request: RequestInfo): Promise<RestoreResult> {
    const context = await this.contexts.require(userId, dialogueId, documentId, 'revisions.restore');
    const revision = await this.find(documentId, revisionId);
    return this.queue.run(documentId, async () => {
      const then = await this.texts.at(documentId, revision.seq);
      if (then === null) throw new AppError('VALIDATION_FAILED', `${revision.label} holds no text to restore`);
      const change = await this.writer.change(documentId, { userId, sessionId, source: `restore:${revision.id}`, role: context.viewer.role }, (ydoc) => {
        const now = fromYDoc(ydoc);
        let next: Node;
        try {
          next = paragraphId === undefined ? then : restoreBlock(now, then, paragraphId);
        } catch (error) {
          if (error instanceof TextModelError) throw fieldError('paragraphId', error.message.replace(/^paragraphId:\s*/, ''));
          throw error;
        }
        applyDocumentChange(ydoc, next);
      });
      const seq = change.seq ?? (await this.texts.currentSeq(documentId));
      await this.db.transaction((tx) =>
        this.record(context, 'revision.restored', revision.id, request, tx, { label: revision.label, seq, ...(paragraphId ? { paragraphId } : {}), changed: change.seq !== null }),
      );
      return { seq, changed: change.seq !== null };
    });
  }

  private async find(documentId: string, revisionId: string): Promise<StoredRevision> {
    const revision = await this.repository.findRevision(documentId, revisionId);
    if (!revision) throw new AppError('NOT_FOUND', 'No such revision of this document');
    return revision;
  }

  private async views(context: HistoryContext, rows: StoredRevision[]): Promise<Revision[]> {
    const people = await this.contexts.people(
      context,
      rows.map((r) => r.createdBy),
    );
    return rows.map((row) => revisionView(row, people(row.createdBy, row.createdRole)));
  }

  private record(context: HistoryContext, action: 'revision.created' | 'revision.restored', revisionId: string, request: RequestInfo, tx: Database, detail: Record<string, unknown>): Promise<void> {
    return this.audit.record(
      {
        actorId: context.viewer.userId,
        action,
        dialogueId: context.dialogueId,
        target: { type: 'revision', id: revisionId },
        detail: { documentId: context.documentId, actorRole: context.viewer.role, ...detail },
        request,
      },
      tx,
    );
  }
}

export function revisionView(row: StoredRevision, createdBy: Revision['createdBy']): Revision {
  return {
    id: row.id,
    documentId: row.documentId,
    label: row.label,
    symbol: row.symbol,
    seq: row.seq,
    baseSeq: row.baseSeq,
    renumbered: row.concordance !== null,
    statusDate: row.statusDate,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdBy,
  };
}

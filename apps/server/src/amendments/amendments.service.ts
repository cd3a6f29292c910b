/**
 * The rules of amendments short of bringing one into the text (amendment-acceptance.ts): who may
 * propose, support, withdraw and reject, and what a proposal must be. Every change commits with its
 * audit record, then is announced for live delivery. docs/amendments.md describes the lifecycle.
 */
import type { Amendment, AmendmentStatus, SupportKind } from '@accord/contract';
import type { Database } from '@accord/db';
import type { z } from 'zod';
import type { createAmendmentBody, rejectAmendmentBody, supportBody } from '@accord/contract';
import { amendmentChange, type Block, findBlock, parseBlockText } from '@accord/text/amendments';
import { fromYDoc } from '@accord/text/yjs';
import { TextFormatError, TextModelError } from '@accord/text';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService, type AuditAction } from '../audit/audit.service.js';
import { DocumentReader } from '../collab/document-reader.js';
import { AppError, fieldError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, DATABASE } from '../common/tokens.js';
import { CreationThrottle } from '../dialogues/creation-throttle.js';
import { can } from '../dialogues/permissions.js';
import { type AmendmentContext, AmendmentReads } from './amendment-reads.js';
import { isOpen } from './amendment-view.js';
import { AmendmentsRepository, type StoredAmendment } from './amendments.repository.js';
import { DecisionQueue } from './decision-queue.js';

@Injectable()
export class AmendmentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reads: AmendmentReads,
    private readonly repository: AmendmentsRepository,
    private readonly reader: DocumentReader,
    private readonly audit: AuditService,
    private readonly throttle: CreationThrottle,
    private readonly decisions: DecisionQueue,
  ) {}

  async list(userId: string, dialogueId: string, documentId: string, filter: { paragraphId?: string; status?: AmendmentStatus }): Promise<Amendment[]> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.view');
    // Filtered by status after the re-check, so "conflict" finds what has just become one.
    const rows = await this.repository.list(documentId, filter.paragraphId ? { paragraphId: filter.paragraphId } : {});
    const views = await this.reads.views(context, rows);
    return filter.status ? views.filter((a) => a.status === filter.status) : views;
  }

  async get(userId: string, dialogueId: string, documentId: string, amendmentId: string): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.view');
    return this.reads.view(context, amendmentId);
  }

  async propose(userId: string, dialogueId: string, documentId: string, input: z.output<typeof createAmendmentBody>, request: RequestInfo): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.propose');
    const text = input.kind === 'delete' ? null : input.text!.trim();
    // Read and checked against the text at one log position: the base the proposal was written against.
    const base = await this.reader.read(documentId, (ydoc, seq) => {
      const doc = fromYDoc(ydoc);
      const block = findBlockOrFail(doc, input.paragraphId);
      if (text !== null) checkProposal(doc, input.paragraphId, input.kind, text, block.text);
      return { seq, block };
    });
    await this.throttle.consume('amendment', userId);
    const { viewer } = context;
    const id = await this.db.transaction(async (tx) => {
      const row = await this.repository.insert(
        {
          documentId,
          paragraphId: input.paragraphId,
          label: base.block.citation,
          kind: input.kind,
          text,
          justification: input.justification || null,
          baseSeq: base.seq,
          baseText: base.block.text,
          proposerId: userId,
          proposerRole: viewer.role,
          proposerAffiliationId: viewer.affiliationId,
        },
        tx,
      );
      await this.record('amendment.proposed', context, row.id, request, tx, { kind: input.kind, paragraphId: input.paragraphId });
      return row.id;
    });
    this.reads.announce(context, id);
    return this.reads.view(context, id);
  }

  async support(userId: string, dialogueId: string, documentId: string, amendmentId: string, input: z.output<typeof supportBody>, request: RequestInfo): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.view');
    const amendment = await this.reads.find(context, amendmentId);
    const { viewer } = context;
    if (!can(viewer.role, 'amendments.support')) {
      throw new AppError('ROLE_FORBIDDEN', `The ${viewer.role} role may not support amendments: delegations support, organizations endorse`);
    }
    if (viewer.affiliationId === null) throw new AppError('ROLE_FORBIDDEN', 'Support is given for a delegation or an organization; you have none in this dialogue');
    // Counting it would read as someone else's support: "endorsed by 1 organization" for the proposer itself.
    if (viewer.affiliationId === amendment.proposerAffiliationId) {
      throw new AppError('ROLE_FORBIDDEN', 'Your delegation or organization proposed this amendment: the proposal is its support');
    }
    requireOpen(amendment);
    const kind = supportKindFor(viewer.role, input.kind);
    await this.db.transaction(async (tx) => {
      await this.repository.upsertSupport({ amendmentId, affiliationId: viewer.affiliationId!, userId, role: viewer.role, kind }, tx);
      await this.record('amendment.supported', context, amendmentId, request, tx, { kind });
    });
    this.reads.announce(context, amendmentId);
    return this.reads.view(context, amendmentId);
  }

  async unsupport(userId: string, dialogueId: string, documentId: string, amendmentId: string, request: RequestInfo): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.view');
    const amendment = await this.reads.find(context, amendmentId);
    const { viewer } = context;
    if (!can(viewer.role, 'amendments.support') || viewer.affiliationId === null) {
      throw new AppError('ROLE_FORBIDDEN', `The ${viewer.role} role gives no support to withdraw`);
    }
    requireOpen(amendment);
    const withdrawn = await this.db.transaction(async (tx) => {
      if (!(await this.repository.deleteSupport(amendmentId, viewer.affiliationId!, tx))) return false;
      await this.record('amendment.support_withdrawn', context, amendmentId, request, tx);
      return true;
    });
    if (withdrawn) this.reads.announce(context, amendmentId);
    return this.reads.view(context, amendmentId);
  }

  /** The proposer takes their amendment back, while it is undecided. */
  async withdraw(userId: string, dialogueId: string, documentId: string, amendmentId: string, request: RequestInfo): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.view');
    const amendment = await this.reads.find(context, amendmentId);
    if (amendment.proposerId !== userId) throw new AppError('ROLE_FORBIDDEN', 'Only its proposer may withdraw an amendment');
    await this.close(context, amendmentId, 'withdrawn', null, 'amendment.withdrawn', request);
    return this.reads.view(context, amendmentId);
  }

  async reject(userId: string, dialogueId: string, documentId: string, amendmentId: string, input: z.output<typeof rejectAmendmentBody>, request: RequestInfo): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.decide');
    await this.reads.find(context, amendmentId);
    await this.close(context, amendmentId, 'rejected', input.reason || null, 'amendment.rejected', request);
    return this.reads.view(context, amendmentId);
  }

  private async close(context: AmendmentContext, amendmentId: string, status: 'withdrawn' | 'rejected', reason: string | null, action: AuditAction, request: RequestInfo): Promise<void> {
    const { viewer } = context;
    // In the document's decision queue: an acceptance in progress finishes (text and record) first.
    await this.decisions.run(context.documentId, () => this.db.transaction(async (tx) => {
      // Locked and read again: of a withdrawal and a decision racing, only the first counts.
      const current = await this.repository.lock(amendmentId, tx);
      if (!current) throw new AppError('NOT_FOUND', 'No such amendment in this document');
      requireOpen(current);
      await this.repository.decide(
        amendmentId,
        { status, reason, decidedBy: viewer.userId, decidedRole: viewer.role, decidedAt: this.clock.now(), mode: null, appliedSeq: null },
        tx,
      );
      await this.record(action, context, amendmentId, request, tx, reason ? { reason } : {});
    }));
    this.reads.announce(context, amendmentId);
  }

  private record(action: AuditAction, context: AmendmentContext, amendmentId: string, request: RequestInfo, tx: Database, detail: Record<string, unknown> = {}): Promise<void> {
    return this.audit.record(
      {
        actorId: context.viewer.userId,
        action,
        dialogueId: context.dialogueId,
        target: { type: 'amendment', id: amendmentId },
        detail: { documentId: context.documentId, actorRole: context.viewer.role, ...detail },
        request,
      },
      tx,
    );
  }
}

/** A decided amendment stays decided: 409 naming its state. */
export function requireOpen(amendment: Pick<StoredAmendment, 'status'>): void {
  if (!isOpen(amendment.status)) throw new AppError('AMENDMENT_DECIDED', `The amendment is already ${amendment.status}`);
}

function supportKindFor(role: string, asked: 'support' | 'cosponsor' | undefined): SupportKind {
  if (role !== 'delegate') {
    if (asked !== undefined) throw fieldError('kind', 'civil society endorses; support and co-sponsorship are for delegations');
    return 'endorse';
  }
  return asked ?? 'support';
}

export function findBlockOrFail(doc: ReturnType<typeof fromYDoc>, paragraphId: string): Block {
  const block = findBlock(doc, paragraphId);
  if (!block) throw fieldError('paragraphId', 'no paragraph or sub-paragraph with this id in the document');
  return block;
}

/** The proposed wording must parse, differ from the wording now, and make a valid text where it goes. */
export function checkProposal(doc: ReturnType<typeof fromYDoc>, paragraphId: string, kind: 'replace' | 'insert_after' | 'delete', text: string, current: string): void {
  try {
    parseBlockText(text);
    if (kind === 'replace' && text === current) throw fieldError('text', "is the paragraph's wording now: there is nothing to amend");
    amendmentChange(doc, { targetId: paragraphId, kind, text, mode: 'as_proposed', sponsors: [] }).check();
  } catch (error) {
    if (error instanceof TextModelError) throw fieldError(error.field === 'paragraphId' ? 'paragraphId' : 'text', error.message);
    // A RangeError is ProseMirror's check() refusing the result: the wording breaks the schema where it goes.
    if (error instanceof TextFormatError || error instanceof RangeError) throw fieldError('text', error.message);
    throw error;
  }
}


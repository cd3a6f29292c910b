/**
 * Bringing an amendment into the text: the chair's (or the secretariat's) act. The change is
 * computed from the live document and written through the server write path in one synchronous
 * step, so it applies to the text exactly as read; every edit acknowledged before it is kept, and
 * every edit after it merges as any concurrent edit does. The log row names the deciding member and
 * the amendment ("amendment:<id>").
 *
 * A paragraph that moved on since the amendment's base is merged by words (three-way); when that
 * fails the answer is 409 AMENDMENT_CONFLICT with the attempted merge, the text is unchanged, and
 * the chair may accept again with edited wording. Other amendments to the same paragraph are
 * re-checked once the change is in.
 */
import type { AcceptMode, Amendment } from '@accord/contract';
import type { Database } from '@accord/db';
import type { z } from 'zod';
import type { acceptAmendmentBody } from '@accord/contract';
import { amendmentChange, type Block, findBlock, mergeProposal, sponsorNameOf } from '@accord/text/amendments';
import { applyDocumentChange, fromYDoc } from '@accord/text/yjs';
import { computeLabels, N } from '@accord/text';

import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DocumentWriter } from '../collab/document-writer.js';
import { AppError } from '../common/app-error.js';
import type { Clock } from '../common/clock.js';
import type { RequestInfo } from '../common/request-info.js';
import { CLOCK, DATABASE } from '../common/tokens.js';
import { type AmendmentContext, AmendmentReads } from './amendment-reads.js';
import { sponsoringDelegations } from './amendment-view.js';
import { AmendmentsRepository, type StoredAmendment } from './amendments.repository.js';
import { checkProposal, requireOpen } from './amendments.service.js';
import { DecisionQueue } from './decision-queue.js';

@Injectable()
export class AmendmentAcceptance {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reads: AmendmentReads,
    private readonly repository: AmendmentsRepository,
    private readonly writer: DocumentWriter,
    private readonly audit: AuditService,
    private readonly decisions: DecisionQueue,
  ) {}

  async accept(
    userId: string,
    sessionId: string,
    dialogueId: string,
    documentId: string,
    amendmentId: string,
    input: z.output<typeof acceptAmendmentBody>,
    request: RequestInfo,
  ): Promise<Amendment> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.decide');
    // One decision at a time per document: each reads the text (and the amendment) the previous one left.
    await this.decisions.run(documentId, () => this.acceptNow(context, sessionId, amendmentId, input, request));
    return this.reads.view(context, amendmentId);
  }

  private async acceptNow(context: AmendmentContext, sessionId: string, amendmentId: string, input: z.output<typeof acceptAmendmentBody>, request: RequestInfo): Promise<void> {
    const amendment = await this.reads.find(context, amendmentId);
    requireOpen(amendment);
    const mode: AcceptMode = input.mode ?? 'as_proposed';
    const edited = input.text?.trim();
    if (edited !== undefined && amendment.kind === 'delete') throw fieldErrorText('a deletion takes no text');
    const sponsors = sponsoringDelegations(amendment).map(sponsorNameOf);
    const author = { userId: context.viewer.userId, sessionId, source: `amendment:${amendmentId}`, role: context.viewer.role };
    let seq: number | null;
    try {
      ({ seq } = await this.writer.change(context.documentId, author, (ydoc) => {
        const doc = fromYDoc(ydoc);
        const block = findBlock(doc, amendment.paragraphId);
        if (!block) throw new AppError('AMENDMENT_CONFLICT', `${amendment.label} is no longer in the text`);
        if (block.status === 'agreed') {
          throw new AppError('PARAGRAPH_AGREED', `${block.citation} is agreed: reopen it (change its status) before bringing an amendment in`);
        }
        const text = edited ?? wordingFor(amendment, block);
        if (edited !== undefined) checkProposal(doc, amendment.paragraphId, amendment.kind, edited, amendment.kind === 'replace' ? '' : block.text);
        const next = amendmentChange(doc, { targetId: amendment.paragraphId, kind: amendment.kind, text, mode, sponsors });
        const touched = agreedParagraphChanged(doc, next);
        if (touched) throw new AppError('PARAGRAPH_AGREED', `${touched} is agreed: reopen it (change its status) before bringing in an amendment that changes it or its alternatives`);
        applyDocumentChange(ydoc, next);
      }));
    } catch (error) {
      // Recorded as the re-check on every read records it (same status, same reason), so reads after a refused acceptance store and announce nothing more.
      if (error instanceof AppError && error.code === 'AMENDMENT_CONFLICT') await this.reads.recheck(context, [amendment], await this.reads.text(context.documentId));
      throw error;
    }
    const text = await this.reads.text(context.documentId);
    const { viewer } = context;
    await this.db.transaction(async (tx) => {
      const current = await this.repository.lock(amendmentId, tx);
      if (!current) throw new AppError('NOT_FOUND', 'No such amendment in this document');
      await this.repository.decide(
        amendmentId,
        // A change that altered nothing (the text already said it) still accepts, at the position it was read.
        { status: 'accepted', reason: null, decidedBy: viewer.userId, decidedRole: viewer.role, decidedAt: this.clock.now(), mode, appliedSeq: seq ?? text.seq },
        tx,
      );
      await this.audit.record(
        {
          actorId: viewer.userId,
          action: 'amendment.accepted',
          dialogueId: context.dialogueId,
          target: { type: 'amendment', id: amendmentId },
          detail: { documentId: context.documentId, actorRole: viewer.role, mode, seq: seq ?? text.seq, edited: edited !== undefined },
          request,
        },
        tx,
      );
    });
    this.reads.announce(context, amendmentId);
    // The others on the same paragraph now meet a different wording.
    const siblings = await this.repository.list(context.documentId, { paragraphId: amendment.paragraphId });
    await this.reads.recheck(context, siblings.filter((s) => s.id !== amendmentId), text);
  }
}

/**
 * What goes into the text: the proposal, merged by words onto the wording now when the paragraph
 * has moved on since the amendment was written. Throws 409 AMENDMENT_CONFLICT with the attempted
 * merge when the two overlap.
 */
function wordingFor(amendment: StoredAmendment, block: Block): string | null {
  if (amendment.kind !== 'replace') return amendment.text;
  const proposed = amendment.text ?? '';
  if (block.text === amendment.baseText) return proposed;
  const merged = mergeProposal(amendment.baseText, block.text, proposed);
  if (merged.ok) return merged.text;
  throw new AppError('AMENDMENT_CONFLICT', `${block.citation} has changed since the amendment was written, and the proposal no longer applies cleanly: edit the wording and accept again`, {
    conflict: { currentText: block.text, proposedText: proposed, preview: merged.preview },
  });
}

/**
 * The citation of an agreed paragraph the change alters, or null. The target itself is checked before;
 * its neighbours are not safe from it: deleting Alt 2 makes an agreed Alt 1 a plain paragraph, and a
 * bracketed option to Alt 2 adds an Alt 3 to an agreed Alt 1's group. Label numbers aside.
 */
function agreedParagraphChanged(before: ProseNode, after: ProseNode): string | null {
  const now = new Map<string, ProseNode>();
  after.descendants((node) => {
    if (node.type.name === N.paragraph && typeof node.attrs.id === 'string' && !now.has(node.attrs.id)) now.set(node.attrs.id, node);
    return node.type.name === N.box || node.type.name === 'doc';
  });
  const labels = computeLabels(before);
  let changed: string | null = null;
  before.descendants((node, pos) => {
    if (changed !== null || node.type.name !== N.paragraph) return node.type.name === N.box && changed === null;
    if (node.attrs.status !== 'agreed') return false;
    const is = now.get(node.attrs.id as string);
    const alt = node.attrs.alt as string | null;
    const members = (doc: ProseNode) => {
      let count = 0;
      doc.descendants((n) => {
        if (n.type.name === N.paragraph && alt !== null && n.attrs.alt === alt) count++;
        return n.type.name === N.box || n.type.name === 'doc';
      });
      return count;
    };
    if (!is || !sameParagraph(node, is) || (alt !== null && members(before) !== members(after))) changed = labels.atPos.get(pos)?.citation ?? 'A paragraph';
    return false;
  });
  return changed;
}

type ProseNode = ReturnType<typeof fromYDoc>;

/** The same attributes but the label numbers, and the same content. */
function sameParagraph(a: ProseNode, b: ProseNode): boolean {
  const attrs = (n: ProseNode) => JSON.stringify(Object.entries(n.attrs).filter(([k]) => k !== 'num' && k !== 'sfx'));
  return attrs(a) === attrs(b) && a.content.eq(b.content);
}

function fieldErrorText(message: string): AppError {
  return new AppError('VALIDATION_FAILED', `text ${message}`, { fields: [{ field: 'text', message }] });
}

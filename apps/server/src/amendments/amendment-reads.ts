/**
 * What every amendment route shares: who the caller is in the document's dialogue, the text as it
 * stands (each paragraph's wording and label by permanent id), and the one way amendments leave the
 * server (amendmentView). Undecided amendments whose paragraph has moved on are re-checked here, on
 * the way out, so a proposal that no longer applies cleanly shows `conflict` wherever it is read.
 */
import type { Amendment, AttributionMode } from '@accord/contract';
import type { Database } from '@accord/db';
import { type Block, listBlocks, mergeProposal } from '@accord/text/amendments';
import { fromYDoc } from '@accord/text/yjs';
import { Inject, Injectable } from '@nestjs/common';
import type * as Y from 'yjs';
import { DocumentReader } from '../collab/document-reader.js';
import { AppError } from '../common/app-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { DATABASE } from '../common/tokens.js';
import type { AudienceMember } from '../dialogues/audience.js';
import { DialogueAccess } from '../dialogues/dialogue-access.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import type { DialogueAction } from '../dialogues/permissions.js';
import { DocumentsRepository } from '../documents/documents.repository.js';
import { amendmentView, type BlockNow, isOpen } from './amendment-view.js';
import { AmendmentsRepository, type StoredAmendment } from './amendments.repository.js';

/** The caller inside one document: who they are in its dialogue, and how the dialogue attributes. */
export interface AmendmentContext {
  dialogueId: string;
  documentId: string;
  title: string;
  viewer: AudienceMember;
  mode: AttributionMode;
}

/** The text at one log position: every paragraph and sub-paragraph, by permanent id, in reading order. */
export interface TextNow {
  seq: number;
  blocks: Block[];
  byId: Map<string, Block>;
}

export const NO_SUCH_AMENDMENT = 'No such amendment in this document';


@Injectable()
export class AmendmentReads {
  private readonly texts = new WeakMap<Y.Doc, TextNow>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly access: DialogueAccess,
    private readonly dialogues: DialoguesRepository,
    private readonly documents: DocumentsRepository,
    private readonly reader: DocumentReader,
    private readonly repository: AmendmentsRepository,
    private readonly events: DomainEvents,
  ) {}

  async context(userId: string, dialogueId: string, documentId: string, action: DialogueAction): Promise<AmendmentContext> {
    const membership = await this.access.require(userId, dialogueId, action);
    const [document, dialogue] = await Promise.all([this.documents.find(dialogueId, documentId), this.dialogues.findById(dialogueId)]);
    if (!document || !dialogue) throw new AppError('NOT_FOUND', 'No such document in this dialogue');
    return {
      dialogueId,
      documentId,
      title: document.title,
      viewer: { userId, role: membership.role, affiliationId: membership.affiliationId },
      mode: dialogue.attributionMode,
    };
  }

  /**
   * The text at its latest log position. A document's log position names one state of it, so the
   * last reading of each Y.Doc is kept and reused until the text moves on: an acceptance, its answer
   * and its live delivery read the same state once, not three times. Kept by the Y.Doc itself, so a
   * reading goes when its document leaves memory.
   */
  async text(documentId: string): Promise<TextNow> {
    return this.reader.read(documentId, (ydoc, seq) => {
      const kept = this.texts.get(ydoc);
      if (kept?.seq === seq) return kept;
      const blocks = listBlocks(fromYDoc(ydoc));
      const text = { seq, blocks, byId: new Map(blocks.map((b) => [b.id, b])) };
      this.texts.set(ydoc, text);
      return text;
    });
  }

  async find(context: AmendmentContext, amendmentId: string, db?: Database): Promise<StoredAmendment> {
    const amendment = await this.repository.find(context.documentId, amendmentId, db);
    if (!amendment) throw new AppError('NOT_FOUND', NO_SUCH_AMENDMENT);
    return amendment;
  }

  /** The amendments as the caller may see them, against the text now; stale ones re-checked first. */
  async views(context: AmendmentContext, rows: StoredAmendment[], text?: TextNow): Promise<Amendment[]> {
    const now = text ?? (await this.text(context.documentId));
    const checked = await this.recheck(context, rows, now);
    return checked.map((row) => amendmentView(row, context.viewer, context.mode, blockNow(now, row.paragraphId)));
  }

  async view(context: AmendmentContext, amendmentId: string): Promise<Amendment> {
    return (await this.views(context, [await this.find(context, amendmentId)]))[0]!;
  }

  announce(context: Pick<AmendmentContext, 'dialogueId' | 'documentId'>, amendmentId: string): void {
    this.events.emit('amendments.changed', { dialogueId: context.dialogueId, documentId: context.documentId, amendmentId });
  }

  /**
   * Moves undecided amendments between `submitted` and `conflict` as their paragraph changes: a
   * replacement conflicts when it no longer merges onto the wording by words, any amendment when its
   * paragraph is gone. Stored, and announced, only when the status changes.
   */
  async recheck(context: Pick<AmendmentContext, 'dialogueId' | 'documentId'>, rows: StoredAmendment[], text: TextNow): Promise<StoredAmendment[]> {
    const changes: Array<{ id: string; status: 'submitted' | 'conflict'; reason: string | null; label?: string }> = [];
    const result = rows.map((row) => {
      if (!isOpen(row.status)) return row;
      const block = text.byId.get(row.paragraphId);
      const verdict = openStatus(row, block);
      if (verdict.status === row.status && verdict.reason === row.reason) return row;
      changes.push({ id: row.id, ...verdict, ...(block ? { label: block.citation } : {}) });
      return { ...row, ...verdict };
    });
    if (changes.length > 0) {
      await this.db.transaction((tx) => this.repository.setOpenStatus(changes, tx));
      for (const change of changes) this.announce(context, change.id);
    }
    return result;
  }
}

export function blockNow(text: TextNow, paragraphId: string): BlockNow | null {
  const block = text.byId.get(paragraphId);
  return block ? { text: block.text, label: block.citation } : null;
}

/**
 * Whether each undecided replacement merges onto its paragraph's wording now, kept per amendment
 * and wording: every list and compilation re-checks every amendment, and one merge of a long
 * paragraph costs up to ~0.1 s (merge.ts bounds it), so a read of many amendments repeated the
 * work of the last one while the text stood still.
 */
const merges = new Map<string, { current: string; ok: boolean }>();
const MERGES_KEPT = 500;

function cachedMerge(row: StoredAmendment, current: string): boolean {
  const kept = merges.get(row.id);
  if (kept?.current === current) return kept.ok;
  const ok = mergeProposal(row.baseText, current, row.text ?? '').ok;
  merges.delete(row.id);
  merges.set(row.id, { current, ok });
  if (merges.size > MERGES_KEPT) merges.delete(merges.keys().next().value!);
  return ok;
}

function openStatus(row: StoredAmendment, block: Block | undefined): { status: 'submitted' | 'conflict'; reason: string | null } {
  if (!block) return { status: 'conflict', reason: `${row.label} is no longer in the text` };
  if (row.kind !== 'replace' || block.text === row.baseText) return { status: 'submitted', reason: null };
  const merged = cachedMerge(row, block.text);
  return merged
    ? { status: 'submitted', reason: null }
    : { status: 'conflict', reason: `${block.citation} has changed since the amendment was written, and the proposal no longer applies cleanly` };
}

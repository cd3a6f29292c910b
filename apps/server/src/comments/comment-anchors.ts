/**
 * Where each thread's words are now. Anchors are resolved against the document's current state on
 * every read (the open room's document in place, or a replica kept from the log), so a thread
 * follows its words through edits, splits, joins and moves, and is marked orphaned when they are
 * deleted: the rules themselves live in @accord/text/anchors, shared with the editor.
 */
import { anchorAt, anchorFor, resolveAnchors } from '@accord/text/anchors';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { DocumentReader } from '../collab/document-reader.js';
import { type AnchorMove, CommentsRepository } from './comments.repository.js';
import type { ResolvedAnchor } from './thread-view.js';
import { fromBase64, toBase64 } from '../common/base64.js';

export interface StoredAnchor {
  paragraphId: string;
  quote: string;
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
}

export interface NewAnchor {
  paragraphId: string;
  quote: string;
  start: Uint8Array | null;
  end: Uint8Array | null;
}

@Injectable()
export class CommentAnchors {
  constructor(
    private readonly reader: DocumentReader,
    private readonly repository: CommentsRepository,
  ) {}

  /**
   * Resolves many anchors of one document in one pass over it. Where words were found elsewhere
   * than their stored positions say (a split, a join, a move, an undo), the fresh positions are
   * stored: a chain of such edits is followed most reliably from the latest place of the words.
   */
  async resolve(documentId: string, anchors: ReadonlyArray<StoredAnchor & { id: string }>): Promise<ResolvedAnchor[]> {
    if (anchors.length === 0) return [];
    const stored = anchors.map((a) => ({
      paragraphId: a.paragraphId,
      quote: a.quote,
      start: a.anchorStart ? toBase64(a.anchorStart) : null,
      end: a.anchorEnd ? toBase64(a.anchorEnd) : null,
    }));
    const resolved = await this.reader.read(documentId, (doc) => resolveAnchors(doc, stored));
    const moved: AnchorMove[] = [];
    const answers = resolved.map((r, i): ResolvedAnchor => {
      const was = stored[i]!;
      if (r.orphaned) return { paragraphId: r.paragraphId, orphaned: true, start: was.start, end: was.end };
      if (r.paragraphId !== was.paragraphId || r.start !== was.start || r.end !== was.end) {
        moved.push({ id: anchors[i]!.id, paragraphId: r.paragraphId, anchorStart: r.start ? fromBase64(r.start) : null, anchorEnd: r.end ? fromBase64(r.end) : null });
      }
      return { paragraphId: r.paragraphId, orphaned: false, start: r.start, end: r.end };
    });
    if (moved.length > 0) await this.repository.moveAnchors(moved);
    return answers;
  }

  /**
   * A new thread's anchor, checked against the text as it is now: the paragraph must be in the
   * document and the quote in the paragraph. The editor's relative positions are kept when they
   * still frame the quote; if the text moved under them meanwhile, the quote's first occurrence is
   * anchored instead, rather than refusing a comment over a race the writer cannot see.
   */
  async place(documentId: string, input: { paragraphId: string; quote?: string; anchor?: { start: string; end: string } }): Promise<NewAnchor> {
    const quote = input.quote ?? '';
    return this.reader.read(documentId, (doc) => {
      let placed = input.anchor && quote !== '' ? anchorAt(doc, input.paragraphId, quote, input.anchor) : anchorFor(doc, input.paragraphId, quote);
      if (!placed.ok && placed.field === 'anchor') placed = anchorFor(doc, input.paragraphId, quote);
      if (!placed.ok) {
        throw new AppError('VALIDATION_FAILED', `${placed.field} ${placed.message}`, { fields: [{ field: placed.field, message: placed.message }] });
      }
      const { start, end } = placed.anchor;
      return { paragraphId: input.paragraphId, quote, start: start ? fromBase64(start) : null, end: end ? fromBase64(end) : null };
    });
  }
}

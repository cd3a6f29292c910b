/**
 * The compilation: the text as it stands with, under each paragraph, every amendment to it, its
 * status, supporters, justification and redline. It is the secretariat's document that leaves the
 * room, so it is built from the same per-viewer serializer as everything else (under the Chatham
 * House Rule: categories and counts, never names or affiliations).
 */
import { type Amendment, amendmentStatuses, type AmendmentStatus, type Compilation } from '@accord/contract';
import { computeLabels, N } from '@accord/text';
import { listBlocks } from '@accord/text/amendments';
import { fromYDoc } from '@accord/text/yjs';
import { Inject, Injectable } from '@nestjs/common';
import { DocumentReader } from '../collab/document-reader.js';
import type { Clock } from '../common/clock.js';
import { CLOCK } from '../common/tokens.js';
import { AmendmentReads, type TextNow } from './amendment-reads.js';
import { AmendmentsRepository } from './amendments.repository.js';
import { compilationText } from './compilation-text.js';

@Injectable()
export class CompilationService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reads: AmendmentReads,
    private readonly repository: AmendmentsRepository,
    private readonly reader: DocumentReader,
  ) {}

  async json(userId: string, dialogueId: string, documentId: string): Promise<Compilation> {
    const context = await this.reads.context(userId, dialogueId, documentId, 'amendments.view');
    const { text, boxes } = await this.reader.read(documentId, (ydoc, seq) => {
      const doc = fromYDoc(ydoc);
      const labels = computeLabels(doc);
      const titles: Array<{ label: string; title: string }> = [];
      doc.forEach((box, pos) => {
        if (box.type.name === N.box) titles.push({ label: labels.atPos.get(pos)!.short, title: box.firstChild?.textContent ?? '' });
      });
      const blocks = listBlocks(doc);
      return { text: { seq, blocks, byId: new Map(blocks.map((b) => [b.id, b])) } satisfies TextNow, boxes: titles };
    });
    const amendments = await this.reads.views(context, await this.repository.list(documentId), text);
    const byParagraph = new Map<string, Amendment[]>();
    for (const amendment of amendments) {
      const list = byParagraph.get(amendment.paragraphId) ?? [];
      list.push(amendment);
      byParagraph.set(amendment.paragraphId, list);
    }
    const totals = Object.fromEntries(amendmentStatuses.map((s) => [s, 0])) as Record<AmendmentStatus, number>;
    for (const amendment of amendments) totals[amendment.status] += 1;
    return {
      documentId,
      title: context.title,
      attribution: context.mode,
      generatedAt: this.clock.now().toISOString(),
      seq: text.seq,
      boxes: boxes.map((box) => ({
        label: box.label,
        title: box.title,
        paragraphs: text.blocks
          .filter((block) => block.boxLabel === box.label)
          .map((block) => ({
            paragraphId: block.id,
            label: block.citation,
            status: block.status,
            text: block.text,
            amendments: byParagraph.get(block.id) ?? [],
          })),
      })),
      removed: amendments.filter((a) => !text.byId.has(a.paragraphId)),
      totals,
    };
  }

  async plain(userId: string, dialogueId: string, documentId: string): Promise<string> {
    return compilationText(await this.json(userId, dialogueId, documentId));
  }
}

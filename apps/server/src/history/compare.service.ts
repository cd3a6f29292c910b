/**
 * Comparing any two points of a document's log (revisions, positions, now), and the progress of
 * each box across the named revisions. Past texts come from TextAtReader, which keeps them; a
 * comparison of two fixed points never changes, so it is kept too.
 */
import type { Comparison, Progress } from '@accord/contract';
import { compareTexts, progressOf } from '@accord/text/history';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { N, schema } from '@accord/text';
import { HistoryContexts } from './history-context.js';
import { HistoryRepository } from './history.repository.js';
import { Positions } from './positions.js';
import { type TextState, TextAtReader } from './text-at.js';

@Injectable()
export class CompareService {
  /** By document and the two positions: both sides are fixed texts, so is their comparison. */
  private readonly comparisons = new LRUCache<string, Pick<Comparison, 'summary' | 'changes'>>({ max: 64 });

  constructor(
    private readonly contexts: HistoryContexts,
    private readonly positions: Positions,
    private readonly texts: TextAtReader,
    private readonly repository: HistoryRepository,
  ) {}

  async compare(userId: string, dialogueId: string, documentId: string, fromRef: string, toRef: string): Promise<Comparison> {
    await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    const [from, to] = await Promise.all([this.positions.resolve(documentId, fromRef, 'from'), this.positions.resolve(documentId, toRef, 'to')]);
    const strip = ({ stored: _stored, ...position }: typeof from) => position;
    const key = `${documentId}:${from.seq}:${to.seq}`;
    let result = this.comparisons.get(key);
    if (!result) {
      const [before, after] = await Promise.all([this.texts.at(documentId, from.seq, userId), this.texts.at(documentId, to.seq, userId)]);
      result = compareTexts(orEmpty(before), orEmpty(after));
      this.comparisons.set(key, result);
    }
    return { from: strip(from), to: strip(to), ...result };
  }

  async progress(userId: string, dialogueId: string, documentId: string): Promise<Progress> {
    await this.contexts.require(userId, dialogueId, documentId, 'history.view');
    const revisions = await this.repository.listRevisions(documentId);
    const now = await this.texts.current(documentId);
    const points: Progress['points'] = [];
    for (const revision of revisions) {
      const text = await this.texts.at(documentId, revision.seq, userId);
      points.push({ label: revision.label, revisionId: revision.id, seq: revision.seq, statusDate: revision.statusDate, boxes: text ? progressOf(text) : [] });
    }
    points.push({ label: 'Now', revisionId: null, seq: now.seq, statusDate: null, boxes: now.text ? progressOf(now.text) : [] });
    return { points };
  }
}

/** A document before its first content compares as a text with no paragraphs. */
const EMPTY = schema.nodes[N.doc]!.create();

function orEmpty(text: TextState): NonNullable<TextState> {
  return text ?? EMPTY;
}

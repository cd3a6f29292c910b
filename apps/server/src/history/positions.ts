/**
 * Points of a document's log as the API names them ("current", "seq:<n>", a revision's id), resolved
 * to log positions. A point that does not exist for this document is a 400 naming the field it came in.
 */
import type { ResolvedPosition } from '@accord/contract';
import { Injectable } from '@nestjs/common';
import { fieldError } from '../common/app-error.js';
import { HistoryRepository, type StoredRevision } from './history.repository.js';
import { TextAtReader } from './text-at.js';

export interface Position extends ResolvedPosition {
  stored: StoredRevision | null;
}

@Injectable()
export class Positions {
  constructor(
    private readonly repository: HistoryRepository,
    private readonly texts: TextAtReader,
  ) {}

  async resolve(documentId: string, ref: string, field: string): Promise<Position> {
    if (ref === 'current') return { ref, seq: await this.texts.currentSeq(documentId), revision: null, stored: null };
    if (ref.startsWith('seq:')) {
      const seq = Number(ref.slice('seq:'.length));
      const end = await this.texts.currentSeq(documentId);
      if (seq > end) throw fieldError(field, `is past the end of the log: position ${seq} asked, the document has ${end} updates`);
      return { ref, seq, revision: null, stored: null };
    }
    const stored = await this.repository.findRevision(documentId, ref.toLowerCase());
    if (!stored) throw fieldError(field, 'is not a revision of this document');
    return { ref, seq: stored.seq, revision: { id: stored.id, label: stored.label }, stored };
  }
}

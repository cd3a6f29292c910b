import {
  comparisonSchema,
  concordanceSchema,
  historyPageSchema,
  progressSchema,
  restoreResultSchema,
  revisionCreatedSchema,
  revisionEnvelopeSchema,
  revisionListSchema,
  textAtSchema,
  type Comparison,
  type Concordance,
  type CreateRevisionInput,
  type HistoryPage,
  type HistoryQuery,
  type Progress,
  type RestoreInput,
  type RestoreResult,
  type Revision,
  type RevisionCreated,
  type TextAt,
} from '@accord/contract';
import { apiPath, type ApiTransport, type RequestOptions, withQuery } from './api-transport.js';

const documentPath = (dialogueId: string, documentId: string, ...rest: string[]) => apiPath('dialogues', dialogueId, 'documents', documentId, ...rest);

/** A point of the log: "current", "seq:<n>" or a revision's id. */
export type PositionRef = 'current' | `seq:${number}` | (string & {});

/**
 * A document's history: the timeline of who changed what and when, the chair's named revisions, the
 * text at any point, comparisons of any two points, restores and the progress of each box.
 * docs/history.md describes them.
 */
export class HistoryApi {
  constructor(private readonly http: ApiTransport) {}

  /** Newest first, a page at a time: pass the page's `next` as `cursor` for the one before it. */
  timeline(dialogueId: string, documentId: string, query: HistoryQuery = {}, options?: RequestOptions): Promise<HistoryPage> {
    return this.http.json('GET', withQuery(documentPath(dialogueId, documentId, 'history'), { ...query }), historyPageSchema, undefined, options);
  }

  /** The text as it stood at a point of the log (read-only). */
  textAt(dialogueId: string, documentId: string, at: PositionRef, options?: RequestOptions): Promise<TextAt> {
    return this.http.json('GET', withQuery(documentPath(dialogueId, documentId, 'text'), { at, format: 'json' }), textAtSchema, undefined, options);
  }

  /** Oldest first. */
  async revisions(dialogueId: string, documentId: string, options?: RequestOptions): Promise<Revision[]> {
    return (await this.http.json('GET', documentPath(dialogueId, documentId, 'revisions'), revisionListSchema, undefined, options)).revisions;
  }

  async revision(dialogueId: string, documentId: string, revisionId: string, options?: RequestOptions): Promise<Revision> {
    return (await this.http.json('GET', documentPath(dialogueId, documentId, 'revisions', revisionId), revisionEnvelopeSchema, undefined, options)).revision;
  }

  /**
   * The chair or the secretariat names the text as it is now. With `renumber`, the text is pinned,
   * renumbered (no more bis) and the result named: the answer carries the concordance.
   */
  nameRevision(dialogueId: string, documentId: string, input: CreateRevisionInput, options?: RequestOptions): Promise<RevisionCreated> {
    return this.http.json('POST', documentPath(dialogueId, documentId, 'revisions'), revisionCreatedSchema, input, options);
  }

  revisionText(dialogueId: string, documentId: string, revisionId: string, options?: RequestOptions): Promise<TextAt> {
    return this.http.json('GET', `${documentPath(dialogueId, documentId, 'revisions', revisionId, 'text')}?format=json`, textAtSchema, undefined, options);
  }

  /** The revision's text in the plain-text format. */
  revisionPlainText(dialogueId: string, documentId: string, revisionId: string, options?: RequestOptions): Promise<string> {
    return this.http.text('GET', `${documentPath(dialogueId, documentId, 'revisions', revisionId, 'text')}?format=plain`, options);
  }

  /** A renumbered revision's concordance: every paragraph's old and new label. */
  concordance(dialogueId: string, documentId: string, revisionId: string, options?: RequestOptions): Promise<Concordance> {
    return this.http.json('GET', `${documentPath(dialogueId, documentId, 'revisions', revisionId, 'concordance')}?format=json`, concordanceSchema, undefined, options);
  }

  concordanceText(dialogueId: string, documentId: string, revisionId: string, options?: RequestOptions): Promise<string> {
    return this.http.text('GET', `${documentPath(dialogueId, documentId, 'revisions', revisionId, 'concordance')}?format=plain`, options);
  }

  /** What changed from one point to another, paragraph by paragraph, with word-level redlines. */
  compare(dialogueId: string, documentId: string, from: PositionRef, to: PositionRef, options?: RequestOptions): Promise<Comparison> {
    return this.http.json('GET', withQuery(documentPath(dialogueId, documentId, 'compare'), { from, to }), comparisonSchema, undefined, options);
  }

  /** The chair or the secretariat: the whole text, or one paragraph, as in the revision, as a new change on top. */
  restore(dialogueId: string, documentId: string, revisionId: string, input: RestoreInput = {}, options?: RequestOptions): Promise<RestoreResult> {
    return this.http.json('POST', documentPath(dialogueId, documentId, 'revisions', revisionId, 'restore'), restoreResultSchema, input, options);
  }

  /** Each box's open brackets and paragraph statuses at every named revision and now. */
  progress(dialogueId: string, documentId: string, options?: RequestOptions): Promise<Progress> {
    return this.http.json('GET', documentPath(dialogueId, documentId, 'progress'), progressSchema, undefined, options);
  }
}

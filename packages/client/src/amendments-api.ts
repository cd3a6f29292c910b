import {
  amendmentEnvelopeSchema,
  amendmentListSchema,
  compilationSchema,
  type AcceptAmendmentInput,
  type Amendment,
  type AmendmentStatus,
  type Compilation,
  type CreateAmendmentInput,
  type RejectAmendmentInput,
  type SupportInput,
} from '@accord/contract';
import { apiPath, type ApiTransport, type Method, type RequestOptions } from './api-transport.js';

const documentPath = (dialogueId: string, documentId: string, ...rest: string[]) => apiPath('dialogues', dialogueId, 'documents', documentId, ...rest);

/**
 * A document's amendments: proposals to change one paragraph or sub-paragraph, supported by
 * delegations and decided by the chair or the secretariat. Every change answers with the whole
 * amendment as the caller now sees it, so an application replaces its copy.
 */
export class AmendmentsApi {
  constructor(private readonly http: ApiTransport) {}

  /** Oldest first, optionally of one paragraph or in one status. */
  async list(dialogueId: string, documentId: string, filter: { paragraphId?: string; status?: AmendmentStatus } = {}, options?: RequestOptions): Promise<Amendment[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    const path = documentPath(dialogueId, documentId, 'amendments') + (query ? `?${query}` : '');
    return (await this.http.json('GET', path, amendmentListSchema, undefined, options)).amendments;
  }

  get(dialogueId: string, documentId: string, amendmentId: string, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('GET', documentPath(dialogueId, documentId, 'amendments', amendmentId), undefined, options);
  }

  /** Anyone but an observer. A paragraph id not in the document, or text that does not parse, is a 400 naming the field. */
  propose(dialogueId: string, documentId: string, input: CreateAmendmentInput, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('POST', documentPath(dialogueId, documentId, 'amendments'), input, options);
  }

  /** A delegate supports (or co-sponsors); civil society endorses. One per delegation or organization. */
  support(dialogueId: string, documentId: string, amendmentId: string, input: SupportInput = {}, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('POST', documentPath(dialogueId, documentId, 'amendments', amendmentId, 'support'), input, options);
  }

  /** Withdraws the caller's delegation's or organization's support. */
  unsupport(dialogueId: string, documentId: string, amendmentId: string, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('DELETE', documentPath(dialogueId, documentId, 'amendments', amendmentId, 'support'), undefined, options);
  }

  /**
   * The chair or the secretariat: writes the change into the live text. A paragraph that moved on
   * since the amendment was written is merged by words; when that fails, 409 AMENDMENT_CONFLICT with
   * the error's `conflict.preview`, and the chair may accept again with an edited `text`.
   */
  accept(dialogueId: string, documentId: string, amendmentId: string, input: AcceptAmendmentInput = {}, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('POST', documentPath(dialogueId, documentId, 'amendments', amendmentId, 'accept'), input, options);
  }

  reject(dialogueId: string, documentId: string, amendmentId: string, input: RejectAmendmentInput = {}, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('POST', documentPath(dialogueId, documentId, 'amendments', amendmentId, 'reject'), input, options);
  }

  /** The proposer only, while it is undecided. */
  withdraw(dialogueId: string, documentId: string, amendmentId: string, options?: RequestOptions): Promise<Amendment> {
    return this.amendment('POST', documentPath(dialogueId, documentId, 'amendments', amendmentId, 'withdraw'), undefined, options);
  }

  /** The text with every paragraph's amendments under it. */
  compilation(dialogueId: string, documentId: string, options?: RequestOptions): Promise<Compilation> {
    return this.http.json('GET', `${documentPath(dialogueId, documentId, 'compilation')}?format=json`, compilationSchema, undefined, options);
  }

  /** The compilation as plain text, for an e-mail or a printout. */
  compilationText(dialogueId: string, documentId: string, options?: RequestOptions): Promise<string> {
    return this.http.text('GET', `${documentPath(dialogueId, documentId, 'compilation')}?format=plain`, options);
  }

  private async amendment(method: Method, path: string, body: unknown, options?: RequestOptions): Promise<Amendment> {
    return (await this.http.json(method, path, amendmentEnvelopeSchema, body, options)).amendment;
  }
}

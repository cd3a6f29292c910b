import {
  commentBodyInput,
  commentCountsSchema,
  threadEnvelopeSchema,
  threadListSchema,
  type CommentCounts,
  type CreateThreadInput,
  type Thread,
} from '@accord/contract';
import type { z } from 'zod';
import { apiPath, type ApiTransport, type RequestOptions } from './api-transport.js';

const commentsPath = (dialogueId: string, documentId: string, ...rest: string[]) =>
  apiPath('dialogues', dialogueId, 'documents', documentId, 'comments', ...rest);

/**
 * A document's comment threads, as the caller may see them. Every change answers with the whole
 * thread as the caller now sees it, so an application replaces its copy.
 */
export class CommentsApi {
  constructor(private readonly http: ApiTransport) {}

  /** Oldest first; only the threads the caller may see. */
  async list(dialogueId: string, documentId: string, options?: RequestOptions): Promise<Thread[]> {
    return (await this.http.json('GET', commentsPath(dialogueId, documentId), threadListSchema, undefined, options)).threads;
  }

  /** Open and resolved threads by paragraph id, counting only what the caller may see. */
  counts(dialogueId: string, documentId: string, options?: RequestOptions): Promise<CommentCounts> {
    return this.http.json('GET', commentsPath(dialogueId, documentId, 'counts'), commentCountsSchema, undefined, options);
  }

  /** 404 NOT_FOUND alike for a thread that does not exist and one the caller may not see. */
  get(dialogueId: string, documentId: string, threadId: string, options?: RequestOptions): Promise<Thread> {
    return this.thread('GET', commentsPath(dialogueId, documentId, threadId), undefined, options);
  }

  /** `quote` omitted comments on the whole paragraph; a quote not in the paragraph is a 400 naming `quote`. */
  create(dialogueId: string, documentId: string, input: CreateThreadInput, options?: RequestOptions): Promise<Thread> {
    return this.thread('POST', commentsPath(dialogueId, documentId), input, options);
  }

  reply(dialogueId: string, documentId: string, threadId: string, body: string, options?: RequestOptions): Promise<Thread> {
    return this.thread('POST', commentsPath(dialogueId, documentId, threadId, 'replies'), bodyOf(body), options);
  }

  resolve(dialogueId: string, documentId: string, threadId: string, options?: RequestOptions): Promise<Thread> {
    return this.thread('POST', commentsPath(dialogueId, documentId, threadId, 'resolve'), undefined, options);
  }

  reopen(dialogueId: string, documentId: string, threadId: string, options?: RequestOptions): Promise<Thread> {
    return this.thread('POST', commentsPath(dialogueId, documentId, threadId, 'reopen'), undefined, options);
  }

  /** The author only. */
  edit(dialogueId: string, documentId: string, threadId: string, commentId: string, body: string, options?: RequestOptions): Promise<Thread> {
    return this.thread('PATCH', commentsPath(dialogueId, documentId, threadId, 'comments', commentId), bodyOf(body), options);
  }

  /** The author only. The comment stays in the thread, `deleted: true` with an empty body. */
  remove(dialogueId: string, documentId: string, threadId: string, commentId: string, options?: RequestOptions): Promise<Thread> {
    return this.thread('DELETE', commentsPath(dialogueId, documentId, threadId, 'comments', commentId), undefined, options);
  }

  private async thread(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, options?: RequestOptions): Promise<Thread> {
    return (await this.http.json(method, path, threadEnvelopeSchema, body, options)).thread;
  }
}

function bodyOf(body: string): z.input<typeof commentBodyInput> {
  return { body };
}

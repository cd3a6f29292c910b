import type { CreateThreadInput, Thread } from '@accord/contract';
import { useEffect, useMemo } from 'react';
import { api } from '../api';
import { useLiveList } from '../live-list';
import type { LiveEvents } from './live-events';
import { upsertThread } from './thread-places';

export type CommentsState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; threads: Thread[] };

export interface CommentActions {
  create(input: CreateThreadInput): Promise<Thread>;
  reply(threadId: string, body: string): Promise<Thread>;
  resolve(threadId: string): Promise<Thread>;
  reopen(threadId: string): Promise<Thread>;
  edit(threadId: string, commentId: string, body: string): Promise<Thread>;
  remove(threadId: string, commentId: string): Promise<Thread>;
  reload(): void;
}

/**
 * The document's threads as the server lets this viewer see them: fetched once, then kept current by
 * the live events (a created or updated thread replaces its copy by id; "reload" fetches the list
 * again, as does coming back online, since events sent meanwhile were missed).
 */
export function useComments(
  dialogueId: string,
  documentId: string,
  events: LiveEvents,
  online: boolean,
): [CommentsState, CommentActions] {
  const { state: list, reload, apply } = useLiveList(
    (signal) => api.listThreads(dialogueId, documentId, signal),
    `${dialogueId}/${documentId}`,
    online,
    upsertThread,
  );
  const state = useMemo<CommentsState>(() => (list.status === 'ready' ? { status: 'ready', threads: list.items } : list), [list]);

  useEffect(() => {
    const mine = (data: { documentId: string }) => data.documentId === documentId;
    const offs = [
      events.onEvent('comments.thread_created', (data) => mine(data) && apply(data.thread)),
      events.onEvent('comments.thread_updated', (data) => mine(data) && apply(data.thread)),
      events.onEvent('comments.reload', (data) => mine(data) && reload()),
    ];
    return () => offs.forEach((off) => off());
  }, [events, documentId, apply, reload]);

  const actions = useMemo<CommentActions>(() => ({
    create: async (input) => apply(await api.createThread(dialogueId, documentId, input)),
    reply: async (threadId, body) => apply(await api.reply(dialogueId, documentId, threadId, body)),
    resolve: async (threadId) => apply(await api.resolveThread(dialogueId, documentId, threadId)),
    reopen: async (threadId) => apply(await api.reopenThread(dialogueId, documentId, threadId)),
    edit: async (threadId, commentId, body) => apply(await api.editComment(dialogueId, documentId, threadId, commentId, body)),
    remove: async (threadId, commentId) => apply(await api.deleteComment(dialogueId, documentId, threadId, commentId)),
    reload,
  }), [dialogueId, documentId, apply, reload]);
  return [state, actions];
}

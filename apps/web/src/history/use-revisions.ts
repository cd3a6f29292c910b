import type { CreateRevisionInput, Revision, RevisionCreated } from '@accord/contract';
import { useEffect, useMemo } from 'react';
import { accord } from '../api';
import type { LiveEvents } from '../comments/live-events';
import { useLiveList } from '../live-list';
import { upsertRevision } from './revision-list';

export type RevisionsState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; revisions: Revision[] };

export interface RevisionActions {
  name(input: CreateRevisionInput): Promise<RevisionCreated>;
  reload(): void;
}

/**
 * The document's named revisions, oldest first: fetched once, then kept current by
 * `revisions.created` (the chair or the secretariat named one, here or elsewhere), and fetched again
 * on coming back online, since events sent meanwhile were missed.
 */
export function useRevisions(dialogueId: string, documentId: string, events: LiveEvents | null, online: boolean): [RevisionsState, RevisionActions] {
  const { state: list, reload, apply } = useLiveList(
    (signal) => accord.history.revisions(dialogueId, documentId, { signal }),
    `${dialogueId}/${documentId}`,
    online,
    upsertRevision,
  );
  const state = useMemo<RevisionsState>(() => (list.status === 'ready' ? { status: 'ready', revisions: list.items } : list), [list]);

  useEffect(() => events?.onEvent('revisions.created', (data) => data.documentId === documentId && apply(data.revision)), [events, documentId, apply]);

  const actions = useMemo<RevisionActions>(
    () => ({
      name: async (input) => {
        const created = await accord.history.nameRevision(dialogueId, documentId, input);
        apply(created.revision);
        return created;
      },
      reload,
    }),
    [dialogueId, documentId, apply, reload],
  );
  return [state, actions];
}

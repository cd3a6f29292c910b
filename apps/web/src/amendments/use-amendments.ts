import type { AcceptAmendmentInput, Amendment, CreateAmendmentInput } from '@accord/contract';
import { useEffect, useMemo } from 'react';
import { accord } from '../api';
import { useLiveList } from '../live-list';
import type { LiveEvents } from '../comments/live-events';
import { upsertAmendment } from './amendment-list';

export type AmendmentsState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; amendments: Amendment[] };

export interface AmendmentActions {
  propose(input: CreateAmendmentInput): Promise<Amendment>;
  /** A delegate supports or co-sponsors; civil society endorses (the server decides which by role). */
  support(id: string, kind?: 'support' | 'cosponsor'): Promise<Amendment>;
  unsupport(id: string): Promise<Amendment>;
  accept(id: string, input: AcceptAmendmentInput): Promise<Amendment>;
  reject(id: string, reason?: string): Promise<Amendment>;
  withdraw(id: string): Promise<Amendment>;
  reload(): void;
}

/**
 * The document's amendments as the server lets this viewer see them: fetched once, then kept current
 * by `amendments.changed` (each replaces its copy by id); fetched again on coming back online, since
 * events sent meanwhile were missed. The comments' useComments, for amendments.
 */
export function useAmendments(dialogueId: string, documentId: string, events: LiveEvents, online: boolean): [AmendmentsState, AmendmentActions] {
  const { state: list, reload, apply } = useLiveList(
    (signal) => accord.amendments.list(dialogueId, documentId, {}, { signal }),
    `${dialogueId}/${documentId}`,
    online,
    upsertAmendment,
  );
  const state = useMemo<AmendmentsState>(() => (list.status === 'ready' ? { status: 'ready', amendments: list.items } : list), [list]);

  useEffect(
    () => events.onEvent('amendments.changed', (data) => data.documentId === documentId && apply(data.amendment)),
    [events, documentId, apply],
  );
  // Sent when the member's role or affiliation changed: what they may do with each amendment (`can`) changed too.
  useEffect(() => events.onEvent('comments.reload', (data) => data.documentId === documentId && reload()), [events, documentId, reload]);

  const actions = useMemo<AmendmentActions>(() => {
    const api = accord.amendments;
    return {
      propose: async (input) => apply(await api.propose(dialogueId, documentId, input)),
      support: async (id, kind) => apply(await api.support(dialogueId, documentId, id, kind ? { kind } : {})),
      unsupport: async (id) => apply(await api.unsupport(dialogueId, documentId, id)),
      accept: async (id, input) => apply(await api.accept(dialogueId, documentId, id, input)),
      reject: async (id, reason) => apply(await api.reject(dialogueId, documentId, id, reason ? { reason } : {})),
      withdraw: async (id) => apply(await api.withdraw(dialogueId, documentId, id)),
      reload,
    };
  }, [dialogueId, documentId, apply, reload]);
  return [state, actions];
}

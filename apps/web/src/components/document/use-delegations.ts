import { api } from '../../api';
import { type Resource, useResource } from '../../hooks';

/**
 * The delegations in the room: the governments members speak for, each once, as the dialogue names
 * them. Every member may read the member list; a bracket's sponsors are positions of states in the
 * text, so naming them in the room keeps the Chatham House Rule. Loaded once for a writer (a reader
 * brackets nothing) and again by `reload`, each time the sponsor picker opens, keeping the list shown
 * meanwhile so the picker opens on it at once.
 */
export function useDelegations(dialogueId: string, enabled: boolean): [Resource<string[]>, () => void] {
  return useResource(async (signal) => {
    if (!enabled) return [];
    const members = await api.listMembers(dialogueId, signal);
    const names = new Set<string>();
    for (const member of members) if (member.affiliation?.kind === 'government') names.add(member.affiliation.name);
    return [...names];
  }, `${dialogueId}:${String(enabled)}`);
}

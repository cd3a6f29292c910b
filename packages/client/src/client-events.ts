/**
 * The server's non-Yjs events (@accord/contract's ClientEventMap) as they arrive on the collaboration
 * socket, checked just enough that a listener never sees a payload of another event's shape.
 */
import type { ClientEvent, ClientEventMap, ClientEventName } from '@accord/contract';

/** Keyed by the map, so a new event name fails to compile here until it is listed. */
const eventNames: Record<ClientEventName, true> = {
  'comments.thread_created': true,
  'comments.thread_updated': true,
  'comments.reload': true,
  'amendments.changed': true,
  'revisions.created': true,
  'session_mode.changed': true,
};

/** Where each event's payload carries its one record, which must at least have an id. */
const recordKey: Record<ClientEventName, 'thread' | 'amendment' | 'revision' | 'sessionMode' | null> = {
  'comments.thread_created': 'thread',
  'comments.thread_updated': 'thread',
  'comments.reload': null,
  'amendments.changed': 'amendment',
  'revisions.created': 'revision',
  'session_mode.changed': 'sessionMode',
};

export type ClientEventListener<K extends ClientEventName> = (data: ClientEventMap[K]) => void;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event if its name is known and its payload names a document (and a thread, where it carries one). */
export function readClientEvent(value: unknown): ClientEvent | null {
  if (!isRecord(value) || typeof value.name !== 'string' || !Object.hasOwn(eventNames, value.name)) return null;
  const { data } = value;
  if (!isRecord(data) || typeof data.documentId !== 'string') return null;
  const key = recordKey[value.name as ClientEventName];
  if (key === 'sessionMode') {
    // The room's state has no id of its own: its version orders it.
    if (!(isRecord(data[key]) && typeof data[key].version === 'number')) return null;
  } else if (key !== null && !(isRecord(data[key]) && typeof data[key].id === 'string')) return null;
  return value as unknown as ClientEvent;
}

/** Listeners by event name; each gets only its own event's payload. */
export class ClientEventListeners {
  private readonly listeners = new Map<ClientEventName, Set<(data: never) => void>>();

  add<K extends ClientEventName>(name: K, listener: ClientEventListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const stored = listener as (data: never) => void;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  emit(event: ClientEvent): void {
    const set = this.listeners.get(event.name);
    if (!set) return;
    // A copy: a listener subscribed while this event is delivered gets the next one, not this one.
    for (const listener of Array.from(set)) (listener as (data: ClientEvent['data']) => void)(event.data);
  }
}

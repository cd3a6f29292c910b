import type { ClientEventMap, ClientEventName } from '@accord/contract';

/** The part of the SDK's AccordClient the comments use: its typed, non-Yjs events. */
export interface LiveEvents {
  onEvent<K extends ClientEventName>(name: K, listener: (data: ClientEventMap[K]) => void): () => void;
}

/** The SDK's client when it carries live events; null if this build of it does not. */
export function liveEventsOf(client: object | null): LiveEvents | null {
  const candidate = client as Partial<LiveEvents> | null;
  return typeof candidate?.onEvent === 'function' ? (candidate as LiveEvents) : null;
}

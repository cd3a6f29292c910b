import type { ClientEventMap, ClientEventName } from '@accord/contract';

/** The part of the SDK's AccordClient the comments use: its typed, non-Yjs events. */
export interface LiveEvents {
  onEvent<K extends ClientEventName>(name: K, listener: (data: ClientEventMap[K]) => void): () => void;
}

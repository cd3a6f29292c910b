export {
  AccordClient,
  AccordConnectionError,
  clearOfflineCopies,
  LIVENESS,
  unsentOfflineCopies,
  type AccordClientOptions,
  type ClearOfflineCopiesOptions,
  type Liveness,
  type OpenOptions,
} from './accord-client.js';
export * from './http-api.js';
export type { ClientEventListener } from './client-events.js';
export { DocumentHandle } from './document-handle.js';
export {
  DocumentSync,
  DocumentSyncError,
  type ChangeRefusal,
  type DocumentLimits,
  type DocumentStatus,
  type SyncChannel,
} from './document-sync.js';
export { wireParser } from './wire.js';
export { presenceColour } from '@accord/sync/protocol';

export { AccordClient, AccordConnectionError, clearOfflineCopies, type AccordClientOptions, type OpenOptions } from './accord-client.js';
export { AccordApi, DialoguesApi, DocumentsApi, type AccordApiOptions, type Session } from './accord-api.js';
export { AccordApiError, type AccordApiErrorCode } from './accord-api-error.js';
export type { RequestOptions } from './api-transport.js';
export type { ClientEventListener } from './client-events.js';
export { CommentsApi } from './comments-api.js';
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

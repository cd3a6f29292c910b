/**
 * `@accord/client/api`: the SDK's HTTP half alone (zod and the contract, no Yjs, no socket.io), for
 * pages such as sign-in that must not wait for the real-time half.
 */
export { AccordApi, DialoguesApi, DocumentsApi, type AccordApiOptions, type Session } from './accord-api.js';
export { AccordApiError, type AccordApiErrorCode } from './accord-api-error.js';
export type { RequestOptions } from './api-transport.js';
export { CommentsApi } from './comments-api.js';
export { AmendmentsApi } from './amendments-api.js';
export { SessionModeApi } from './session-mode-api.js';
export { ExportsApi, fileNameFromDisposition, type ExportedFile, type ExportTarget } from './exports-api.js';
export type { ImportDocumentInput } from './document-import.js';

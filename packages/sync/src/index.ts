export * from './protocol/index.js';
export * from './store.js';
export * from './peer.js';
export { SyncEngine, type SyncEngineLog, type SyncEngineOptions, type SyncEngineStats } from './engine.js';
export { defaultSyncLimits, type SyncLimits } from './limits.js';
export { checkUpdate, checkStateVector, type UpdateCheck, type UpdateCheckLimits } from './update-check.js';
export { MemoryStore } from './memory-store.js';
export { replayStored } from './replay.js';
export { TokenBucket } from './token-bucket.js';

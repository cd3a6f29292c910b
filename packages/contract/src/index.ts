export * from './roles.js';
export * from './errors.js';
export * from './auth.js';
export * from './dialogues.js';
export * from './documents.js';
export * from './comments.js';
export * from './amendments.js';
export * from './events.js';

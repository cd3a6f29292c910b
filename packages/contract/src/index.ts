export * from './roles.js';
export * from './comments.js';
export * from './events.js';

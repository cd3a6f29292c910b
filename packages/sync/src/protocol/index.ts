export * from './events.js';
export * from './errors.js';
export * from './messages.js';
export { BoundedReader, MalformedInput } from './reader.js';
export { presenceColour } from './presence-colour.js';

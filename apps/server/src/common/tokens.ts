/** Injection tokens for the values built before Nest starts (config, database, clock). */
export const CONFIG = Symbol('AppConfig');
export const DATABASE = Symbol('Database');
export const DATABASE_KIND = Symbol('DatabaseKind');
export const CLOCK = Symbol('Clock');
export const LOGGER = Symbol('Logger');
/** What a document may hold: the rolling-text schema check, unless startServer is given another. */
export const CONTENT_CHECK = Symbol('ContentCheck');
/** Who may change what in a text: the rules of the room, unless startServer is given another policy. */
export const UPDATE_POLICY = Symbol('UpdatePolicy');

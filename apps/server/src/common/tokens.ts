/** Injection tokens for the values built before Nest starts (config, database, clock). */
export const CONFIG = Symbol('AppConfig');
export const DATABASE = Symbol('Database');
export const DATABASE_KIND = Symbol('DatabaseKind');
export const CLOCK = Symbol('Clock');
export const LOGGER = Symbol('Logger');

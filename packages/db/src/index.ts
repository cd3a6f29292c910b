export * from './schema.js';
export { openDatabase } from './client.js';
export { buildInPlace } from './staged-directory.js';
export type { Database, DatabaseHandle, DatabaseKind, OpenDatabaseOptions, Schema } from './client.js';
export { migrationsFolder, runMigrations } from './migrate.js';

export * from './schema.js';
export { openDatabase } from './client.js';
export type { Database, DatabaseHandle, DatabaseKind, OpenDatabaseOptions, Schema } from './client.js';
export { migrationsFolder, runMigrations } from './migrate.js';

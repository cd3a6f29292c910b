import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { byteaFromText, byteaToText } from './bytea.js';
import { runMigrations, type MigrationTarget } from './migrate.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The drizzle surface both drivers share; repositories are written against it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite's data directory, or `memory://` for a throw-away database. */
  pgliteDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const { handle, target } = options.url
    ? { handle: openPostgres(options.url, options.maxConnections ?? 10), target: { url: options.url } }
    : await openPglite(options.pgliteDir ?? './data/pglite');
  if (options.migrate ?? true) {
    try {
      await runMigrations(target);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // postgres.js 3.4.9 can leave a pooled connection waiting out the whole connect timeout after an
    // outage; a short one bounds how long saving stays stalled once the database is back.
    connect_timeout: 5,
    // Replaces the built-in bytea type (see bytea.ts).
    types: { bytea: { to: 17, from: [17], serialize: byteaToText, parse: byteaFromText } },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<{ handle: DatabaseHandle; target: MigrationTarget }> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, {
    serializers: { [types.BYTEA]: byteaToText },
    parsers: { [types.BYTEA]: byteaFromText },
  });
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return { handle: { db, kind: 'pglite', close: () => pglite.close() }, target: { pglite } };
}

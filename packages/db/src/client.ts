import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { byteaFromText, byteaToText } from './bytea.js';
import { runMigrations, type MigrationTarget } from './migrate.js';
import { buildInPlace } from './staged-directory.js';
import { pgliteOptions } from './pglite-options.js';
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
    : await openPglite(options.pgliteDir ?? './data/pglite', options.migrate ?? true);
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
  // postgres.js connects on first use: the first requests after a start (a reopen after a restart)
  // would each wait for a new connection. A few are opened now; a database not up yet is no error here.
  void Promise.all(Array.from({ length: Math.min(4, max) }, () => client`select 1`)).catch(() => {});
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string, migrate: boolean): Promise<{ handle: DatabaseHandle; target: MigrationTarget }> {
  if (!dir.startsWith('memory://')) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, 'PG_VERSION'))) await createPgliteApart(dir, migrate);
  }
  const pglite = await PGlite.create(dir, pgliteOptions());
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return { handle: { db, kind: 'pglite', close: () => pglite.close() }, target: { pglite } };
}

/** The built script, the same file whether this module runs from src/ (tests) or dist/. */
const createPgliteScript = fileURLToPath(new URL('../dist/create-pglite.js', import.meta.url));

/**
 * A new directory is created (and migrated) by a short-lived child process (create-pglite.ts), so the
 * memory PGlite takes to create a database goes back to the system when the child exits and the server
 * opens the finished directory as it would after a restart.
 */
async function createPgliteApart(dir: string, migrate: boolean): Promise<void> {
  try {
    await buildInPlace(dir, async (staging) => {
      await promisify(execFile)(process.execPath, [createPgliteScript, staging, ...(migrate ? ['migrate'] : [])], { maxBuffer: 16 * 1024 * 1024 });
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not create the embedded database in ${dir}${stderr ? `:\n${stderr}` : ''}`, { cause: error });
  }
}

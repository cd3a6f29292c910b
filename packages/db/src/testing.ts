import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from './client.js';

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of the fresh database, or undefined on PGlite. */
  readonly url: string | undefined;
}

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server named by
 * DATABASE_URL (dropped again on close), or an in-memory PGlite when DATABASE_URL is unset.
 */
export async function createTestDatabase(
  serverUrl = process.env.DATABASE_URL,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (!serverUrl) {
    const handle = await openDatabase({ pgliteDir: 'memory://', migrate });
    return { ...handle, url: undefined };
  }
  const name = `accord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ url, maxConnections: 5, migrate });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

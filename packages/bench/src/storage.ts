/**
 * Each server kind gets storage of its own for the run: a fresh PostgreSQL database on the server in
 * DATABASE_URL (dropped afterwards), or a PGlite directory under the system's temp dir (removed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@accord/db/testing';
import type { DatabaseKind, ServerKind, StorageConfig } from './protocol.js';

export interface RunStorage {
  config: StorageConfig;
  dispose(): Promise<void>;
}

export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  return databaseUrl ? 'postgres' : 'pglite';
}

export async function createRunStorage(kind: ServerKind, databaseUrl: string | undefined): Promise<RunStorage> {
  if (databaseUrl) {
    // Not migrated here: Accord migrates at start-up; Hocuspocus's table is created by its launcher.
    const database = await createTestDatabase(databaseUrl, { migrate: false });
    return { config: { kind: 'postgres', url: database.url! }, dispose: () => database.close() };
  }
  const dir = await mkdtemp(join(tmpdir(), `accord-bench-${kind}-`));
  return { config: { kind: 'pglite', dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
}

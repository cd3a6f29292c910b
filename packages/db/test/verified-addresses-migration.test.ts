import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder, users } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';

/** The checked-in migrations up to and including `lastTag`, as a folder drizzle's migrator reads. */
function migrationsUpTo(lastTag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return dir;
}

async function migrate(t: TestDatabase, folder: string): Promise<void> {
  if (t.kind === 'pglite') await migratePglite(t.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  else await migratePostgres(t.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
}

/**
 * Issue 9, fault 7: accounts made before addresses were verified keep signing in. Migration 0005
 * counts each of them as verified; an account created afterwards starts unverified.
 */
describe(`migration 0005: addresses verified (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let before: string;
  beforeAll(async () => {
    t = await createTestDatabase(undefined, { migrate: false });
    before = migrationsUpTo('0004_document_clients');
  });
  afterAll(async () => {
    rmSync(before, { recursive: true, force: true });
    await t?.close();
  });

  it('marks every existing account verified, and no later one', async () => {
    await migrate(t, before);
    await t.db.execute(sql`insert into users (email, display_name, password_hash) values ('early@accord.example', 'Early', 'x')`);
    await migrate(t, migrationsFolder);
    await t.db.insert(users).values({ email: 'late@accord.example', displayName: 'Late', passwordHash: 'x' });
    const rows = await t.db.select().from(users);
    const early = rows.find((r) => r.email === 'early@accord.example')!;
    expect(early.emailVerifiedAt).toEqual(early.createdAt);
    expect(rows.find((r) => r.email === 'late@accord.example')!.emailVerifiedAt).toBeNull();
  });
});

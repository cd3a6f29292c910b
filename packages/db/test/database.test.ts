import { readdirSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  dialogues,
  documents,
  memberships,
  migrationsFolder,
  runMigrations,
  sessions,
  users,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing.js';

const rows = async <T>(query: Promise<T[]>) => (await query).length;

/** drizzle's execute() returns rows directly on postgres-js and as `.rows` on PGlite. */
async function appliedMigrations(t: TestDatabase): Promise<number> {
  const result: unknown = await t.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const list = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (list[0] as { n: number }).n;
}

/** Runs against in-memory PGlite, or a fresh database on the server in DATABASE_URL. */
describe(`database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.close());

  it('applies every checked-in migration from empty', async () => {
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(await appliedMigrations(t)).toBe(files.length);
    for (const table of ['users', 'sessions', 'affiliations', 'dialogues', 'memberships', 'invitations', 'documents', 'document_updates', 'document_checkpoints', 'audit_events']) {
      await expect(t.db.execute(sql.raw(`select 1 from ${table} limit 1`))).resolves.toBeDefined();
    }
  });

  it.runIf(process.env.DATABASE_URL)('re-running migrations is a no-op, also when servers start together', async () => {
    await Promise.all([runMigrations({ url: t.url! }), runMigrations({ url: t.url! }), runMigrations({ url: t.url! })]);
    expect(await appliedMigrations(t)).toBe(readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length);
  });

  let userId: string;
  let dialogueId: string;

  it('keeps e-mail addresses unique and lower-case', async () => {
    const [u] = await t.db.insert(users).values({ email: 'delegate@accord.example', displayName: 'D', passwordHash: 'h' }).returning();
    userId = u!.id;
    await expect(t.db.insert(users).values({ email: 'delegate@accord.example', displayName: 'E', passwordHash: 'h' })).rejects.toThrow();
    await expect(t.db.insert(users).values({ email: 'Upper@accord.example', displayName: 'U', passwordHash: 'h' })).rejects.toThrow();
    await expect(t.db.insert(users).values({ email: 'blank@accord.example', displayName: '  ', passwordHash: 'h' })).rejects.toThrow();
  });

  it('allows one membership per user and dialogue, and only known roles', async () => {
    const [d] = await t.db.insert(dialogues).values({ title: 'Dialogue', createdBy: userId }).returning();
    dialogueId = d!.id;
    expect(d!.attributionMode).toBe('chatham_house');
    await t.db.insert(memberships).values({ dialogueId, userId, role: 'chair' });
    await expect(t.db.insert(memberships).values({ dialogueId, userId, role: 'observer' })).rejects.toThrow();
    await expect(t.db.execute(sql`insert into memberships (dialogue_id, user_id, role) values (${dialogueId}, ${userId}, 'king')`)).rejects.toThrow();
  });

  it('keeps document symbols unique within a dialogue', async () => {
    await t.db.insert(documents).values({ dialogueId, title: 'Rolling text', symbol: 'T15/AWS/2026/1', createdBy: userId });
    await expect(t.db.insert(documents).values({ dialogueId, title: 'Copy', symbol: 'T15/AWS/2026/1' })).rejects.toThrow();
    const [other] = await t.db.insert(dialogues).values({ title: 'Other' }).returning();
    await t.db.insert(documents).values({ dialogueId: other!.id, title: 'Rolling text', symbol: 'T15/AWS/2026/1' });
  });

  it('removes a deleted user’s sessions and memberships, keeping the dialogue', async () => {
    const [u] = await t.db.insert(users).values({ email: 'leaving@accord.example', displayName: 'L', passwordHash: 'h' }).returning();
    await t.db.insert(memberships).values({ dialogueId, userId: u!.id, role: 'observer' });
    await t.db.insert(sessions).values({
      id: 'x'.repeat(24),
      secretHash: new Uint8Array(32),
      userId: u!.id,
      lastActiveAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await t.db.delete(users).where(eq(users.id, u!.id));
    expect(await rows(t.db.select().from(sessions).where(eq(sessions.userId, u!.id)))).toBe(0);
    expect(await rows(t.db.select().from(memberships).where(eq(memberships.userId, u!.id)))).toBe(0);
    expect(await rows(t.db.select().from(dialogues).where(eq(dialogues.id, dialogueId)))).toBe(1);
  });

  it('keeps the audit trail append-only: no update, delete or truncate', async () => {
    await t.db.insert(auditEvents).values({ actorId: userId, action: 'auth.login', detail: { via: 'test' } });
    await expect(t.db.update(auditEvents).set({ action: 'forged' })).rejects.toThrow();
    await expect(t.db.delete(auditEvents)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [row] = await t.db.select().from(auditEvents);
    expect(row).toMatchObject({ action: 'auth.login', detail: { via: 'test' } });
  });
});

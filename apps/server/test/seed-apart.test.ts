/**
 * First start of the embedded default: the database is created and seeded by a child process, which
 * must seed the directory the server was configured with, whatever else the environment says.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { seedNewPgliteApart } from '../src/seed/seed-apart.js';

const saved = process.env.DATABASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
});

describe('seeding a new embedded database apart', () => {
  it('seeds the configured PGlite directory even when the process environment names a PostgreSQL database', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'accord-seed-apart-')), 'pglite');
    // The server is configured for PGlite (as startServer's callers may do from any source) while
    // the environment happens to hold a DATABASE_URL (CI's, or a developer's shell). A port nothing
    // listens on: were the child to use it, it fails instead of seeding someone's database.
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/nothing';
    const config = loadConfig({ NODE_ENV: 'test', PGLITE_DIR: dir, SEED_DEMO: 'true', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
    expect(config.database.url).toBeUndefined();
    try {
      const result = await seedNewPgliteApart(config);
      expect(result?.seeded).toBe(true);
    } finally {
      await rm(join(dir, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});

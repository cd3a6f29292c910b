import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, users } from '../src/index.js';

describe('PGlite on disk (the embedded default)', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'accord-pglite-')), 'nested', 'pglite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its directory, keeps data across restarts and migrates idempotently', async () => {
    const first = await openDatabase({ pgliteDir: dir });
    expect(first.kind).toBe('pglite');
    await first.db.insert(users).values({ email: 'kept@accord.example', displayName: 'Kept', passwordHash: 'h' });
    await first.close();

    const second = await openDatabase({ pgliteDir: dir });
    const rows = await second.db.select().from(users);
    expect(rows.map((r) => r.email)).toEqual(['kept@accord.example']);
    await second.close();
  });
});

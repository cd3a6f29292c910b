import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AppConfig } from '../config/config.js';
import type { SeedResult } from './demo-seeder.js';

/** The built `pnpm seed`, the same file whether this module runs from src/ (tests) or dist/. */
const seedCli = fileURLToPath(new URL('../../dist/seed-cli.js', import.meta.url));

/**
 * On the embedded database's first start, creates, migrates and seeds it in a short-lived process
 * (`seed-cli.js --json`) and returns what it seeded; undefined when there is nothing to create. Seeding
 * in the server's own process left it 40 to 60 MB heavier for good (memory the allocator keeps), on
 * the small machines the embedded default is for.
 */
export async function seedNewPgliteApart(config: AppConfig): Promise<SeedResult | undefined> {
  const dir = config.database.pgliteDir;
  if (config.database.url || !config.seedDemo || dir.startsWith('memory://') || existsSync(join(dir, 'PG_VERSION'))) return undefined;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [seedCli, '--json'], {
      env: { ...process.env, PGLITE_DIR: dir },
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as SeedResult;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not create the demo database in ${dir}${stderr ? `:\n${stderr}` : ''}`, { cause: error });
  }
}

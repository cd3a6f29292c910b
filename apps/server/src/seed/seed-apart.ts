import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildInPlace } from '@accord/db';
import type { AppConfig } from '../config/config.js';
import type { SeedResult } from './demo-seeder.js';

/** The built `pnpm seed`, the same file whether this module runs from src/ (tests) or dist/. */
const seedCli = fileURLToPath(new URL('../../dist/seed-cli.js', import.meta.url));

/**
 * On the embedded database's first start, creates, migrates and seeds it in a short-lived process
 * (`seed-cli.js --json`), in a staging directory moved into place once seeded (buildInPlace: a server
 * stopped meanwhile leaves no half-seeded database behind), and returns what it seeded; undefined when
 * there is nothing to create. Seeding
 * in the server's own process left it 40 to 60 MB heavier for good (memory the allocator keeps), on
 * the small machines the embedded default is for.
 */
export async function seedNewPgliteApart(config: AppConfig): Promise<SeedResult | undefined> {
  const dir = config.database.pgliteDir;
  if (config.database.url || !config.seedDemo || dir.startsWith('memory://') || existsSync(join(dir, 'PG_VERSION'))) return undefined;
  try {
    let result: SeedResult | undefined;
    await buildInPlace(dir, async (staging) => {
      // This server's database and nothing else: never a DATABASE_URL or Redis the environment names.
      const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: staging, SEED_DEMO: 'true' };
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      const { stdout } = await promisify(execFile)(process.execPath, [seedCli, '--json'], { env, maxBuffer: 16 * 1024 * 1024 });
      // The result is the last line: anything logged before it is not part of it.
      result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as SeedResult;
    });
    return result;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not create the demo database in ${dir}${stderr ? `:\n${stderr}` : ''}`, { cause: error });
  }
}

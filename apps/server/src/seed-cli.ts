import { openDatabase } from '@accord/db';
import { NestFactory } from '@nestjs/core';
import 'reflect-metadata';
import { AppModule } from './app.module.js';
import { createLogger } from './app.js';
import { systemClock } from './common/clock.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DemoSeeder, formatSignIns } from './seed/demo-seeder.js';

/**
 * `pnpm seed`: seeds the demo into an empty database and exits; a database with data is left alone.
 * With `--json` it prints the SeedResult instead, for the server's first start (seed/seed-apart.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.database.url, pgliteDir: config.database.pgliteDir, maxConnections: 2 });
  try {
    const logger = createLogger({ logLevel: 'warn' });
    const context = await NestFactory.createApplicationContext(
      AppModule.register({ config, db: database.db, dbKind: database.kind, clock: systemClock, logger }),
      { logger: false },
    );
    const result = await context.get(DemoSeeder).run();
    await context.close();
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(result.seeded ? `${formatSignIns(result)}\n` : 'The database already holds data; nothing was seeded.\n');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Seeding failed: ${String(error)}\n`);
  process.exit(1);
});

import { type DatabaseHandle, openDatabase } from '@accord/db';
import type { ContentCheck, UpdatePolicy } from '@accord/sync';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { createApp, createLogger } from './app.js';
import { type Clock, systemClock } from './common/clock.js';
import type { AppConfig } from './config/config.js';
import { DemoSeeder, formatSignIns, type SeedResult } from './seed/demo-seeder.js';

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  seed: SeedResult | undefined;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), builds the app, seeds the demo when asked and listens.
 * Used by main.ts and by tests, so both start the server the same way.
 */
export async function startServer(
  config: AppConfig,
  options: { clock?: Clock; database?: DatabaseHandle; contentCheck?: ContentCheck; policy?: UpdatePolicy } = {},
): Promise<RunningServer> {
  const logger = createLogger(config);
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      url: config.database.url,
      pgliteDir: config.database.pgliteDir,
      maxConnections: config.database.poolSize,
    }));
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp({
      config,
      db: database.db,
      dbKind: database.kind,
      clock,
      logger,
      ...(options.contentCheck ? { contentCheck: options.contentCheck } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
    });
    const seed = config.seedDemo ? await app.get(DemoSeeder).run() : undefined;
    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    let closed: Promise<void> | undefined;
    const close = () =>
      (closed ??= (async () => {
        await app!.close();
        await database.close();
      })());
    return { app, url, seed, logger, close };
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
}

export function describeStart(server: RunningServer, config: AppConfig, dbKind: string): string {
  const lines = [`Accord is listening on ${server.url} (public URL ${config.publicUrl.origin}, database ${dbKind})`];
  if (server.seed?.seeded) lines.push(formatSignIns(server.seed));
  if (config.mail.outbox) {
    lines.push(`Mail is not sent (SMTP_URL is unset): read it at ${new URL('/dev/outbox', config.publicUrl).toString()}`);
  }
  return lines.join('\n');
}

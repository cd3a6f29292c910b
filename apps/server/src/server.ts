import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { type DatabaseHandle, openDatabase } from '@accord/db';
import type { ContentCheck, UpdatePolicy } from '@accord/sync';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { createApp, createLogger } from './app.js';
import { type Clock, systemClock } from './common/clock.js';
import type { AppConfig } from './config/config.js';
import { DemoSeeder, formatSignIns, type SeedResult } from './seed/demo-seeder.js';
import { seedNewPgliteApart } from './seed/seed-apart.js';

export interface RunningServer {
  app: NestExpressApplication;
  /** The address it is bound to, for scripts on this machine: http://0.0.0.0:3000 when bound to all. */
  url: string;
  /** The port it listens on (chosen by the system when PORT is 0). */
  port: number;
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
  const seededApart = options.database ? undefined : await seedNewPgliteApart(config);
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
    const seed = config.seedDemo ? (seededApart ?? (await app.get(DemoSeeder).run())) : undefined;
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
    return { app, url, port, seed, logger, close };
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
}

/**
 * The start-up banner: first the address a newcomer can click, then the demo sign-ins and the outbox.
 * Its first line keeps the form "listening on http://…", which scripts wait for and read the URL from.
 */
export function describeStart(
  server: Pick<RunningServer, 'port' | 'seed'>,
  config: AppConfig,
  dbKind: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string {
  const lines = startAddressLines(config, server.port, dbKind, interfaces);
  if (server.seed?.seeded) lines.push(formatSignIns(server.seed));
  if (config.mail.outbox) {
    lines.push(`Mail is not sent (SMTP_URL is unset): read it at ${new URL('/dev/outbox', config.publicUrl).toString()}`);
  }
  return lines.join('\n');
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']);
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Which address works, and what to say about the others. 0.0.0.0 and [::] are where the server
 * listens, not addresses a browser should be sent to; and the browser must be on an origin the server
 * accepts sign-ins from (PUBLIC_URL, its loopback aliases, ALLOWED_ORIGINS), or signing in is refused.
 */
function startAddressLines(config: AppConfig, port: number, dbKind: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const { host, publicUrl } = config;
  const everywhere = WILDCARD_HOSTS.has(host);
  const thisMachine = everywhere || isLoopbackHost(host);
  const scope = everywhere ? 'all network interfaces' : thisMachine ? 'this machine only' : `${host} only`;
  // On this machine, the loopback name the public URL uses, so the session cookie is the one its links find.
  const publicIsLoopback = LOOPBACK_HOSTNAMES.has(publicUrl.hostname);
  const hostname = thisMachine
    ? publicIsLoopback && (everywhere || publicUrl.hostname === 'localhost' || publicUrl.hostname === bracketed(host))
      ? publicUrl.hostname
      : everywhere || host === 'localhost'
        ? 'localhost'
        : bracketed(host)
    : bracketed(host);
  const local = `http://${hostname}:${port}`;
  const details = `(${scope}; database ${dbKind})`;

  if (config.allowedOrigins.has(local)) {
    const lines = [`Accord is listening on ${local} — open it in a browser ${details}`];
    if (publicUrl.origin !== local) lines.push(`Invitation links and mails point to its public URL, ${publicUrl.origin}`);
    if (everywhere && publicIsLoopback) {
      const lan = lanAddress(interfaces);
      lines.push(
        `Others on the network: set PUBLIC_URL to the address they will use${lan ? `, such as http://${lan}:${port}` : ''} (sign-in is accepted only from PUBLIC_URL and ALLOWED_ORIGINS)`,
      );
    }
    return lines;
  }
  const first = `Accord is listening on ${local} ${details}`;
  const publicPort = Number(publicUrl.port || (publicUrl.protocol === 'https:' ? 443 : 80));
  if (publicIsLoopback && (!thisMachine || publicPort !== port)) {
    return [first, `Set PUBLIC_URL=${local} to open it in a browser: sign-in is accepted only from PUBLIC_URL (now ${publicUrl.origin}) and ALLOWED_ORIGINS`];
  }
  return [first, `Open ${publicUrl.origin} in a browser (PUBLIC_URL): sign-in is accepted only there and from ALLOWED_ORIGINS, not at ${local}`];
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** An IPv4 address of this machine that others on the network may reach, for the banner's example. */
function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | undefined {
  for (const entries of Object.values(interfaces)) {
    const found = entries?.find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (found) return found.address;
  }
  return undefined;
}

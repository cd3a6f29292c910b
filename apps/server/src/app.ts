import 'reflect-metadata';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { type Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { prettyFactory } from 'pino-pretty';
import responseTime from 'response-time';
import { type AppDependencies, AppModule } from './app.module.js';
import { AppError } from './common/app-error.js';
import { errorBody } from './common/app-error.filter.js';
import { PinoNestLogger } from './common/pino-nest-logger.js';
import { logOnlyIfUnusual, requestLogOptions } from './common/request-log.js';
import type { AppConfig } from './config/config.js';
import { docsRouter } from './openapi/docs-router.js';
import { webRouter } from './web/web-router.js';

const JSON_BODY_LIMIT = '256kb';

/**
 * The server's logger. `pretty`: a readable line per entry, written at once to stdout so it keeps its
 * place among the start-up banner's lines; `json` (the default): pino's JSON lines, for machines.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'> & Partial<Pick<AppConfig, 'logFormat' | 'cluster'>>): Logger {
  // Beside other servers, every line names the one that wrote it (host name and pid may be shared
  // by containers, and collected logs mix them).
  const options = { level: config.logLevel, ...(config.cluster?.redisUrl ? { base: { pid: process.pid, hostname: hostname(), node: config.cluster.nodeId } } : {}) };
  if (config.logFormat !== 'pretty') return pino(options);
  const prettify = prettyFactory({
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    // The request line's message already says `GET /api/me 200 12ms`; the rest is for machines.
    ignore: 'pid,hostname,req,res,responseTime,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
  return pino(options, { write: (line: string) => void process.stdout.write(prettify(line)) });
}

/** Builds the HTTP application around already-opened dependencies; the caller decides when to listen. */
export async function createApp(deps: AppDependencies): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps), {
    bodyParser: false,
    logger: new PinoNestLogger(deps.logger),
  });
  app.use(pinoHttp({ logger: deps.logger, ...requestLogOptions() }));
  // Health probes would drown the log: a passing one is not logged, a failing one is.
  app.use('/health', (_req: Request, res: Response, next: NextFunction) => {
    logOnlyIfUnusual(res);
    next();
  });
  // The server's own time for each answer, so a client (the bench, a browser's devtools) can tell it
  // from the network's: `Server-Timing: app;dur=12.3`.
  app.use(responseTime((_req, res, ms) => res.setHeader('Server-Timing', `app;dur=${ms.toFixed(1)}`)));
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');
  const https = deps.config.publicUrl.protocol === 'https:';
  app.use(
    helmet({
      hsts: https,
      // Over plain HTTP (a laptop, a LAN at a conference) upgrading requests would break every asset.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    }),
  );
  app.use(express.json({ limit: JSON_BODY_LIMIT }), jsonBodyErrors);
  app.use(docsRouter(deps.config.publicUrl.origin));
  app.use(webRouter(deps.config.webDist ?? defaultWebDist()));
  await app.init();
  return app;
}

function defaultWebDist(): string {
  // apps/server/{src,dist}/app.* → apps/web/dist
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

/** body-parser's failures would otherwise reach express's HTML error page. */
function jsonBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: string } | null)?.type;
  if (!type) return next(error);
  const appError =
    type === 'entity.parse.failed'
      ? new AppError('INVALID_JSON', 'The request body is not valid JSON')
      : type === 'entity.too.large'
        ? new AppError('PAYLOAD_TOO_LARGE', `The request body exceeds ${JSON_BODY_LIMIT}`)
        : new AppError('VALIDATION_FAILED', 'The request body could not be read');
  res.status(appError.status).json(errorBody(appError));
}

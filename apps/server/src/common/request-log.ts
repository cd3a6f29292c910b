import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Options, startTime } from 'pino-http';

/**
 * A request served this slowly is logged even where a quick one is not: a person reading the log
 * should see that the web app's files or the health check took a second to come back.
 */
export const SLOW_REQUEST_MS = 1000;

const quiet = new WeakSet<ServerResponse>();

/**
 * Marks a response as routine: the web app's files, its index.html for client-side routes, a
 * passing health check. One line per asset is about 20 lines per page load that tell nobody anything;
 * the line still appears when the answer is an error or slow.
 */
export function logOnlyIfUnusual(res: ServerResponse): void {
  quiet.add(res);
}

/** Invitation links carry their secret in the path; the log keeps the route, not the secret. */
export function redactLinkTokens(url: string): string {
  return url.replace(/\/(invitations|invite)\/[a-z2-7]{32}/g, '/$1/[redacted]');
}

type Level = 'error' | 'info' | 'silent';

const SYNTHETIC_ERROR = /^failed with status code \d+$/;

/** The level of a finished request's line: silent for a routine answer, error for a failure. */
export function requestLogLevel(res: ServerResponse, error: Error | undefined, responseTimeMs: number): Level {
  if (error || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'info';
  return quiet.has(res) && responseTimeMs < SLOW_REQUEST_MS ? 'silent' : 'info';
}

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** `GET /api/me 200 12ms`: what a person scans for, in either format. */
function summary(req: LoggedRequest, res: ServerResponse, outcome: string): string {
  return `${req.method} ${redactLinkTokens(req.originalUrl ?? req.url ?? '')} ${res.statusCode} ${outcome}`;
}

/** pino-http stamps each response with its start; the level is decided before it reports the time. */
function elapsedMs(res: ServerResponse): number {
  const started = (res as ServerResponse & { [startTime]?: number })[startTime];
  return started === undefined ? 0 : Date.now() - started;
}

/**
 * pino-http's options. Only the fields below are logged: no headers (so no cookie or bearer token),
 * no request or response body (so no password, and nothing of what the room says, ever).
 */
export function requestLogOptions(): Options<LoggedRequest, ServerResponse> {
  return {
    customLogLevel: (_req, res, error) => requestLogLevel(res, error, elapsedMs(res)),
    customSuccessMessage: (req, res, responseTimeMs) => summary(req, res, res.writableEnded ? `${responseTimeMs}ms` : `aborted after ${responseTimeMs}ms`),
    customErrorMessage: (req, res) => summary(req, res, `failed after ${elapsedMs(res)}ms`),
    // For a plain 5xx pino-http makes up an Error whose stack shows only its own code; the real one
    // is logged where it was caught (AppErrorFilter), so the request line keeps just its status.
    customErrorObject: (_req, _res, error, value: Record<string, unknown>) => {
      if (!SYNTHETIC_ERROR.test(error.message)) return value;
      const { err: _synthetic, ...rest } = value;
      return rest;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactLinkTokens(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

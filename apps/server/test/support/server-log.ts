import type { TestServer } from './test-server.js';

export interface LogLine {
  level: number;
  msg?: string;
}

/** pino's level number for `error`. */
export const ERROR_LEVEL = 50;

/**
 * Captures the server's log lines (pino writes each line to its stream) and keeps them off stdout.
 * It checks that what the sync engine's child logger writes is captured too, or "nothing was logged"
 * would mean nothing.
 */
export function captureLog(t: TestServer): LogLine[] {
  const logger = t.server.logger as unknown as Record<symbol, { write(line: string): boolean }>;
  const symbol = Object.getOwnPropertySymbols(logger).find((candidate) => candidate.description === 'pino.stream');
  if (!symbol) throw new Error('cannot find the pino stream to capture the server log');
  const lines: LogLine[] = [];
  logger[symbol]!.write = (line: string) => {
    lines.push(JSON.parse(line) as LogLine);
    return true;
  };
  t.server.logger.child({ module: 'sync' }).warn('log capture check');
  if (lines.splice(0).length !== 1) throw new Error('the server log is not being captured');
  return lines;
}

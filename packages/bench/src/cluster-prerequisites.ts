/**
 * X1 runs Accord as several servers, which needs what they share: PostgreSQL (PGlite is one process's
 * database) and Redis. Without either the bench says so in one line and runs the rest.
 */
import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_ANSWER_MS = 2_000;

/** Why X1 cannot run here, or null. */
export async function clusterSkipReason(databaseUrl: string | undefined, redisUrl: string): Promise<string | null> {
  if (!databaseUrl) return 'several servers share one PostgreSQL database: set DATABASE_URL';
  if (!(await redisAnswers(redisUrl))) return `Redis at ${redisUrl} does not answer: start one, or set REDIS_URL`;
  return null;
}

/** Sends PING and waits for any answer (PONG, or an error such as NOAUTH: either way Redis is there). */
function redisAnswers(redisUrl: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    return Promise.resolve(false);
  }
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  return new Promise((resolve) => {
    const socket = url.protocol === 'rediss:' ? connectTls({ host, port, servername: host }) : connectTcp(port, host);
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), REDIS_ANSWER_MS);
    socket.once(url.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.once('data', () => done(true));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

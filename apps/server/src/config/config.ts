import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname as machineName } from 'node:os';
import { defaultSyncLimits, type SyncLimits } from '@accord/sync';
import { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(text);
  if (!match) throw new ConfigError(`not a duration: ${text}`);
  return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
}


const duration = z
  .string()
  .regex(/^\d+\s*(ms|s|m|h|d)$/, 'a duration such as 30s, 15m, 12h or 7d')
  .transform(parseDuration);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const commaList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Every setting Accord reads from its environment; validated once, at boot. */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    ALLOWED_ORIGINS: commaList.pipe(z.array(z.url({ protocol: /^https?$/ }))).default([]),
    TRUST_PROXY: booleanFlag.default(false),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection string')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    SESSION_IDLE_TIMEOUT: duration.default(parseDuration('24h')),
    SESSION_MAX_AGE: duration.default(parseDuration('14d')),
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
    LOGIN_FAILURE_WINDOW: duration.default(parseDuration('15m')),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
    LOGIN_ACCOUNT_FAILURE_WINDOW: duration.default(parseDuration('1h')),
    INVITATION_TTL: duration.default(parseDuration('7d')),
    MAX_DIALOGUES_PER_HOUR: positiveInt.default(20),
    MAX_DOCUMENTS_PER_HOUR: positiveInt.default(100),
    MAX_COMMENTS_PER_HOUR: positiveInt.default(600),
    MAX_AMENDMENTS_PER_HOUR: positiveInt.default(200),
    HISTORY_REPLAY_MS_PER_SECOND: positiveInt.default(300),
    SYNC_MAX_CONNECTIONS_PER_SESSION: positiveInt.default(20),
    SYNC_MAX_CONNECTIONS_PER_USER: positiveInt.default(50),
    // PDF export: the Chromium that renders it. Unset: /usr/bin/chromium when it exists; "none" turns PDF off.
    CHROMIUM_PATH: z.string().min(1).optional(),
    PDF_RENDERS_AT_ONCE: positiveInt.max(16).default(2),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).max(320).optional(),
    EMAIL_VERIFICATION_TTL: duration.default(parseDuration('24h')),
    PASSWORD_RESET_TTL: duration.default(parseDuration('1h')),
    MAIL_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(3),
    MAIL_MAX_PER_CLIENT: z.coerce.number().int().min(1).default(20),
    MAIL_WINDOW: duration.default(parseDuration('15m')),
    VERIFICATION_RESEND_INTERVAL: duration.default(parseDuration('5m')),
    SEED_DEMO: booleanFlag.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: readable lines in development at a terminal, JSON otherwise (CI, production, pipes).
    LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'json or pretty' }).optional(),
    WEB_DIST: z.string().min(1).optional(),
    SYNC_MAX_UPDATE_BYTES: positiveInt.default(defaultSyncLimits.maxUpdateBytes),
    SYNC_MAX_SYNC_BYTES: positiveInt.default(defaultSyncLimits.maxSyncBytes),
    SYNC_MAX_AWARENESS_BYTES: positiveInt.default(defaultSyncLimits.maxAwarenessBytes),
    SYNC_MESSAGES_PER_SECOND: positiveInt.default(defaultSyncLimits.messagesPerSecond),
    SYNC_MESSAGE_BURST: positiveInt.default(defaultSyncLimits.messageBurst),
    SYNC_BYTES_PER_SECOND: positiveInt.default(defaultSyncLimits.bytesPerSecond),
    SYNC_BYTE_BURST: positiveInt.default(defaultSyncLimits.byteBurst),
    SYNC_AWARENESS_PER_SECOND: positiveInt.default(defaultSyncLimits.awarenessPerSecond),
    SYNC_AWARENESS_BURST: positiveInt.default(defaultSyncLimits.awarenessBurst),
    SYNC_ANSWER_BYTES_PER_SECOND: positiveInt.default(defaultSyncLimits.answerBytesPerSecond),
    SYNC_ANSWER_BYTE_BURST: positiveInt.default(defaultSyncLimits.answerByteBurst),
    SYNC_DELETED_CLOCKS_FLOOR: positiveInt.default(defaultSyncLimits.deletedClocksFloor),
    SYNC_DELETED_CLOCKS_PER_BYTE: positiveInt.default(defaultSyncLimits.deletedClocksPerByte),
    SYNC_MAX_DOCUMENTS_PER_CONNECTION: positiveInt.default(defaultSyncLimits.maxDocumentsPerConnection),
    SYNC_CHECKPOINT_EVERY: positiveInt.default(defaultSyncLimits.checkpointEveryUpdates),
    SYNC_IDLE_UNLOAD: duration.default(defaultSyncLimits.idleUnloadMs),
    SYNC_COMMIT_EVERY: duration.pipe(z.number().max(1000, 'at most 1s')).default(defaultSyncLimits.commitEveryMs),
    SYNC_AWARENESS_EVERY: duration.pipe(z.number().max(1000, 'at most 1s')).default(defaultSyncLimits.awarenessEveryMs),
    // Several servers (docs/architecture.md, "Running several servers"). Unset: one server, alone.
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }).optional(),
    NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-", at most 64').optional(),
    LEASE_TTL: duration.pipe(z.number().min(1000, 'at least 1s').max(60_000, 'at most 60s')).default(3000),
  })
  .refine((env) => env.SESSION_IDLE_TIMEOUT <= env.SESSION_MAX_AGE, {
    path: ['SESSION_IDLE_TIMEOUT'],
    message: 'must not exceed SESSION_MAX_AGE',
  })
  // One address against one account gets the pair's count once per LOGIN_FAILURE_WINDOW; were that
  // enough to reach the account's ceiling, one guesser could lock the owner out again.
  .refine((env) => env.LOGIN_MAX_FAILURES_PER_ACCOUNT > onePairPerAccountWindow(env), {
    path: ['LOGIN_MAX_FAILURES_PER_ACCOUNT'],
    message: 'must exceed what one address may try against one account in LOGIN_ACCOUNT_FAILURE_WINDOW (LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS per LOGIN_FAILURE_WINDOW)',
  })
  .refine((env) => env.SYNC_MAX_UPDATE_BYTES <= env.SYNC_MAX_SYNC_BYTES, {
    path: ['SYNC_MAX_UPDATE_BYTES'],
    message: 'must not exceed SYNC_MAX_SYNC_BYTES',
  });

export type LogFormat = 'json' | 'pretty';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Where users reach Accord; decides the cookie's Secure flag and invitation links. */
  publicUrl: URL;
  /**
   * Origins allowed to send mutating requests and open sockets: the public URL's plus ALLOWED_ORIGINS,
   * and, when the public URL is on a loopback name, the same port on the other loopback names.
   */
  allowedOrigins: ReadonlySet<string>;
  trustProxy: boolean;
  database: { url: string | undefined; poolSize: number; pgliteDir: string };
  session: { idleTimeoutMs: number; maxAgeMs: number };
  login: {
    maxFailuresPerAccountAddress: number;
    maxFailuresPerAddress: number;
    failureWindowMs: number;
    maxFailuresPerAccount: number;
    accountFailureWindowMs: number;
  };
  invitationTtlMs: number;
  /** Dialogues, documents and comments (threads and replies) one user may create per hour. */
  creation: { dialoguesPerHour: number; documentsPerHour: number; commentsPerHour: number; amendmentsPerHour: number };
  /** Sockets one session, and one user, may hold open at once. */
  connections: { maxPerSession: number; maxPerUser: number };
  /** Server time per second each member may spend rebuilding past texts (a burst of ten seconds' worth). */
  historyReplayMsPerSecond: number;
  /**
   * PDF export: the Chromium executable (null: PDF is unavailable, and the export menu says why) and
   * how many pages it renders at once.
   */
  pdf: { chromiumPath: string | null; rendersAtOnce: number };
  /**
   * Outgoing mail. Without `smtpUrl`, mail is written to the log, and outside production also to
   * the development outbox (`/dev/outbox`), so a newcomer's start needs no mail server.
   */
  mail: {
    smtpUrl: string | undefined;
    from: string;
    outbox: boolean;
    /** Mails to one address, and mail-sending requests from one client address, per window. */
    maxPerAddress: number;
    maxPerClient: number;
    windowMs: number;
    /** A refused sign-in of an unverified account re-sends its link at most this often. */
    verificationResendMs: number;
  };
  /** Lifetimes of the single-use links mailed to an address. */
  tokens: { verificationTtlMs: number; resetTtlMs: number };
  seedDemo: boolean;
  logLevel: string;
  /** `pretty`: one readable line per entry, for a person at a terminal; `json`: one JSON object per line, for machines. */
  logFormat: LogFormat;
  /** The built web app; undefined means the server looks beside itself in the workspace. */
  webDist: string | undefined;
  /** Limits of the real-time engine (docs/protocol.md). */
  sync: SyncLimits;
  /**
   * Running several servers: Redis (absent: this server runs alone, as the only owner of every
   * document), this server's name among them, and how long a document's lease lives unrenewed.
   */
  cluster: { redisUrl: string | undefined; nodeId: string; leaseTtlMs: number };
}


const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * A newcomer may type http://127.0.0.1:3000 while PUBLIC_URL says localhost: the same machine and
 * port, so the same server. Only loopback names, which no other site can answer for.
 */
function loopbackAliases(publicUrl: URL): string[] {
  if (!LOOPBACK_NAMES.includes(publicUrl.hostname)) return [];
  return LOOPBACK_NAMES.map((hostname) => {
    const alias = new URL(publicUrl.origin);
    alias.hostname = hostname;
    return alias.origin;
  });
}

/** Fixed windows: a span of the account's window overlaps at most ceil(ratio) + 1 pair windows. */
function onePairPerAccountWindow(env: { LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: number; LOGIN_ACCOUNT_FAILURE_WINDOW: number; LOGIN_FAILURE_WINDOW: number }): number {
  return env.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS * (Math.ceil(env.LOGIN_ACCOUNT_FAILURE_WINDOW / env.LOGIN_FAILURE_WINDOW) + 1);
}

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium for PDF export: as set ("none" for no PDF), else Debian's when it is installed. */
function chromiumPath(setting: string | undefined): string | null {
  if (setting === 'none') return null;
  if (setting !== undefined) {
    if (!existsSync(setting)) throw new ConfigError(`CHROMIUM_PATH: no file at ${setting} (set "none" to turn PDF export off)`);
    return setting;
  }
  return existsSync(DEFAULT_CHROMIUM) ? DEFAULT_CHROMIUM : null;
}

/**
 * `terminal`: whether stdout is a terminal, which decides the log format when LOG_FORMAT is unset.
 * Read here, with the environment, so the format is settled once at boot like every other setting.
 */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  terminal: { stdoutIsTTY: boolean } = { stdoutIsTTY: process.stdout.isTTY === true },
): AppConfig {
  // An empty variable means "not set", as shells and .env files commonly produce.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    allowedOrigins: new Set([publicUrl.origin, ...loopbackAliases(publicUrl), ...env.ALLOWED_ORIGINS.map((o) => new URL(o).origin)]),
    trustProxy: env.TRUST_PROXY,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, pgliteDir: env.PGLITE_DIR },
    session: { idleTimeoutMs: env.SESSION_IDLE_TIMEOUT, maxAgeMs: env.SESSION_MAX_AGE },
    login: {
      maxFailuresPerAccountAddress: env.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS,
      maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
      failureWindowMs: env.LOGIN_FAILURE_WINDOW,
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      accountFailureWindowMs: env.LOGIN_ACCOUNT_FAILURE_WINDOW,
    },
    invitationTtlMs: env.INVITATION_TTL,
    creation: {
      dialoguesPerHour: env.MAX_DIALOGUES_PER_HOUR,
      documentsPerHour: env.MAX_DOCUMENTS_PER_HOUR,
      commentsPerHour: env.MAX_COMMENTS_PER_HOUR,
      amendmentsPerHour: env.MAX_AMENDMENTS_PER_HOUR,
    },
    connections: { maxPerSession: env.SYNC_MAX_CONNECTIONS_PER_SESSION, maxPerUser: env.SYNC_MAX_CONNECTIONS_PER_USER },
    historyReplayMsPerSecond: env.HISTORY_REPLAY_MS_PER_SECOND,
    pdf: { chromiumPath: chromiumPath(env.CHROMIUM_PATH), rendersAtOnce: env.PDF_RENDERS_AT_ONCE },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? `Accord <no-reply@${publicUrl.hostname}>`,
      outbox: !env.SMTP_URL && env.NODE_ENV !== 'production',
      maxPerAddress: env.MAIL_MAX_PER_ADDRESS,
      maxPerClient: env.MAIL_MAX_PER_CLIENT,
      windowMs: env.MAIL_WINDOW,
      verificationResendMs: env.VERIFICATION_RESEND_INTERVAL,
    },
    tokens: { verificationTtlMs: env.EMAIL_VERIFICATION_TTL, resetTtlMs: env.PASSWORD_RESET_TTL },
    // A demo with published passwords has no place on a production server unless asked for.
    seedDemo: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' && terminal.stdoutIsTTY ? 'pretty' : 'json'),
    webDist: env.WEB_DIST,
    sync: {
      ...defaultSyncLimits,
      maxUpdateBytes: env.SYNC_MAX_UPDATE_BYTES,
      maxSyncBytes: env.SYNC_MAX_SYNC_BYTES,
      maxAwarenessBytes: env.SYNC_MAX_AWARENESS_BYTES,
      messagesPerSecond: env.SYNC_MESSAGES_PER_SECOND,
      messageBurst: env.SYNC_MESSAGE_BURST,
      bytesPerSecond: env.SYNC_BYTES_PER_SECOND,
      byteBurst: env.SYNC_BYTE_BURST,
      awarenessPerSecond: env.SYNC_AWARENESS_PER_SECOND,
      awarenessBurst: env.SYNC_AWARENESS_BURST,
      answerBytesPerSecond: env.SYNC_ANSWER_BYTES_PER_SECOND,
      answerByteBurst: env.SYNC_ANSWER_BYTE_BURST,
      deletedClocksFloor: env.SYNC_DELETED_CLOCKS_FLOOR,
      deletedClocksPerByte: env.SYNC_DELETED_CLOCKS_PER_BYTE,
      maxDocumentsPerConnection: env.SYNC_MAX_DOCUMENTS_PER_CONNECTION,
      checkpointEveryUpdates: env.SYNC_CHECKPOINT_EVERY,
      idleUnloadMs: env.SYNC_IDLE_UNLOAD,
      commitEveryMs: env.SYNC_COMMIT_EVERY,
      awarenessEveryMs: env.SYNC_AWARENESS_EVERY,
    },
    cluster: {
      redisUrl: env.REDIS_URL,
      // Unique per process unless set: a restarted server must not pass for the one that died.
      nodeId: env.NODE_ID ?? `${machineName().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`,
      leaseTtlMs: env.LEASE_TTL,
    },
  };
}

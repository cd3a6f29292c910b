import { AccordApi } from '@accord/client';
import { type Database, type DatabaseHandle } from '@accord/db';
import type { ContentCheck } from '@accord/sync';
import { createTestDatabase, type TestDatabase } from '@accord/db/testing';
import type { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { DEMO_PASSWORD, demoMembers } from '../../src/seed/demo-data.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** The origin a browser page served by this server would send. */
  publicOrigin: string;
  db: Database;
  dbKind: DatabaseHandle['kind'];
  /** Raw HTTP, for checks of statuses and headers; `api` for calls as an application makes them. */
  client(token?: string): ApiClient;
  /** Signs in (through the SDK) and returns a raw client carrying the session's token. */
  login(email: string, password?: string): Promise<ApiClient>;
  /** Signs in and returns the SDK's typed API, holding the session. */
  api(email: string, password?: string): Promise<AccordApi>;
  close(): Promise<void>;
}

/**
 * A real Accord server on a loopback port, over a fresh database: in-memory PGlite, or a new
 * database on the PostgreSQL server named by DATABASE_URL. Given a `database`, the server runs on it
 * and leaves it open when it closes, so a test can restart the server, or run two, over one database.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; clock?: Clock; seedDemo?: boolean; database?: TestDatabase; contentCheck?: ContentCheck } = {},
): Promise<TestServer> {
  const database = options.database ? { ...options.database, close: async () => {} } : await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: String(options.seedDemo ?? true),
    // Port 0 has no origin of its own; browsers in these tests "come from" here.
    PUBLIC_URL: 'http://localhost:3000',
    ...options.env,
  });
  const server = await startServer(config, {
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.contentCheck ? { contentCheck: options.contentCheck } : {}),
  });
  return {
    server,
    url: server.url,
    publicOrigin: config.publicUrl.origin,
    db: database.db,
    dbKind: database.kind,
    client: (token) => new ApiClient(server.url, token),
    async login(email, password = DEMO_PASSWORD) {
      return new ApiClient(server.url, (await signIn(server.url, email, password)).token);
    },
    api: (email, password = DEMO_PASSWORD) => signIn(server.url, email, password),
    close: () => server.close(),
  };
}

async function signIn(url: string, email: string, password: string): Promise<AccordApi> {
  const api = new AccordApi({ baseUrl: url });
  await api.signIn(email, password);
  return api;
}

export const demo = Object.fromEntries(demoMembers.map((m) => [m.email.split('@')[0]!, m])) as Record<
  'chair' | 'secretariat' | 'arandia' | 'veloria' | 'ngo' | 'icrc' | 'observer',
  (typeof demoMembers)[number]
>;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Real HTTP against the test server; a bearer token when given, like the SDK and scripts. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}

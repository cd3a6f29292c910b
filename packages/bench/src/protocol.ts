/** What the three kinds of bench process say to each other, and the figures they hand back. */

export type ServerKind = 'accord' | 'hocuspocus';
export const serverKinds: readonly ServerKind[] = ['accord', 'hocuspocus'];

export type DatabaseKind = 'pglite' | 'postgres';

/** Where a server keeps its documents: its own PGlite directory, or its own fresh PostgreSQL database. */
export type StorageConfig = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

export interface ServerUsage {
  /** process.cpuUsage(), user + system, in µs since the process started. */
  cpuUs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** Served by each server launcher (dist/servers/*-server.js). */
export type ServerApi = {
  start(params: { port: number; storage: StorageConfig }): Promise<{ url: string }>;
  usage(params: null): Promise<ServerUsage>;
  /** Closes gracefully (Hocuspocus stores its documents on the way out), then the process exits. */
  stop(params: null): Promise<null>;
};

export type WorkloadSpec =
  | { kind: 'w1'; editors: number; intervalMs: number; warmupMs: number; steadyMs: number }
  | { kind: 'w2'; tracePath: string; editLimit: number | null; window: number }
  | { kind: 'w3'; rooms: number; clientsPerRoom: number; intervalMs: number; warmupMs: number; steadyMs: number };

/** Served by the load generator (dist/load/generator.js). */
export type GeneratorApi = {
  run(params: { server: ServerKind; url: string; workload: WorkloadSpec }): Promise<WorkloadResult>;
};

/** Served by the orchestrator to the load generator. */
export type OrchestratorApi = {
  serverUsage(params: null): Promise<ServerUsage>;
  /** Stops the server and starts it again on the same storage and port. */
  restartServer(params: null): Promise<{ url: string }>;
  progress(params: { message: string }): Promise<null>;
};

export interface Distribution {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The load generator's own load over a measured phase: above 85% of a core it measures itself. */
export interface GeneratorLoad {
  cpuMs: number;
  wallMs: number;
  /** CPU time ÷ wall time: 1 is one core fully busy. */
  coreFraction: number;
  saturated: boolean;
  /** Event-loop delay p99 in the generator: late timers and late reads inflate every latency. */
  loopDelayP99Ms: number;
}

export interface TypingRoomResult {
  kind: 'w1';
  editors: number;
  steadySeconds: number;
  edits: number;
  /** (edit, receiver) pairs that arrived during the steady phase. */
  deliveries: number;
  /** Steady-phase edits that some receiver never integrated. */
  missingDeliveries: number;
  latencyMs: Distribution;
  /** Accord only: local edit → whenSaved() resolved. */
  saveAckMs: Distribution | null;
  serverCpuUs: number;
  serverCpuUsPerDelivery: number;
  serverRssBytes: number;
  converged: boolean;
  generator: GeneratorLoad;
}

export interface LongHistoryResult {
  kind: 'w2';
  trace: { source: 'automerge-paper' | 'generated'; edits: number; prefixOnly: boolean; finalLength: number };
  /** What the acknowledgement the ingest waited for means. */
  acknowledgement: 'durable' | 'applied in memory';
  ingestSeconds: number;
  updatesPerSecond: number;
  serverCpuUsPerUpdate: number;
  localTextMatchesTrace: boolean | null;
  /** After a server restart: a new client's connection, then its open until synced. */
  reopen: { connectMs: number; openMs: number; textMatches: boolean; warmOpenMs: number };
  serverRssBytes: number;
  generator: GeneratorLoad;
}

export interface ManyRoomsResult {
  kind: 'w3';
  rooms: number;
  clients: number;
  steadySeconds: number;
  edits: number;
  deliveries: number;
  missingDeliveries: number;
  latencyMs: Distribution;
  saveAckMs: Distribution | null;
  serverCpuUsPerDelivery: number;
  serverRssBytes: number;
  serverRssIdleBytes: number;
  serverHeapUsedBytes: number;
  converged: boolean;
  generator: GeneratorLoad;
}

export type WorkloadResult = TypingRoomResult | LongHistoryResult | ManyRoomsResult;

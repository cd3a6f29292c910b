/** What the three kinds of bench process say to each other, and the figures they hand back. */

/**
 * `accord-unchecked` is Accord with the server's schema check of incoming updates turned off, through
 * startServer's dependencies (never configuration): the figure before the check, in the same run.
 */
export type ServerKind = 'accord' | 'accord-unchecked' | 'hocuspocus';
export const serverKinds: readonly ServerKind[] = ['accord', 'accord-unchecked', 'hocuspocus'];

/** Both Accord kinds run the same server build and are driven by the same SDK client. */
export const isAccord = (kind: ServerKind): boolean => kind !== 'hocuspocus';

/** The argument with which the Accord launcher starts the server without its schema check. */
export const WITHOUT_SCHEMA_CHECK = '--without-schema-check';

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

/** What load/content-check-probe.ts saw an Accord server do with a free-standing root Y.Text. */
export type ContentCheckSeen = 'refuses a root Y.Text' | 'accepts a root Y.Text';

/** Served by the load generator (dist/load/generator.js). */
export type GeneratorApi = {
  /** Accord only: whether the server refuses a root Y.Text, i.e. runs its schema check. */
  probeContentCheck(params: { url: string }): Promise<ContentCheckSeen>;
  run(params: {
    server: ServerKind;
    url: string;
    workload: WorkloadSpec;
    /** The run's PostgreSQL database, whose backends' CPU is counted; null on PGlite. */
    databaseName: string | null;
  }): Promise<WorkloadResult>;
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

/** Who used the CPU over a measured phase (steady phase or ingest). */
export interface PhaseUsage {
  wallMs: number;
  serverCpuUs: number;
  /** PostgreSQL backends serving the run's database; null on PGlite, which runs inside the server. */
  databaseCpuUs: number | null;
  /** The server process at the end of the phase. */
  server: ServerUsage;
  /** CPU time ÷ wall time: 1 is one core fully busy. `database`: PostgreSQL backends of the run's database. */
  cores: { server: number; generator: number; database: number | null; machine: number; other: number };
  /** Late timers and late reads in the generator inflate every latency it measures. */
  generatorLoopDelayP99Ms: number;
  /** Above 85% of a core the generator measures itself, not the server. */
  generatorSaturated: boolean;
  /** Processes outside the bench used more than a quarter core: every figure is disturbed. */
  machineBusy: boolean;
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
  serverCpuUsPerDelivery: number;
  /** PostgreSQL backends' CPU per delivered update; null on PGlite (inside the server). */
  databaseCpuUsPerDelivery: number | null;
  serverRssBytes: number;
  converged: boolean;
  phase: PhaseUsage;
}

export interface LongHistoryResult {
  kind: 'w2';
  trace: { source: 'automerge-paper' | 'generated'; edits: number; prefixOnly: boolean; finalLength: number };
  /** What the acknowledgement the ingest waited for means. */
  acknowledgement: 'durable' | 'applied in memory';
  ingestSeconds: number;
  updatesPerSecond: number;
  serverCpuUsPerUpdate: number;
  databaseCpuUsPerUpdate: number | null;
  localTextMatchesTrace: boolean | null;
  /** After a server restart: a new client's connection, then its open until synced. */
  reopen: { connectMs: number; openMs: number; textMatches: boolean; warmOpenMs: number };
  serverRssBytes: number;
  phase: PhaseUsage;
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
  databaseCpuUsPerDelivery: number | null;
  serverRssBytes: number;
  serverRssIdleBytes: number;
  converged: boolean;
  phase: PhaseUsage;
}

export type WorkloadResult = TypingRoomResult | LongHistoryResult | ManyRoomsResult;

/** What the three kinds of bench process say to each other, and the figures they hand back. */

/**
 * `accord-unchecked` is Accord with the server's schema check of incoming updates turned off, and
 * `accord-without-rules` Accord without the rules of the room (its update policy), each through
 * startServer's dependencies (never configuration): the figure before the check or the rules, in the
 * same run.
 */
export type ServerKind = 'accord' | 'accord-unchecked' | 'accord-without-rules' | 'hocuspocus';
export const serverKinds: readonly ServerKind[] = ['accord', 'accord-unchecked', 'accord-without-rules', 'hocuspocus'];

/** The Accord kinds run the same server build and are driven by the same SDK client. */
export const isAccord = (kind: ServerKind): boolean => kind !== 'hocuspocus';

/** The argument with which the Accord launcher starts the server without its schema check. */
export const WITHOUT_SCHEMA_CHECK = '--without-schema-check';
/** The argument with which the Accord launcher starts the server without the rules of the room. */
export const WITHOUT_RULES = '--without-rules';

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
  /** `cluster`: Accord only, one node of several (X1); without it the server runs alone, Redis or not in the shell. */
  start(params: { port: number; storage: StorageConfig; cluster?: ClusterNodeConfig }): Promise<{ url: string }>;
  usage(params: null): Promise<ServerUsage>;
  /** Closes gracefully (Hocuspocus stores its documents on the way out), then the process exits. */
  stop(params: null): Promise<null>;
  /** Accord only: what the server stores for a document's history, read from its own database. */
  storedHistory(params: { documentId: string }): Promise<StoredHistory>;
};

/** A document's checkpoints (the full states the text at any point starts from) and its update log, as stored. */
export interface StoredHistory {
  checkpoints: Array<{ seq: number; bytes: number }>;
  updates: number;
  updateBytes: number;
}

export type WorkloadSpec =
  | { kind: 'w1'; editors: number; intervalMs: number; warmupMs: number; steadyMs: number }
  | { kind: 'w2'; tracePath: string; editLimit: number | null; window: number }
  | { kind: 'w3'; rooms: number; clientsPerRoom: number; intervalMs: number; warmupMs: number; steadyMs: number }
  | CommentsSpec
  | RulesSpec
  | AmendmentsSpec
  | HistorySpec
  | DocumentsSpec
  | ClusterSpec
  | JoinSpec
  | PresenceSpec
  | EditorTypingSpec;

/**
 * E1 (issue 16), the web editor while someone else types, on Accord only: a `paragraphs`-paragraph
 * rolling text with `brackets` open brackets; a delegate types `keystrokes` keys into it in Chromium
 * while an SDK client types `otherCharsPerSecond` characters a second into another paragraph; the
 * peer is the same delegate typing into a short plain document no one else is in (load/editor-typing.ts).
 */
/** E1's figures, from the editor's pages in Chromium (load/editor-typing.ts). */
export interface EditorTypingFigures {
  busyMs: Distribution;
  quietMs: Distribution;
  /** Drawn on the long text's page: bracket elements and sponsors after brackets. */
  bracketElements: number;
  sponsorElements: number;
  paragraphElements: number;
  peerChars: number;
  /** The renderer's main thread over the typing, per key (Chromium's Performance.getMetrics): all its tasks, and script alone. */
  busyTaskMsPerKey: number;
  quietTaskMsPerKey: number;
  busyScriptMsPerKey: number;
  quietScriptMsPerKey: number;
}

export interface EditorTypingSpec {
  kind: 'e1';
  paragraphs: number;
  brackets: number;
  keystrokes: number;
  otherCharsPerSecond: number;
  browser: boolean;
}

export interface EditorTypingResult {
  kind: 'e1';
  paragraphs: number;
  brackets: number;
  /** Key-to-paint on the long bracketed text while the other person types, and on the short peer. */
  editor: EditorTypingFigures | null;
  skipped: string | null;
  /** The typing phase (or, skipped, nothing): who used the CPU. */
  phase: PhaseUsage;
}

/**
 * W5 (issue 16): one document whose encoded Yjs state is at least `stateBytes`, paragraphs of about
 * `paragraphChars` characters written in transactions of about `chunkBytes`; then `clients` fresh
 * connections start joining it at the same moment, each timed from its connect until the whole state
 * has arrived (wire-level clients), and again until an SDK / provider replica has applied it.
 */
export interface JoinSpec {
  kind: 'w5';
  clients: number;
  stateBytes: number;
  paragraphChars: number;
  chunkBytes: number;
}

/**
 * W6 (issue 16): `clients` connections in one document, each with a cursor in its awareness; `movers`
 * of them move it every `moveMinMs`–`moveMaxMs` (each its own rhythm). Presence propagation is timed
 * from the application's call until every other client's awareness shows the move.
 */
export interface PresenceSpec {
  kind: 'w6';
  clients: number;
  movers: number;
  moveMinMs: number;
  moveMaxMs: number;
  warmupMs: number;
  steadyMs: number;
}

/** What makes an Accord server one node of several: the shared Redis, its own name, the lease's life. */
export interface ClusterNodeConfig {
  redisUrl: string;
  nodeId: string;
  leaseTtlMs: number;
}

/**
 * X1, several servers (issue 15), PostgreSQL and Redis only. A room (one typist, `receivers` others,
 * `warmupEdits` then `edits` measured edits `intervalMs` apart) measured three ways: on one server
 * without Redis, on the document's owner among `nodes` servers, and with the typist on a non-owner and
 * the receivers on a third node. Then failover: `failoverDocuments` documents owned by one node, each
 * with `clientsPerDocument` clients editing through a proxy that routes by document, the owner
 * SIGKILLed (then, on other documents, SIGTERMed); per client, the time until an edit made after the
 * signal is saved.
 */
export interface ClusterSpec {
  kind: 'x1';
  redisUrl: string;
  nodes: number;
  leaseTtlMs: number;
  receivers: number;
  warmupEdits: number;
  edits: number;
  intervalMs: number;
  failoverDocuments: number;
  clientsPerDocument: number;
  /** Each failover client edits once per this interval, before and after the signal. */
  failoverIntervalMs: number;
  /** Editing before the signal. */
  settleMs: number;
  /** A client whose post-signal edit is not saved by then counts as not recovered. */
  recoveryTimeoutMs: number;
}

/**
 * Where R1's typists write in a rolling text of several boxes, as delegates (so the policy classifies
 * each update): `plain`, a paragraph with no brackets and none agreed near it; `brackets`, outside the
 * brackets of a paragraph that has some, with an agreed paragraph before it and open brackets after
 * (the realistic case: still the fast path); `inside-brackets`, inside another delegation's bracket,
 * each edit deleting a character and typing one in its place (the slow path: the policy compares the
 * whole text before and after).
 */
export type RulesVariant = 'plain' | 'brackets' | 'inside-brackets';

/** R1, the cost of the rules of the room: W1's room (N editors, one edit each per interval). */
export interface RulesSpec {
  kind: 'r1';
  variant: RulesVariant;
  editors: number;
  intervalMs: number;
  warmupMs: number;
  steadyMs: number;
}

/**
 * A1, accepting an amendment on a long document: `paragraphs` paragraphs (with brackets and
 * sub-paragraphs), `accepts` amendments proposed then accepted one at a time (as proposed and in
 * brackets, alternately), each timed until its HTTP answer and until another client's Y.Doc has the
 * change; beside them, as many plain client updates on the same document, timed to the same client.
 */
export interface AmendmentsSpec {
  kind: 'a1';
  paragraphs: number;
  accepts: number;
}

/**
 * W4, revision history at scale (issue 12), on Accord only: a long document of one update per edit of
 * the trace (W2's ingest), read at past positions on a cold server; the timeline's first page on it;
 * and a comparison of two named revisions of a `paragraphs`-paragraph document.
 */
export interface HistorySpec {
  kind: 'w4';
  tracePath: string;
  editLimit: number | null;
  window: number;
  /** Positions spread over the whole log, each read once, newest first (so no replica is stepped forward). */
  randomReads: number;
  /** Checkpoints read at, 1 after, half way to the next one and just before it. */
  checkpointProbes: number;
  /** The slider: consecutive positions `sliderStride` apart, stepping forward. */
  sliderSteps: number;
  sliderStride: number;
  /** Warm requests of the timeline's first page, and of each compare and text peer. */
  requests: number;
  paragraphs: number;
  /** Delegates' edits between Rev.1 and Rev.2. */
  edits: number;
}

/**
 * D1, documents in and out (issue 13), in the load generator's own process: a `paragraphs`-paragraph
 * rolling text exported to DOCX (peer: the same words as plain paragraphs with the `docx` package
 * alone), a DOCX redline against a version with `edits` scattered edits, PDF through headless
 * Chromium (peer: a blank page printed the same way), and the DOCX read back and recognized. Each
 * after `warmup` untimed rounds; `pdfRepetitions` for Chromium, `repetitions` for the rest.
 * `httpRequests` > 0 also downloads the DOCX export of the same text from the server under test.
 */
export interface DocumentsSpec {
  kind: 'd1';
  paragraphs: number;
  edits: number;
  warmup: number;
  repetitions: number;
  pdfRepetitions: number;
  httpRequests: number;
}

/**
 * C1 comments at scale (issue 10): a 500-paragraph document with 2,000 threads. Accord lists them,
 * fans a new comment out to `viewers` sockets and, when a browser is at hand, types in the web
 * editor with 500 visible threads and without. Hocuspocus runs the fan-out's peer only: a stateless
 * message broadcast to as many connections of one document.
 */
export interface CommentsSpec {
  kind: 'c1';
  paragraphs: number;
  threads: number;
  /** Threads that get one reply (the list carries them). */
  replies: number;
  /** Of `threads`: how many the typist in the browser may see (everyone + governments). */
  visibleToTypist: number;
  listRequests: number;
  viewers: number;
  comments: number;
  /** Typed into each of the two documents (with threads, without). */
  keystrokes: number;
  /** False: skip the browser phase (--no-browser). */
  browser: boolean;
}

/** What load/content-check-probe.ts saw an Accord server do with a free-standing root Y.Text. */
export type ContentCheckSeen = 'refuses a root Y.Text' | 'accepts a root Y.Text';

/** What load/rules-probe.ts saw an Accord server do with a delegate marking a paragraph agreed. */
export type RulesSeen = "refuses a delegate's status change" | "accepts a delegate's status change";

/** Served by the load generator (dist/load/generator.js). */
export type GeneratorApi = {
  /** Accord only: whether the server refuses a root Y.Text, i.e. runs its schema check. */
  probeContentCheck(params: { url: string }): Promise<ContentCheckSeen>;
  /** Accord only: whether the server refuses a delegate's status change, i.e. runs the rules of the room. */
  probeRules(params: { url: string }): Promise<RulesSeen>;
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
  /** X1: stops the server and starts the spec's Accord nodes on the same database, with Redis. */
  startCluster(params: null): Promise<{ urls: string[] }>;
  /** X1: sends one node the signal and resolves once it is sent (SIGKILL: a crash; SIGTERM: a graceful stop). */
  signalNode(params: { index: number; signal: 'SIGKILL' | 'SIGTERM' }): Promise<null>;
  /** X1: starts a stopped node again, on its port, under a new node id (a restarted server is a new one). */
  startNode(params: { index: number }): Promise<{ url: string }>;
  /** Accord only: a document's stored checkpoints and log, from the server's database. */
  storedHistory(params: { documentId: string }): Promise<StoredHistory>;
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

/** One timed HTTP request kind: the server's own time (Server-Timing) and the client's round trip. */
export interface TimedRequests {
  /** From `Server-Timing: app;dur=…`; null when the server sent none. */
  serverMs: Distribution | null;
  roundTripMs: Distribution;
  /**
   * The server process's CPU time per request (ms), and on PostgreSQL its backends': unlike the
   * durations, what a busy machine does not inflate (it only takes the CPU away for longer).
   */
  serverCpuMs: number;
  databaseCpuMs: number | null;
  /** The answer's size, bytes (the last one). */
  bytes: number;
}

export interface CommentsListResult {
  /** Threads in the document, and how many of them the listing member (the chair) may see. */
  threadsStored: number;
  threadsListed: number;
  comments: number;
  /** GET …/comments on the document with the threads. */
  list: TimedRequests;
  /** Peers on the same server: the same list on an equal document without threads, and GET of the text. */
  emptyList: TimedRequests;
  documentText: TimedRequests;
}

export interface FanOutResult {
  receivers: number;
  messages: number;
  /** Sent (just before the POST or the stateless message) → arrival at each receiver. */
  latencyMs: Distribution;
  /** (message, receiver) pairs that never arrived. */
  missing: number;
  /** Accord: the POST's own round trip. */
  requestMs: Distribution | null;
  /** Size of one delivered event's payload, bytes. */
  payloadBytes: number;
  /** Server CPU per message (ms), and on PostgreSQL its backends'. */
  serverCpuMs: number;
  databaseCpuMs: number | null;
}

export interface EditorPaintResult {
  /** Both documents together. */
  keystrokes: number;
  /** Threads the typist may see in the document, and the open threads the panel lists. */
  visibleThreads: number;
  panelThreads: number | null;
  withThreadsMs: Distribution;
  withoutThreadsMs: Distribution;
}

export interface CommentsResult {
  kind: 'c1';
  paragraphs: number;
  /** Seeding the threads and replies over the API (not measured, but it bounds the run's length). */
  seedSeconds: number | null;
  list: CommentsListResult | null;
  fanOut: FanOutResult;
  /** Null where no browser ran; `editorSkipped` says why. */
  editor: EditorPaintResult | null;
  editorSkipped: string | null;
  /** The fan-out phase: who used the CPU while the messages went out. */
  phase: PhaseUsage;
}

/** R1: W1's figures, on a rolling text, as delegates. */
export interface RulesResult extends Omit<TypingRoomResult, 'kind'> {
  kind: 'r1';
  variant: RulesVariant;
  /** Paragraphs in the document typed into. */
  paragraphs: number;
}

export interface AmendmentsResult {
  kind: 'a1';
  paragraphs: number;
  accepts: number;
  /** Accepted as proposed / in brackets. */
  modes: { asProposed: number; bracketed: number };
  /** POST …/accept: the round trip until the answer (sent after the commit), and the server's own time. */
  acceptMs: Distribution;
  acceptServerMs: Distribution | null;
  /** From just before the POST until another connected client's Y.Doc holds the change. */
  seenMs: Distribution;
  /** The same-run reference: a delegate's typed update on the same document, until the other client has it. */
  updateSeenMs: Distribution;
  /** Server CPU per accept (ms), and on PostgreSQL its backends'. */
  serverCpuMsPerAccept: number;
  databaseCpuMsPerAccept: number | null;
  /** Every accepted change was in the other client's text at the end. */
  allSeen: boolean;
  phase: PhaseUsage;
}

/** One request timed by the server (Server-Timing; null when absent) and by the client. */
export interface TimedRequest {
  serverMs: number | null;
  roundTripMs: number;
  /** The server process's CPU time for it (ms): what a busy machine does not inflate. Null where not measured. */
  serverCpuMs: number | null;
}

/** Requests of one kind: server time and round trip (the client's wall time on loopback). */
export interface RequestTimes {
  serverMs: Distribution | null;
  roundTripMs: Distribution;
  /** The server process's CPU time per request (ms), over the whole group; null where not measured. */
  serverCpuMs: number | null;
}

/** Reads of the text at positions that lie `distance` updates after the checkpoint they start from. */
export interface DistanceReads extends RequestTimes {
  kind: 'at a checkpoint' | '1 after' | 'half way to the next' | 'last before the next';
  distance: Distribution;
}

export interface HistoryResult {
  kind: 'w4';
  trace: { source: 'automerge-paper' | 'generated'; edits: number; prefixOnly: boolean };
  ingestSeconds: number;
  /** The long document as stored: its log and the checkpoints kept. */
  stored: StoredHistory & { checkpointGap: Distribution };
  textAt: {
    /** The first read after the restart: the document itself is loaded too. */
    first: TimedRequest;
    random: RequestTimes;
    byDistance: DistanceReads[];
    /** The slider, each step `sliderStride` after the last (its first step, a random read, left out). */
    slider: RequestTimes;
    /** The same-run peer: GET …/text (now) of the same document, repeated. */
    current: RequestTimes;
    /** The largest answer, bytes. */
    bytes: number;
    /** Every text read equals the trace replayed to its position. */
    matchesTrace: boolean;
  };
  timeline: {
    /** The first request ever (after a restart): the sessions are grouped from the whole log, and kept. */
    cold: TimedRequest;
    /** The first request after another restart: the kept sessions are read, not the log. */
    coldKept: TimedRequest;
    warm: RequestTimes;
    /** Entries on the first page. */
    firstPageEntries: number;
    /** The 500-paragraph document's timeline (two delegates editing in turn: a full page to describe). */
    busy: { first: TimedRequest; warm: RequestTimes; firstPageEntries: number };
  };
  compare: {
    paragraphs: number;
    /** Delegates' edits between Rev.1 and Rev.2. */
    edits: number;
    /** Changes Rev.1 → Rev.2 lists. */
    changes: number;
    rev1Seq: number;
    rev2Seq: number;
    /** Rev.1 → Rev.2: the first request after a restart, then the same again. */
    first: TimedRequest;
    repeated: RequestTimes;
    /** Two positions between Rev.1 and Rev.2, new each time (neither text nor comparison kept), in a warm process. */
    between: RequestTimes;
    /** Rev.1 → current, each after a delegate's new edit (so never a kept comparison). */
    toCurrent: RequestTimes;
    /** The same-run peer: GET …/text of the same document, each after a new edit too. */
    documentText: RequestTimes;
    /** What Rev.1 → Rev.2 found, by kind. */
    summary: Record<string, number>;
  };
  /** Over the random reads of the text. */
  phase: PhaseUsage;
}

/** Repeated in-process work: the wall time of each round, and the process's CPU time for it. */
export interface InProcessTimes {
  wallMs: Distribution;
  cpuMs: Distribution;
}

export interface DocumentsResult {
  kind: 'd1';
  /** What the exported text holds. */
  text: { paragraphs: number; subparagraphs: number; brackets: number; footnotes: number; alternatives: number; agreed: number; agreedAdRef: number; words: number };
  /** The edits between the two versions the redline compares, by kind. */
  edits: Record<string, number>;
  /** printText + toDocx, and the peer: the same printed lines as plain paragraphs with `docx` alone. */
  docx: { export: InProcessTimes; peer: InProcessTimes; bytes: number; peerBytes: number } | null;
  /** printRedline + toDocx; the printed runs marked inserted and deleted (whole blocks count their runs). */
  redline: { export: InProcessTimes; bytes: number; insertions: number; deletions: number } | null;
  /**
   * PDF: printText + toHtml, then Chromium prints the HTML (a fresh context, as the server does),
   * then cleanPdfMetadata when @accord/formats has it; beside it a blank page printed the same way.
   * Wall times only: Chromium's work is in its own processes.
   */
  pdf: {
    total: Distribution;
    html: Distribution;
    chromium: Distribution;
    metadata: Distribution | null;
    blank: Distribution;
    bytes: number;
    pages: number;
    blankBytes: number;
    htmlBytes: number;
  } | null;
  /** readDocx + recognizeText on the DOCX of `docx`; what it recognized. */
  import: { read: InProcessTimes; recognized: Record<string, number>; unrecognized: number; trackedChanges: number } | null;
  /**
   * The same DOCX export downloaded from the server under test (GET …/export?format=docx), and
   * whether the server's text (GET …/text) is the text written, so that the download is of 500 paragraphs.
   */
  http: { serverMs: Distribution | null; roundTripMs: Distribution; bytes: number; textMatches: boolean } | null;
  /** Why a part did not run (a missing function, no Chromium, no export route). */
  skipped: Record<string, string>;
  /** The in-process DOCX, redline and import rounds (Chromium's are outside it). */
  phase: PhaseUsage;
}

/** X1's three placements of the same room: alone, on the owner, and through a non-owner. */
export type ClusterSetup = 'one-node' | 'owner' | 'forwarded';

export interface ClusterRoomFigures {
  /** Measured edits (after the warm-up), and the receivers each must reach. */
  edits: number;
  receivers: number;
  /** From just before the typist's local edit until a receiver's Y.Doc has it. */
  propagationMs: Distribution;
  /** Accord: from the local edit until whenSaved() called right after it resolves. */
  saveAckMs: Distribution | null;
  missingDeliveries: number;
  converged: boolean;
  /** CPU over the measured edits; `server` sums every node running. */
  phase: PhaseUsage;
}

export interface FailoverFigures {
  signal: 'SIGKILL' | 'SIGTERM';
  documents: number;
  clients: number;
  /** Per client: from just before the signal until its document went offline (the old owner gone). */
  offlineMs: Distribution;
  /** Per client: from just before the signal until an edit it made once offline is saved (by the next owner). */
  recoveryMs: Distribution;
  /** Clients with no such edit saved within recoveryTimeoutMs (or never offline). */
  unrecovered: number;
  /** Where the proxy sent the clients' connections after the signal (node number → connections). */
  reconnectedTo: Record<string, number>;
  /** Every document's clients hold the same text at the end. */
  converged: boolean;
}

export interface ClusterResult {
  kind: 'x1';
  rooms: Partial<Record<ClusterSetup, ClusterRoomFigures>>;
  failover: { kill: FailoverFigures | null; term: FailoverFigures | null };
  /** Why a part did not run or failed (e.g. a non-owner that never synced: no forwarding). */
  skipped: Record<string, string>;
  /** The one-node room's (main.ts warns from it); each room has its own. */
  phase: PhaseUsage;
}

export interface JoinResult {
  kind: 'w5';
  clients: number;
  /** The writer's Y.encodeStateAsUpdate, bytes, and what it holds. */
  stateBytes: number;
  paragraphs: number;
  characters: number;
  writeSeconds: number;
  /**
   * The headline: wire-level clients that do not decode the document, each timed from its connect
   * start until the server's step 2 (the whole state) has arrived. Checked afterwards: the step 2's
   * size and state vector against the writer's, and on `textChecked` of them the text it decodes to.
   */
  wire: CrowdJoin & { sameSize: number; sameStateVector: number; textChecked: number; sameText: number };
  /**
   * The same crowd through the SDK / provider, timed until the replica has applied the state
   * (`synced`); `complete`: replicas whose state vector and encoded size equal the writer's.
   */
  sdk: CrowdJoin & { complete: number };
  /** The wire join's, for the CPU rows. */
  phase: PhaseUsage;
}

/** One crowd joining at once (load/join-crowd.ts). */
export interface CrowdJoin {
  untilMs: Distribution;
  /** Clients whose join failed; `failures` holds the first messages. */
  failed: number;
  failures: string[];
  /** From the first start until the last client was done. */
  joinSeconds: number;
  serverRssBeforeBytes: number;
  /** Sampled every 50 ms during the join. */
  serverPeakRssBytes: number;
  /** Over the join. */
  phase: PhaseUsage;
}

export interface PresenceResult {
  kind: 'w6';
  clients: number;
  movers: number;
  steadySeconds: number;
  /** Cursor moves made during the steady phase. */
  moves: number;
  /** (move, other client) pairs whose awareness showed the move. */
  deliveries: number;
  missing: number;
  /** From the application's setLocalStateField until another client's awareness shows it. */
  latencyMs: Distribution;
  /** Seconds to connect every client and for each to see all the others (at most 30 s of waiting for that). */
  connectSeconds: number;
  /** Whether every client saw all the others before the first move. */
  settled: boolean;
  phase: PhaseUsage;
}

export type WorkloadResult = TypingRoomResult | LongHistoryResult | ManyRoomsResult | CommentsResult | RulesResult | AmendmentsResult | HistoryResult | DocumentsResult | ClusterResult | JoinResult | PresenceResult | EditorTypingResult;

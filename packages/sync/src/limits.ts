/** Every limit the engine enforces. Defaults suit a negotiating room; the server makes each configurable. */
export interface SyncLimits {
  /** An incremental update (a keystroke, a paste). */
  maxUpdateBytes: number;
  /** A sync step 2: the first sync or a reconnect may carry a whole offline session of edits. */
  maxSyncBytes: number;
  /** One awareness message (cursor, selection, presence). */
  maxAwarenessBytes: number;
  /** Awareness client ids one connection may speak for in one document (a few tabs' worth). */
  maxAwarenessClientsPerSeat: number;
  /** Per connection: messages of any kind. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Per connection: bytes of any kind. */
  bytesPerSecond: number;
  byteBurst: number;
  /** Per connection: awareness messages, which cursors produce in bulk. */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /**
   * Per connection: bytes the server sends in answer to the connection's own sync step 1s (its step 2
   * and step 1). An answer is sent while the bucket is not in debt; otherwise it waits, coalesced with
   * later step 1s for the same document, until the debt is paid back. Never dropped.
   */
  answerBytesPerSecond: number;
  answerByteBurst: number;
  /**
   * Per member (all their connections): milliseconds of the update policy's time. A policy that must
   * compare whole texts (the rules of the room, ~8-13 ms on 500 paragraphs) would otherwise let one
   * member's refused updates, at the message rate, hold everyone else's keystrokes for seconds.
   * Beyond it, updates are refused RATE_LIMITED before the policy is asked.
   */
  policyMsPerSecond: number;
  policyMsBurst: number;
  maxDocumentsPerConnection: number;
  maxRootTypes: number;
  maxRootNameLength: number;
  maxValueDepth: number;
  maxClock: number;
  /** Deleted or garbage-collected content an update may create: a floor, and clocks per byte of the update. */
  deletedClocksFloor: number;
  deletedClocksPerByte: number;
  /**
   * While storage answers, an update reaches the other seats once it is stored, or after this long
   * at most (a commit that is slow, or an outage not yet noticed).
   */
  holdUnstoredMs: number;
  /** Checkpoint a document after this many updates or bytes since its last checkpoint. */
  checkpointEveryUpdates: number;
  checkpointEveryBytes: number;
  /** Unload a document this long after its last connection leaves. */
  idleUnloadMs: number;
  /** Most update rows written in one transaction. */
  maxBatchRows: number;
  /**
   * Commits start at most this often. An update arriving when none ran for this long commits at
   * once; under load, what arrives meanwhile shares the next commit, and its fan-out shares one frame
   * per recipient (fewer commits and socket writes per update, at most this much more latency).
   */
  commitEveryMs: number;
  /**
   * Presence changes in a room are sent together at most this often: one frame to every seat per
   * window instead of one per change per seat. The first change after a quiet window goes at once.
   */
  awarenessEveryMs: number;
  /** A commit not answered within this is treated as failed and retried. */
  commitTimeoutMs: number;
  /** Retry backoff while the database is unreachable. */
  retryMinMs: number;
  retryMaxMs: number;
}

export const defaultSyncLimits: SyncLimits = {
  maxUpdateBytes: 1024 * 1024,
  maxSyncBytes: 16 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  maxAwarenessClientsPerSeat: 4,
  messagesPerSecond: 300,
  messageBurst: 3000,
  bytesPerSecond: 4 * 1024 * 1024,
  byteBurst: 40 * 1024 * 1024,
  awarenessPerSecond: 30,
  awarenessBurst: 120,
  answerBytesPerSecond: 1024 * 1024,
  answerByteBurst: 512 * 1024,
  policyMsPerSecond: 200,
  policyMsBurst: 500,
  maxDocumentsPerConnection: 100,
  maxRootTypes: 16,
  maxRootNameLength: 64,
  maxValueDepth: 32,
  maxClock: 2 ** 40,
  deletedClocksFloor: 256 * 1024,
  deletedClocksPerByte: 256,
  holdUnstoredMs: 1000,
  checkpointEveryUpdates: 1000,
  checkpointEveryBytes: 1024 * 1024,
  idleUnloadMs: 30_000,
  maxBatchRows: 2000,
  commitEveryMs: 10,
  awarenessEveryMs: 40,
  commitTimeoutMs: 10_000,
  retryMinMs: 100,
  retryMaxMs: 5000,
};

import { type Database, type MemberRole, documentCheckpoints, documentClients, documentLeases, documentUpdates } from '@accord/db';
import {
  type AppendBatch,
  type Checkpoint,
  type ClientClaim,
  type DocumentStore,
  type Lease,
  LeaseLostError,
  type LoadedDocument,
  SequenceConflictError,
  type StoredUpdate,
} from '@accord/sync';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DrizzleQueryError, and, asc, desc, eq, getTableColumns, gt, lte, sql } from 'drizzle-orm';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

/** How many of the newest checkpoints a document keeps whatever their spacing. */
export const CHECKPOINTS_KEPT = 3;

/**
 * Older checkpoints are kept one per this many updates (the first of each stretch), so that the text
 * at any point of the history is one checkpoint plus fewer than twice this many updates: the engine
 * checkpoints at least every 1,000 updates. The rest are pruned when a new one is written.
 */
export const HISTORY_CHECKPOINT_SPACING = 1000;

/**
 * How the log stamps the content a document starts with: written by the server, on behalf of the
 * member who created the document, through no client connection.
 */
export const INITIAL_CONTENT_SESSION_ID = 'server';
export const INITIAL_CONTENT_CONNECTION_ID = 'server:initial-content';

/**
 * The engine's storage seam over PostgreSQL or PGlite: an append-only update log, the newest few
 * checkpoints per document, and which session owns each Yjs client id of a document.
 */
@Injectable()
export class DocumentLogRepository implements DocumentStore {
  private readonly nodeId: string;

  constructor(@Inject(DATABASE) private readonly db: Database, @Optional() @Inject(CONFIG) config?: AppConfig) {
    // Tests that use the repository alone hold no leases, so fence nothing; the name is never matched.
    this.nodeId = config?.cluster.nodeId ?? 'unnamed';
  }

  load(documentId: string): Promise<LoadedDocument> {
    // One snapshot for the three reads, so the tail always starts right after the checkpoint it
    // follows. The tail names that checkpoint by a subquery rather than waiting for the first read:
    // the reads go out together (postgres.js pipelines them on the transaction's connection), so a
    // reopen after a restart waits one round trip for them, not three.
    return this.db.transaction(
      async (tx) => {
        const newest = tx
          .select({ seq: sql`coalesce(max(${documentCheckpoints.seq}), 0)` })
          .from(documentCheckpoints)
          .where(eq(documentCheckpoints.documentId, documentId));
        const [[checkpoint], updates, claims] = await Promise.all([
          tx.select().from(documentCheckpoints).where(eq(documentCheckpoints.documentId, documentId)).orderBy(desc(documentCheckpoints.seq)).limit(1),
          tx
            .select({ seq: documentUpdates.seq, update: documentUpdates.update })
            .from(documentUpdates)
            .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, sql`(${newest})`)))
            .orderBy(asc(documentUpdates.seq)),
          tx
            .select({ clientId: documentClients.clientId, userId: documentClients.userId, sessionId: documentClients.sessionId })
            .from(documentClients)
            .where(eq(documentClients.documentId, documentId)),
        ]);
        return { checkpoint: checkpoint ?? null, updates, claims };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  async append({ updates, checkpoints, claims = [], fences = [] }: AppendBatch): Promise<void> {
    if (updates.length === 0 && checkpoints.length === 0 && claims.length === 0) return;
    if (checkpoints.length === 0 && claims.length === 0) {
      // The common case is one statement, atomic on its own: no BEGIN and COMMIT round trips. A row
      // already present (a retried batch) makes it fail whole, and the careful path below decides.
      // The fence is part of that statement (insertUpdates).
      try {
        await insertUpdates(this.db, updates, { skipExisting: false, fences, nodeId: this.nodeId });
        return;
      } catch (error) {
        const cause = withoutParameters(error);
        if (!isUniqueViolation(cause)) throw cause;
      }
    }
    try {
      await this.db.transaction(async (tx) => {
        // First, so the lock is held before anything is written (and a taking waits for the commit).
        if (fences.length > 0) await checkFences(tx, fences, this.nodeId);
        if (updates.length > 0) await insertUpdates(tx, updates, { skipExisting: true, fences: [], nodeId: this.nodeId });
        if (claims.length > 0) await insertClaims(tx, claims);
        if (checkpoints.length > 0) await insertCheckpoints(tx, checkpoints);
      });
    } catch (error) {
      throw withoutParameters(error);
    }
  }

  /**
   * Writes a new document's first update, seq 1: the content it starts with. Runs inside the
   * transaction that creates the document, so a document is never seen without its content. A log
   * that already has a first update refuses it (primary key): content is never written twice.
   */
  async writeInitialContent(entry: { documentId: string; update: Uint8Array; userId: string; role: MemberRole; createdAt?: Date }, tx: Database): Promise<void> {
    const { role, ...row } = entry;
    try {
      await tx.insert(documentUpdates).values({
        ...row,
        authorRole: role,
        seq: 1,
        sessionId: INITIAL_CONTENT_SESSION_ID,
        connectionId: INITIAL_CONTENT_CONNECTION_ID,
      });
    } catch (error) {
      throw withoutParameters(error);
    }
  }

  /**
   * Appends rows inside the caller's transaction, as one statement: for the demo seed, which writes a
   * document's history with everything else it creates. The engine's writes go through `append`.
   */
  async appendIn(tx: Database, updates: StoredUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    try {
      await insertUpdates(tx, updates, { skipExisting: false, fences: [], nodeId: this.nodeId });
    } catch (error) {
      throw withoutParameters(error);
    }
  }

  /** The full log after `afterSeq`, in order: for replaying a document and for tests. */
  readLog(documentId: string, afterSeq = 0): Promise<StoredUpdate[]> {
    const { authorRole, ...columns } = getTableColumns(documentUpdates);
    return this.db
      .select({ ...columns, role: authorRole })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, afterSeq)))
      .orderBy(asc(documentUpdates.seq));
  }

  /** The newest checkpoint at or before `seq`, or null: where reading the text at `seq` starts. */
  async checkpointAtOrBefore(documentId: string, seq: number): Promise<Checkpoint | null> {
    const [checkpoint] = await this.db
      .select()
      .from(documentCheckpoints)
      .where(and(eq(documentCheckpoints.documentId, documentId), lte(documentCheckpoints.seq, seq)))
      .orderBy(desc(documentCheckpoints.seq))
      .limit(1);
    return checkpoint ?? null;
  }

  /** The updates after `afterSeq` up to and including `toSeq`, in order: only their bytes. */
  readRange(documentId: string, afterSeq: number, toSeq: number): Promise<Array<Pick<StoredUpdate, 'seq' | 'update'>>> {
    return this.db
      .select({ seq: documentUpdates.seq, update: documentUpdates.update })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, afterSeq), lte(documentUpdates.seq, toSeq)))
      .orderBy(asc(documentUpdates.seq));
  }

  /** The last log position of a document (0 when its log is empty). */
  async lastSeq(documentId: string): Promise<number> {
    const [row] = await this.db
      .select({ seq: sql<number>`coalesce(max(${documentUpdates.seq}), 0)`.mapWith(Number) })
      .from(documentUpdates)
      .where(eq(documentUpdates.documentId, documentId));
    return row?.seq ?? 0;
  }

  countUpdates(documentId: string): Promise<number> {
    return this.db.$count(documentUpdates, eq(documentUpdates.documentId, documentId));
  }
}

/**
 * One statement whatever the batch size: each column travels as one array parameter. Bytes go as
 * hex text because postgres-js types an array of Buffers as a single bytea; timestamps go as ISO
 * text because drizzle turns off postgres-js's timestamp serializers. A row already present is
 * skipped here and checked afterwards, so a retried batch stores nothing twice.
 */
async function insertUpdates(
  tx: Database,
  updates: StoredUpdate[],
  { skipExisting, fences, nodeId }: { skipExisting: boolean; fences: Lease[]; nodeId: string },
): Promise<void> {
  const column = <T>(pick: (u: StoredUpdate) => T) => sql.param(updates.map(pick));
  // The fence and the insert are one statement: the lease rows are locked (FOR SHARE, re-checked on
  // their newest version) before any row is written, and nothing is written unless every lease
  // still holds. A taking's UPDATE waits for this statement's commit, and the taker reads the log after it.
  const fenced = fences.length > 0;
  const result = await tx.execute(sql`
    with ${fenced ? sql`fence as (${heldLeases(fences, nodeId)}),` : sql``}
    inserted as (
      insert into ${documentUpdates} (document_id, seq, "update", user_id, session_id, connection_id, source, touched, author_role, created_at)
      select document_id, seq, decode(update_hex, 'hex'), user_id, session_id, connection_id, source, string_to_array(touched, ','), author_role, created_at::timestamptz
      from unnest(
        ${column((u) => u.documentId)}::uuid[],
        ${column((u) => u.seq)}::bigint[],
        ${column((u) => Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength).toString('hex'))}::text[],
        ${column((u) => u.userId)}::uuid[],
        ${column((u) => u.sessionId)}::text[],
        ${column((u) => u.connectionId)}::text[],
        ${column((u) => u.source ?? null)}::text[],
        ${column((u) => touchedText(u.touched))}::text[],
        ${column((u) => u.role ?? null)}::text[]::member_role[],
        ${column((u) => u.createdAt.toISOString())}::text[]
      ) as batch (document_id, seq, update_hex, user_id, session_id, connection_id, source, touched, author_role, created_at)
      ${fenced ? sql`where (select count(*) from fence) = ${fences.length}` : sql``}
      ${skipExisting ? sql`on conflict do nothing` : sql``}
      returning 1
    )
    select (select count(*)::int from inserted) as inserted
      ${fenced ? sql`, (select coalesce(array_agg(document_id::text || '/' || epoch::text), '{}') from fence) as held` : sql``}`);
  const [row] = rowsOf<{ inserted: number; held?: string[] }>(result);
  if (fenced) requireHeld(fences, row?.held ?? []);
  if (row!.inserted < updates.length) await requireSkippedIdentical(tx, updates);
}

/** The batch's leases that are still this server's, at their epoch, locked until the commit. */
function heldLeases(fences: Lease[], nodeId: string) {
  return sql`
    select document_id, epoch from ${documentLeases}
    where node_id = ${nodeId}
      and (document_id, epoch) in (
        select * from unnest(${sql.param(fences.map((f) => f.documentId))}::uuid[], ${sql.param(fences.map((f) => f.epoch))}::bigint[]))
    for share`;
}

async function checkFences(tx: Database, fences: Lease[], nodeId: string): Promise<void> {
  const rows = rowsOf<{ document_id: string; epoch: string | number }>(await tx.execute(heldLeases(fences, nodeId)));
  requireHeld(fences, rows.map((r) => `${r.document_id}/${Number(r.epoch)}`));
}

/** Refuses the batch, naming a lease that is no longer this server's: the engine closes that document. */
function requireHeld(fences: Lease[], held: string[] | string): void {
  // PGlite hands a text[] back as an array; some drivers as its literal ("{a,b}").
  const keys = new Set(typeof held === 'string' ? held.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : held);
  const lost = fences.find((f) => !keys.has(`${f.documentId}/${f.epoch}`));
  if (lost) throw new LeaseLostError(lost.documentId, lost.epoch);
}

/**
 * An array per row cannot travel through unnest (it flattens arrays of arrays), so each row's ids go
 * as one comma-joined string: the ids the model gives are letters, digits, "_" and "-" only.
 */
function touchedText(touched: readonly string[] | null | undefined): string | null {
  if (touched === null || touched === undefined) return null;
  return touched.filter((id) => /^[0-9A-Za-z_-]{1,64}$/.test(id)).join(',');
}

/** The slow path, taken only when some row was already there: it must hold the same bytes. */
async function requireSkippedIdentical(tx: Database, updates: StoredUpdate[]): Promise<void> {
  const stored = await tx
    .select({ documentId: documentUpdates.documentId, seq: documentUpdates.seq, update: documentUpdates.update })
    .from(documentUpdates)
    .where(
      sql`(${documentUpdates.documentId}, ${documentUpdates.seq}) in (
        select * from unnest(${sql.param(updates.map((u) => u.documentId))}::uuid[], ${sql.param(updates.map((u) => u.seq))}::bigint[]))`,
    );
  const byKey = new Map(stored.map((row) => [`${row.documentId}/${row.seq}`, row.update]));
  const conflicting = updates
    .filter((u) => !sameBytes(byKey.get(`${u.documentId}/${u.seq}`), u.update))
    .toSorted((a, b) => a.seq - b.seq)[0];
  if (conflicting) throw new SequenceConflictError(conflicting.documentId, conflicting.seq);
}

/**
 * A claim is taken once: a retried batch finds its own claim already there, and the first claim of
 * a client id stands (the engine refuses a second session's content before it gets here).
 */
async function insertClaims(tx: Database, claims: ClientClaim[]): Promise<void> {
  await tx
    .insert(documentClients)
    .values(claims.map(({ documentId, clientId, userId, sessionId, createdAt }) => ({ documentId, clientId, userId, sessionId, createdAt })))
    .onConflictDoNothing();
}

async function insertCheckpoints(tx: Database, checkpoints: Checkpoint[]): Promise<void> {
  // A retried batch's checkpoint is already there: the first copy stands.
  await tx
    .insert(documentCheckpoints)
    .values(checkpoints.map(({ documentId, seq, state, stateVector, createdAt }) => ({ documentId, seq, state, stateVector, createdAt })))
    .onConflictDoNothing();
  const documentIds = [...new Set(checkpoints.map((c) => c.documentId))];
  await tx.execute(sql`
    delete from ${documentCheckpoints} as old
    where old.document_id = any(${sql.param(documentIds)}::uuid[])
      and old.seq < (
        select kept.seq from ${documentCheckpoints} as kept
        where kept.document_id = old.document_id
        order by kept.seq desc offset ${CHECKPOINTS_KEPT - 1} limit 1
      )
      and exists (
        select 1 from ${documentCheckpoints} as earlier
        where earlier.document_id = old.document_id
          and earlier.seq < old.seq
          and earlier.seq / ${HISTORY_CHECKPOINT_SPACING} = old.seq / ${HISTORY_CHECKPOINT_SPACING}
      )`);
}

/**
 * A failed append's parameters are the whole batch, the document's text included, and would follow
 * the error into a log: drizzle prints them in its message, PGlite attaches them to its error. What
 * failed is told by the driver's error (SQLSTATE code, constraint); postgres-js already hides them.
 */
function withoutParameters(error: unknown): unknown {
  const cause = error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error && Object.hasOwn(cause, 'params')) Object.defineProperty(cause, 'params', { enumerable: false });
  return cause;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** drizzle's execute() resolves to the rows on postgres-js and to `{ rows }` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

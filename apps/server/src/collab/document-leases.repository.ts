/**
 * The engine's Ownership over PostgreSQL or PGlite (packages/sync ownership.ts; docs/architecture.md,
 * "Running several servers"). One row per document ever opened: who holds it, under which epoch, until
 * when by the database's clock. The commit-time check is in DocumentLogRepository (`fences`).
 */
import { type Database, documentLeases } from '@accord/db';
import type { Lease, Ownership, Taking } from '@accord/sync';
import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { RedisConnections } from '../cluster/redis-connections.js';
import { CONFIG, DATABASE } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

@Injectable()
export class DocumentLeases implements Ownership {
  readonly renewEveryMs: number;
  readonly ttlMs: number;
  private readonly nodeId: string;
  /**
   * A server without Redis runs alone: whatever lease it finds was left by an earlier process of its
   * own (killed before it could release), so it takes the document at once instead of waiting for
   * expiry. The epoch still rises, so that process, were it somehow alive, could not commit.
   */
  readonly alone: boolean;

  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(CONFIG) config: AppConfig, redis: RedisConnections) {
    this.nodeId = config.cluster.nodeId;
    this.ttlMs = config.cluster.leaseTtlMs;
    this.renewEveryMs = Math.max(250, Math.floor(this.ttlMs / 3));
    this.alone = !redis.enabled;
  }

  get node(): string {
    return this.nodeId;
  }

  async take(documentId: string): Promise<Taking> {
    const ttl = this.ttlMs / 1000;
    const taken = rowsOf<{ epoch: string | number }>(
      await this.db.execute(sql`
        insert into ${documentLeases} as l (document_id, node_id, epoch, expires_at)
        select ${documentId}::uuid, ${this.nodeId}, 1, now() + make_interval(secs => ${ttl})
        where exists (select 1 from documents where id = ${documentId}::uuid)
        on conflict (document_id) do update
          set node_id = excluded.node_id, epoch = l.epoch + 1, expires_at = excluded.expires_at
          where l.expires_at <= now() or l.node_id is null or l.node_id = excluded.node_id or ${this.alone}
        returning l.epoch`),
    );
    if (taken[0]) return { owner: true, epoch: Number(taken[0].epoch) };
    const [held] = await this.db.select({ nodeId: documentLeases.nodeId }).from(documentLeases).where(eq(documentLeases.documentId, documentId));
    // No row and no document: nothing to own. Epoch 0 is never stored, so any commit is refused.
    if (!held) return { owner: true, epoch: 0 };
    return { owner: false, holder: held.nodeId };
  }

  async renew(leases: Lease[]): Promise<Lease[]> {
    if (leases.length === 0) return [];
    const ttl = this.ttlMs / 1000;
    const renewed = rowsOf<{ document_id: string; epoch: string | number }>(
      await this.db.execute(sql`
        update ${documentLeases} set expires_at = now() + make_interval(secs => ${ttl})
        where node_id = ${this.nodeId} and (document_id, epoch) in (${pairs(leases)})
        returning document_id, epoch`),
    );
    const kept = new Set(renewed.map((r) => `${r.document_id}/${Number(r.epoch)}`));
    return leases.filter((l) => !kept.has(`${l.documentId}/${l.epoch}`));
  }

  async release(leases: Lease[]): Promise<void> {
    if (leases.length === 0) return;
    // The row stays, and with it the epoch: the next taking counts on from it.
    await this.db.execute(sql`
      update ${documentLeases} set node_id = null, expires_at = now()
      where node_id = ${this.nodeId} and (document_id, epoch) in (${pairs(leases)})`);
  }
}

function pairs(leases: Lease[]) {
  return sql`select * from unnest(${sql.param(leases.map((l) => l.documentId))}::uuid[], ${sql.param(leases.map((l) => l.epoch))}::bigint[])`;
}

/** drizzle's execute() resolves to the rows on postgres-js and to `{ rows }` on PGlite. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

import { type Database, users } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

const SEED_LOCK_KEY = 0x41636364656d6fn; // "Accdemo"

@Injectable()
export class SeedRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Inside a transaction: waits for any other server seeding at the same moment, then reports whether
   * the database is still empty.
   */
  async lockAndCheckEmpty(tx: Database): Promise<boolean> {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY.toString()}::bigint)`);
    return this.isEmpty(tx);
  }

  /** Whether the database holds no accounts at all; a database with data in it is never seeded. */
  async isEmpty(db: Database = this.db): Promise<boolean> {
    const rows = await db.select({ id: users.id }).from(users).limit(1);
    return rows.length === 0;
  }

  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}

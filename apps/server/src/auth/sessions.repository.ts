import { type Database, type Session, type User, sessions, users } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, lte, ne, or } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export type NewSession = typeof sessions.$inferInsert;

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(session: NewSession): Promise<void> {
    await this.db.insert(sessions).values(session);
  }

  async findWithUser(id: string): Promise<{ session: Session; user: User } | undefined> {
    const [row] = await this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id));
    return row;
  }

  /** The deadlines of the sessions that still exist among `ids` (a missing one was ended). */
  async findDeadlines(ids: readonly string[]): Promise<Array<Pick<Session, 'id' | 'lastActiveAt' | 'expiresAt'>>> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: sessions.id, lastActiveAt: sessions.lastActiveAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(inArray(sessions.id, [...ids]));
  }

  async touch(id: string, lastActiveAt: Date): Promise<void> {
    await this.db.update(sessions).set({ lastActiveAt }).where(eq(sessions.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  /** Removes every session of a user but one (or all), returning their ids. */
  async deleteAllOf(userId: string, exceptId: string | null, db: Database = this.db): Promise<string[]> {
    const condition = exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId);
    const removed = await db.delete(sessions).where(condition).returning({ id: sessions.id });
    return removed.map((r) => r.id);
  }

  /** Removes sessions past their absolute end or idle too long. */
  async deleteExpired(now: Date, idleSince: Date): Promise<string[]> {
    const removed = await this.db
      .delete(sessions)
      .where(or(lte(sessions.expiresAt, now), lte(sessions.lastActiveAt, idleSince)))
      .returning({ id: sessions.id });
    return removed.map((row) => row.id);
  }
}

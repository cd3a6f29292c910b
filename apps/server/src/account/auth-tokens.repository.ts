import { type AuthTokenPurpose, type AuthTokenRow, authTokens, type Database, type User, users } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, lte } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export type NewAuthToken = typeof authTokens.$inferInsert;

/** The single-use links mailed to addresses (verification, password reset). */
@Injectable()
export class AuthTokensRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(token: NewAuthToken, db: Database = this.db): Promise<void> {
    await db.insert(authTokens).values(token);
  }

  async findWithUser(id: string, purpose: AuthTokenPurpose): Promise<{ token: AuthTokenRow; user: User } | undefined> {
    const [row] = await this.db
      .select({ token: authTokens, user: users })
      .from(authTokens)
      .innerJoin(users, eq(users.id, authTokens.userId))
      .where(and(eq(authTokens.id, id), eq(authTokens.purpose, purpose)));
    return row;
  }

  /** Spends a token: true for exactly one of several concurrent callers. */
  async consume(id: string, db: Database = this.db): Promise<boolean> {
    const removed = await db.delete(authTokens).where(eq(authTokens.id, id)).returning({ id: authTokens.id });
    return removed.length === 1;
  }

  /** Drops a user's other links once one of them (or a new password) has settled the matter. */
  async deleteAllOf(userId: string, purpose: AuthTokenPurpose | null, db: Database = this.db): Promise<void> {
    await db
      .delete(authTokens)
      .where(purpose ? and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose)) : eq(authTokens.userId, userId));
  }

  async deleteExpired(now: Date): Promise<number> {
    const removed = await this.db.delete(authTokens).where(lte(authTokens.expiresAt, now)).returning({ id: authTokens.id });
    return removed.length;
  }
}

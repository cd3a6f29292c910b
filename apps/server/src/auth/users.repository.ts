import { type Database, type User, users } from '@accord/db';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { DATABASE } from '../common/tokens.js';

export type PublicUser = Pick<User, 'id' | 'email' | 'displayName'>;

export function publicUser(user: User): PublicUser {
  return { id: user.id, email: user.email, displayName: user.displayName };
}

@Injectable()
export class UsersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findByEmail(email: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row;
  }

  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  /** Returns undefined when the address is taken (also when a concurrent insert wins the race). */
  async create(
    values: { email: string; displayName: string; passwordHash: string; emailVerifiedAt?: Date | null },
    db: Database = this.db,
  ): Promise<User | undefined> {
    const [row] = await db
      .insert(users)
      .values({ ...values, email: values.email.toLowerCase() })
      .onConflictDoNothing({ target: users.email })
      .returning();
    return row;
  }

  async setPassword(id: string, passwordHash: string, db: Database = this.db): Promise<void> {
    await db.update(users).set({ passwordHash }).where(eq(users.id, id));
  }

  /** Records the first proof of the address; a later proof keeps the first date. */
  async markVerified(id: string, at: Date, db: Database = this.db): Promise<void> {
    await db.update(users).set({ emailVerifiedAt: at }).where(and(eq(users.id, id), isNull(users.emailVerifiedAt)));
  }
}

import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Database, DatabaseKind } from '@accord/db';
import { sql } from 'drizzle-orm';
import type { Response } from 'express';
import { Public } from '../auth/auth-context.js';
import { DATABASE, DATABASE_KIND } from '../common/tokens.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
  ) {}

  /** 200 when the database answers; 503 otherwise, so a load balancer stops sending traffic. */
  @Public()
  @Get()
  @HttpCode(200)
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      await this.db.execute(sql`select 1`);
      return { status: 'ok', db: this.kind };
    } catch {
      res.status(503);
      return { status: 'unavailable', db: this.kind };
    }
  }
}

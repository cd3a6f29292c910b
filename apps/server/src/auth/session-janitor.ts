import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SessionService } from './session.service.js';

const EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes sessions that can no longer validate. Validation already refuses them; this keeps the
 * table from growing with abandoned sign-ins.
 */
@Injectable()
export class SessionJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionJanitor.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sessions: SessionService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const removed = await this.sessions.purgeExpired();
      if (removed > 0) this.logger.log(`removed ${removed} expired sessions`);
      return removed;
    } catch (error) {
      this.logger.warn(`session sweep failed: ${String(error)}`);
      return 0;
    }
  }
}

import type { Database, DatabaseKind } from '@accord/db';
import type { ContentCheck, UpdatePolicy } from '@accord/sync';
import { rollingTextPolicy } from '@accord/text/rules';
import { checkRollingTextUpdate } from '@accord/text/yjs-content';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccountModule } from './account/account.module.js';
import { AuthModule } from './auth/auth.module.js';
import { DomainEvents } from './common/domain-events.js';
import { ClusterEvents } from './cluster/cluster-events.js';
import { RedisConnections } from './cluster/redis-connections.js';
import { CollabModule } from './collab/collab.module.js';
import { AmendmentsModule } from './amendments/amendments.module.js';
import { HistoryModule } from './history/history.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { AppErrorFilter } from './common/app-error.filter.js';
import type { Clock } from './common/clock.js';
import { CLOCK, CONFIG, CONTENT_CHECK, DATABASE, DATABASE_KIND, LOGGER, UPDATE_POLICY } from './common/tokens.js';
import type { AppConfig } from './config/config.js';
import { DialoguesModule } from './dialogues/dialogues.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { HealthModule } from './health/health.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MembersModule } from './members/members.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SessionModeModule } from './session-mode/session-mode.module.js';

export interface AppDependencies {
  config: AppConfig;
  db: Database;
  dbKind: DatabaseKind;
  clock: Clock;
  logger: Logger;
  /**
   * The check of every incoming Yjs update; the rolling-text schema when absent. Replaced only by a
   * caller of startServer (the benchmark measures the engine without it), never by configuration.
   */
  contentCheck?: ContentCheck;
  /**
   * Who may change what in a text: the rules of the room (rollingTextPolicy) when absent. Replaced,
   * like the content check, only by a caller of startServer (the benchmark measures their cost).
   */
  policy?: UpdatePolicy;
}

/** Values built before Nest starts, available everywhere. */
@Global()
@Module({})
class CoreModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: DATABASE, useValue: deps.db },
        { provide: DATABASE_KIND, useValue: deps.dbKind },
        { provide: CLOCK, useValue: deps.clock },
        { provide: LOGGER, useValue: deps.logger },
        { provide: CONTENT_CHECK, useValue: deps.contentCheck ?? checkRollingTextUpdate },
        { provide: UPDATE_POLICY, useValue: deps.policy ?? rollingTextPolicy },
        DomainEvents,
        RedisConnections,
        ClusterEvents,
      ],
      exports: [CONFIG, DATABASE, DATABASE_KIND, CLOCK, LOGGER, CONTENT_CHECK, UPDATE_POLICY, DomainEvents, RedisConnections],
    };
  }
}

@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(deps),
        AuthModule,
        AccountModule,
        DialoguesModule,
        MembersModule,
        InvitationsModule,
        DocumentsModule,
        CollabModule,
        CommentsModule,
        AmendmentsModule,
        HistoryModule,
        ExportsModule,
        ImportsModule,
        SessionModeModule,
        HealthModule,
        SeedModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AppErrorFilter }],
    };
  }
}

/**
 * Live session mode: each change goes to every socket with the document open, the same to all (in
 * the room, people see who is present, so everyone sees who has the floor). A client keeps the
 * highest version of what it was answered and what it was sent, so events need no ordering here.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DocumentViewers } from '../collab/document-viewers.js';
import { DomainEvents, type DomainEventMap } from '../common/domain-events.js';
import { LOGGER } from '../common/tokens.js';
import { SessionModeService } from './session-mode.service.js';

@Injectable()
export class SessionModeBroadcaster implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: DomainEvents,
    private readonly viewers: DocumentViewers,
    private readonly service: SessionModeService,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(
      this.events.on('session_mode.changed', (event) => this.deliver(event)),
      // While a member's role or affiliation was re-read, events to them were held back: tell them the room again.
      this.viewers.onViewerChanged((documentId, _viewer, socket) => {
        this.service.current(documentId).then(
          (sessionMode) => this.viewers.send(socket, { name: 'session_mode.changed', data: { documentId, sessionMode } }),
          (error: unknown) => this.logger.warn({ err: error, documentId }, 'session mode could not be sent again after a membership change'),
        );
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
  }

  private deliver({ documentId, sessionMode }: DomainEventMap['session_mode.changed']): void {
    try {
      this.viewers.publish(documentId, () => ({ name: 'session_mode.changed', data: { documentId, sessionMode } }));
    } catch (error) {
      // Stored already; a client that missed it reads it on its next GET (on open and on reconnect).
      // Only the document is named: the floor and the paragraph never reach a log.
      this.logger.warn({ err: error, documentId }, 'a session mode change could not be delivered live');
    }
  }
}

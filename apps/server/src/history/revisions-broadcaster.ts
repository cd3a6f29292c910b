/**
 * Live revisions: when the chair or the secretariat names one, each socket with its document open
 * gets it as that viewer may see it (attribution by the dialogue's rule, `you` for its author).
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DocumentViewers } from '../collab/document-viewers.js';
import { DomainEvents, type DomainEventMap } from '../common/domain-events.js';
import { LOGGER } from '../common/tokens.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { HistoryContexts } from './history-context.js';
import { HistoryRepository } from './history.repository.js';
import { revisionView } from './revisions.service.js';

@Injectable()
export class RevisionsBroadcaster implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: DomainEvents,
    private readonly viewers: DocumentViewers,
    private readonly repository: HistoryRepository,
    private readonly dialogues: DialoguesRepository,
    private readonly contexts: HistoryContexts,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(
      this.events.on('revisions.created', (event) => {
        this.deliver(event).catch((error: unknown) => {
          // The revision is stored; a viewer who missed it sees it on the next list.
          this.logger.warn({ err: error, revisionId: event.revisionId }, 'a new revision could not be delivered live');
        });
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
  }

  private async deliver({ dialogueId, documentId, revisionId }: DomainEventMap['revisions.created']): Promise<void> {
    if (this.viewers.count(documentId) === 0) return;
    const [revision, dialogue] = await Promise.all([this.repository.findRevision(documentId, revisionId), this.dialogues.findById(dialogueId)]);
    if (!revision || !dialogue) return;
    // Who named it is shown the same way to everyone but its author, who is told it was them.
    const people = await this.contexts.people({ dialogueId, documentId, viewer: { userId: '', role: 'observer' }, mode: dialogue.attributionMode }, [revision.createdBy]);
    const shown = people(revision.createdBy, revision.createdRole);
    this.viewers.publish(documentId, (viewer) => ({
      name: 'revisions.created',
      data: { documentId, revision: revisionView(revision, { ...shown, you: viewer.userId === revision.createdBy }) },
    }));
  }
}

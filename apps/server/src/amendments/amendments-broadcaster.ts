/**
 * Live amendments: when one changes (proposed, supported, withdrawn, decided, found in conflict),
 * each socket with its document open gets it as that viewer may see it, through the one
 * serializer. Every member sees every amendment; what differs per viewer is attribution and `can`.
 */
import type { AudienceMember } from '../dialogues/audience.js';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DocumentViewers } from '../collab/document-viewers.js';
import { DomainEvents, type DomainEventMap } from '../common/domain-events.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import { LOGGER } from '../common/tokens.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { AmendmentReads, blockNow } from './amendment-reads.js';
import { amendmentView } from './amendment-view.js';
import { AmendmentsRepository } from './amendments.repository.js';

@Injectable()
export class AmendmentsBroadcaster implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly unsubscribe: Array<() => void> = [];
  /** Deliveries of one document run one after another, so viewers get an amendment's changes in order. */
  private readonly deliveries = new KeyedQueue();

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: DomainEvents,
    private readonly viewers: DocumentViewers,
    private readonly repository: AmendmentsRepository,
    private readonly dialogues: DialoguesRepository,
    private readonly reads: AmendmentReads,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(this.events.on('amendments.changed', (event) => this.enqueue(event)));
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
  }

  private enqueue(event: DomainEventMap['amendments.changed']): void {
    this.deliveries.run(event.documentId, () => this.deliver(event)).catch((error: unknown) => {
      // The change is stored; a viewer who missed it sees it on the next list (the panel refetches on reconnect).
      this.logger.warn({ err: error, amendmentId: event.amendmentId }, 'an amendment change could not be delivered live');
    });
  }

  private async deliver({ dialogueId, documentId, amendmentId }: DomainEventMap['amendments.changed']): Promise<void> {
    if (this.viewers.count(documentId) === 0) return;
    const [amendment, dialogue, text] = await Promise.all([
      this.repository.find(documentId, amendmentId),
      this.dialogues.findById(dialogueId),
      this.reads.text(documentId),
    ]);
    if (!amendment || !dialogue) return;
    const now = blockNow(text, amendment.paragraphId);
    this.viewers.publish(documentId, (viewer: AudienceMember) => ({
      name: 'amendments.changed',
      data: { documentId, amendment: amendmentView(amendment, viewer, dialogue.attributionMode, now) },
    }));
  }
}

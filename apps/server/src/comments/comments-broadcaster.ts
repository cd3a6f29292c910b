/**
 * Live comments: when a thread changes, each socket that has its document open gets it as that
 * viewer may see it (the audience rule and the attribution rule, through the one serializer), or
 * nothing at all. A viewer whose role or affiliation changed is told to fetch the list again.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DocumentViewers } from '../collab/document-viewers.js';
import { DomainEvents, type DomainEventMap } from '../common/domain-events.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import { LOGGER } from '../common/tokens.js';
import { DialoguesRepository } from '../dialogues/dialogues.repository.js';
import { CommentsRepository } from './comments.repository.js';
import { CommentsService } from './comments.service.js';

@Injectable()
export class CommentsBroadcaster implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly unsubscribe: Array<() => void> = [];
  /** Deliveries of one document run one after another, so viewers get a thread's changes in order. */
  private readonly deliveries = new KeyedQueue();

  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: DomainEvents,
    private readonly viewers: DocumentViewers,
    private readonly repository: CommentsRepository,
    private readonly dialogues: DialoguesRepository,
    private readonly comments: CommentsService,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(
      this.events.on('comments.changed', (event) => this.enqueue(event)),
      this.viewers.onViewerChanged((documentId, _viewer, socket) => {
        this.viewers.send(socket, { name: 'comments.reload', data: { documentId } });
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
  }

  private enqueue(event: DomainEventMap['comments.changed']): void {
    this.deliveries.run(event.documentId, () => this.deliver(event)).catch((error: unknown) => {
      // The change is stored; a viewer who missed it sees it on the next list (the panel refetches on reconnect).
      this.logger.warn({ err: error, threadId: event.threadId }, 'a comment change could not be delivered live');
    });
  }

  private async deliver({ dialogueId, documentId, threadId, change }: DomainEventMap['comments.changed']): Promise<void> {
    if (this.viewers.count(documentId) === 0) return;
    const [thread, dialogue] = await Promise.all([this.repository.findThread(documentId, threadId), this.dialogues.findById(dialogueId)]);
    if (!thread || !dialogue) return;
    const name = change === 'created' ? ('comments.thread_created' as const) : ('comments.thread_updated' as const);
    // Serialized per viewer: under the Chatham House Rule only the author sees their own name.
    const viewOf = await this.comments.viewsOf(dialogueId, thread, dialogue.attributionMode);
    this.viewers.publish(documentId, (viewer) => {
      const view = viewOf(viewer);
      return view ? { name, data: { documentId, thread: view } } : null;
    });
  }
}

/**
 * Decisions on one document's amendments run one after another, whoever makes them. An acceptance
 * changes the text before it records the decision, so a withdrawal or a rejection racing it must
 * wait for it (and then finds the amendment decided), never slip in between: otherwise both
 * "succeed", and the text holds an amendment its proposer was told they had withdrawn.
 */
import { Injectable } from '@nestjs/common';

@Injectable()
export class DecisionQueue {
  private readonly queues = new Map<string, Promise<unknown>>();

  run<T>(documentId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(documentId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(documentId, settled);
    void settled.finally(() => {
      if (this.queues.get(documentId) === settled) this.queues.delete(documentId);
    });
    return next;
  }
}

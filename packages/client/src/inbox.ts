/**
 * The `y` messages received in one read from the socket, held until the end of the tick and handed
 * to each document together, so that a run of updates costs Yjs one transaction (see
 * `DocumentSync.receiveAll`). Whatever else the server says about a document must be handled after
 * the messages sent before it: the client flushes the inbox before handling anything else.
 */
export interface Recipient {
  receivedAll(messages: Uint8Array[]): void;
}

export class Inbox {
  /** In order of arrival; consecutive messages for one recipient share a batch. */
  private batches: Array<{ recipient: Recipient; messages: Uint8Array[] }> = [];
  private scheduled = false;

  add(recipient: Recipient, message: Uint8Array): void {
    const last = this.batches[this.batches.length - 1];
    if (last?.recipient === recipient) last.messages.push(message);
    else this.batches.push({ recipient, messages: [message] });
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.flush);
    }
  }

  /** Hands over everything held. One recipient failing keeps back neither the others' messages nor the caller. */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.batches.length === 0) return;
    const batches = this.batches;
    this.batches = [];
    for (const { recipient, messages } of batches) {
      try {
        recipient.receivedAll(messages);
      } catch (error) {
        // Reported as a handler's throw was before batching, but never into the caller: flush runs
        // ahead of other events (saved, closed, the open acknowledgement), which must still be handled.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
}

/**
 * Paces what the engine sends in answer to one connection's sync step 1s. Each answer to a step 1
 * is the part of the document the client lacks, so eight bytes in can cost a whole document out: a
 * member flooding step 1s once held the event loop for seconds (issue 9, fault 4).
 *
 * A token bucket of bytes that may go into debt: an answer is sent whenever the bucket is not in
 * debt, whatever its size (the first sync of a large document is never held back), and its bytes
 * are then taken. While in debt, answers wait; they are never dropped. A document has at most one
 * answer waiting, for the latest state vector received: a later step 1 replaces the earlier one.
 */
export class AnswerPacer {
  private tokens: number;
  private last: number;
  /** Per document, the latest state vector waiting for an answer, in the order documents asked. */
  private readonly waiting = new Map<string, Uint8Array>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly burst: number,
    /** Sends the answer for a document and returns how many bytes it sent (0 if nothing). */
    private readonly answer: (documentId: string, stateVector: Uint8Array) => number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** A step 1 arrived: answer now if the bucket allows, else wait (replacing any waiting one). */
  request(documentId: string, stateVector: Uint8Array): void {
    if (this.waiting.size === 0 && this.refill() > 0) {
      this.tokens -= this.answer(documentId, stateVector);
      return;
    }
    this.waiting.set(documentId, stateVector);
    this.schedule();
  }

  /** True while an answer for the document waits. */
  isWaiting(documentId: string): boolean {
    return this.waiting.has(documentId);
  }

  /** The document was closed on this connection: nothing is owed to it any more. */
  cancel(documentId: string): void {
    this.waiting.delete(documentId);
    if (this.waiting.size === 0) this.stop();
  }

  /** The connection is gone. */
  stop(): void {
    this.waiting.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private refill(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
    return this.tokens;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(1, Math.ceil((-this.refill() / this.bytesPerSecond) * 1000));
    this.timer = setTimeout(() => this.drain(), wait);
    this.timer.unref?.();
  }

  private drain(): void {
    this.timer = null;
    while (this.waiting.size > 0 && this.refill() > 0) {
      const [documentId, stateVector] = this.waiting.entries().next().value!;
      this.waiting.delete(documentId);
      this.tokens -= this.answer(documentId, stateVector);
    }
    if (this.waiting.size > 0) this.schedule();
  }
}

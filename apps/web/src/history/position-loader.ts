/**
 * The text at positions of the log, for a slider being dragged: one request in flight at a time, and
 * when it returns the position asked for last is fetched next (those passed over meanwhile never
 * are). What came back is kept, since the text after the n-th update never changes; past `capacity`
 * the position least recently looked at is dropped.
 */
export class PositionLoader<V> {
  private readonly cache = new Map<number, V>();
  private inFlight: number | null = null;
  private wanted: number | null = null;
  private failure: { seq: number; error: unknown } | null = null;
  private closed = false;

  constructor(
    private readonly load: (seq: number) => Promise<V>,
    /** Called whenever something arrived or failed: read `get`, `loading` and `error` again. */
    private readonly onChange: () => void,
    private readonly capacity = 60,
  ) {}

  /** Asks for the text at `seq`: at once if kept, else after the request in flight, if any. */
  request(seq: number): void {
    this.wanted = seq;
    if (this.failure?.seq === seq) this.failure = null;
    if (this.cache.has(seq)) {
      this.touch(seq);
      this.onChange();
      return;
    }
    if (this.inFlight === null) this.start(seq);
  }

  get(seq: number): V | undefined {
    return this.cache.get(seq);
  }

  /** Whether the position asked for last is still on its way. */
  get loading(): boolean {
    return this.wanted !== null && !this.cache.has(this.wanted) && this.failure?.seq !== this.wanted;
  }

  /** Why the position asked for last could not be read, if it could not. */
  get error(): unknown {
    return this.failure !== null && this.failure.seq === this.wanted ? this.failure.error : null;
  }

  /** Whether a request is on its way (for tests: at most one ever is). */
  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** Stops asking (the view is gone): what is in flight lands in memory, nothing more is fetched. */
  close(): void {
    this.closed = true;
  }

  open(): void {
    this.closed = false;
  }

  private start(seq: number): void {
    this.inFlight = seq;
    void (async () => {
      try {
        this.store(seq, await this.load(seq));
      } catch (error) {
        if (seq === this.wanted) this.failure = { seq, error };
      }
      this.finish();
    })();
  }

  private finish(): void {
    this.inFlight = null;
    if (this.closed) return;
    const next = this.wanted;
    if (next !== null && !this.cache.has(next) && this.failure?.seq !== next) this.start(next);
    this.onChange();
  }

  private store(seq: number, value: V): void {
    this.cache.set(seq, value);
    for (const key of this.cache.keys()) {
      if (this.cache.size <= this.capacity) break;
      if (key !== this.wanted) this.cache.delete(key);
    }
  }

  /** A Map iterates in insertion order: taking a key out and back makes it the most recent. */
  private touch(seq: number): void {
    const value = this.cache.get(seq);
    if (value === undefined) return;
    this.cache.delete(seq);
    this.cache.set(seq, value);
  }
}

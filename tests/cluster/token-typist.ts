/**
 * One SDK client typing unique words into a document's rolling text, and recording each word once
 * `whenSaved()` asked after it was typed has resolved: from then on the server has promised it.
 *
 * Words go in at word boundaries only (the start, or just after a space) with a trailing space, so no
 * word is ever split by another: Yjs keeps each insert contiguous and anchored where it was typed.
 */
import type { AccordClient, DocumentHandle } from '@accord/client';
import { draft } from '../../apps/server/test/support/rolling-text.js';
import { sleep } from '../support/built-server.js';

export interface TypedWord {
  word: string;
  typedAt: number;
  /** When a `whenSaved()` asked after it was typed resolved; null until then. */
  savedAt: number | null;
}

export class TokenTypist {
  readonly words: TypedWord[] = [];
  /** Why `whenSaved()` rejected, when it did (the handle failed: it gives up on the document). */
  readonly failures: string[] = [];
  private stopped = true;
  private loop: Promise<void> = Promise.resolve();
  /** Words before this index are saved. */
  private savedUpTo = 0;

  constructor(
    readonly client: AccordClient,
    readonly handle: DocumentHandle,
    readonly documentId: string,
    /** Prefix of every word, unique to this client, e.g. `d07c2`. */
    readonly tag: string,
  ) {}

  get saved(): TypedWord[] {
    return this.words.slice(0, this.savedUpTo);
  }

  start(everyMs: number): void {
    this.stopped = false;
    this.loop = this.type(everyMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Resolves once everything typed so far is saved (and records it so). */
  async whenAllSaved(): Promise<void> {
    const upTo = this.words.length;
    await this.handle.whenSaved();
    this.markSaved(upTo);
  }

  private async type(everyMs: number): Promise<void> {
    while (!this.stopped) {
      this.typeOne();
      // Spread out, so 80 clients do not all send in the same millisecond.
      await sleep(everyMs * (0.75 + Math.random() * 0.5));
    }
  }

  private typeOne(): void {
    // The handle's document may be a new one after a rebuild: always the current one.
    const text = draft(this.handle.doc);
    const current = text.toString();
    const boundaries = [0];
    for (let i = 1; i <= current.length; i++) if (current[i - 1] === ' ') boundaries.push(i);
    const word = `${this.tag}n${this.words.length}`;
    text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, `${word} `);
    this.words.push({ word, typedAt: Date.now(), savedAt: null });
    const upTo = this.words.length;
    this.handle.whenSaved().then(
      () => this.markSaved(upTo),
      (error: unknown) => this.failures.push(String(error)),
    );
  }

  private markSaved(upTo: number): void {
    const at = Date.now();
    for (let i = this.savedUpTo; i < upTo; i++) this.words[i]!.savedAt = at;
    this.savedUpTo = Math.max(this.savedUpTo, upTo);
  }
}

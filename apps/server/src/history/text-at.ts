/**
 * The text at any point of a document's log: the newest checkpoint at or before it, then the updates
 * up to it. Past states never change (the log is append-only), so what was read is kept: a revision
 * compared three times is rebuilt once, and stepping forward through the history (a slider dragged
 * to the right) applies only the updates between two steps to the replica of the last one.
 */
import { TokenBucket } from '@accord/sync';
import { TextModelError } from '@accord/text';
import { fromYDoc, ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { DocumentLogRepository, HISTORY_CHECKPOINT_SPACING } from '../collab/document-log.repository.js';
import { DocumentReader } from '../collab/document-reader.js';
import { AppError } from '../common/app-error.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import { CONFIG } from '../common/tokens.js';
import type { AppConfig } from '../config/config.js';

/** A state of the text: null while the document had no content at all. */
export type TextState = Node | null;

/**
 * Texts kept by document and position: revisions and the positions stepped through, up to about this
 * many bytes in all (a text's size is estimated from its length), so a long document's texts cannot
 * fill the server's memory.
 */
const KEPT_TEXT_BYTES = 128 * 1024 * 1024;
const BYTES_PER_POSITION = 4;
/**
 * Rebuilding a past text costs the server time (a checkpoint and up to 2,000 updates): each member
 * may spend HISTORY_REPLAY_MS_PER_SECOND of it a second, with a burst of this many seconds' worth for
 * opening a comparison or dragging the slider. Texts already kept cost nothing.
 */
const REPLAY_BURST_SECONDS = 10;
/** Replicas kept for stepping forward, one per document. */
const KEPT_CURSORS = 8;

/** How long, and how often, a read waits for a position the live document has and the database not yet. */
const UNSTORED_WAIT_MS = 50;
const UNSTORED_RETRIES = 20;

interface Cursor {
  seq: number;
  doc: Y.Doc;
}

@Injectable()
export class TextAtReader {
  /** A null text (no content yet) is kept boxed: the cache holds objects, not null. */
  private readonly texts = new LRUCache<string, { text: TextState }>({
    maxSize: KEPT_TEXT_BYTES,
    sizeCalculation: ({ text }) => Math.max(1, (text?.nodeSize ?? 0) * BYTES_PER_POSITION),
  });
  private readonly budgets = new LRUCache<string, TokenBucket>({ max: 10_000 });
  /**
   * One replay per document at a time: a read that comes while another is replaying waits for the
   * replica that one leaves behind and steps it forward, rather than applying a checkpoint of its own
   * beside it (a comparison's two sides are read together; a whole checkpoint costs more to apply
   * than hundreds of updates), and many readers of one document wait, not the whole server.
   */
  private readonly replays = new KeyedQueue();
  private readonly cursors = new LRUCache<string, Cursor>({
    max: KEPT_CURSORS,
    // An evicted replica goes; one taken out for a read is still in use.
    dispose: (cursor, _key, reason) => {
      if (reason === 'evict') cursor.doc.destroy();
    },
  });

  constructor(
    private readonly reader: DocumentReader,
    private readonly log: DocumentLogRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** The current log position and text. */
  current(documentId: string): Promise<{ seq: number; text: TextState }> {
    return this.reader.read(documentId, (ydoc, seq) => {
      const key = `${documentId}:${seq}`;
      const kept = this.texts.get(key);
      if (kept) return { seq, text: kept.text };
      const text = readable(ydoc);
      this.texts.set(key, { text });
      return { seq, text };
    });
  }

  /** The current log position only. */
  currentSeq(documentId: string): Promise<number> {
    return this.reader.read(documentId, (_ydoc, seq) => seq);
  }

  /**
   * The text after the first `seq` updates of the log; `seq` must not be past its end (the caller
   * checks). `member`, when given, pays for a rebuild from their time budget: past it, a 429.
   */
  async at(documentId: string, seq: number, member?: string): Promise<TextState> {
    const key = `${documentId}:${seq}`;
    const kept = this.texts.get(key);
    if (kept) return kept.text;
    // The live document answers its own position; for any other, only its position is read (turning
    // the whole live text into a rolling text would be wasted on a past one).
    if ((await this.currentSeq(documentId)) === seq) {
      const now = await this.current(documentId);
      if (now.seq === seq) return now.text;
    }
    const budget = member === undefined ? null : this.budget(member);
    if (budget && !budget.take(0)) {
      throw new AppError('RATE_LIMITED', 'Too many past texts rebuilt in a short time; wait a moment', { retryAfterSeconds: budget.retryAfter(0) });
    }
    return this.replays.run(documentId, async () => {
      // A read queued before this one may have read the same position.
      const read = this.texts.get(key);
      if (read) return read.text;
      const started = performance.now();
      const cursor = await this.replay(documentId, seq);
      const text = readable(cursor.doc);
      budget?.charge(performance.now() - started);
      this.texts.set(key, { text });
      this.keepCursor(documentId, cursor);
      return text;
    });
  }

  private budget(member: string): TokenBucket {
    let budget = this.budgets.get(member);
    if (!budget) {
      const rate = this.config.historyReplayMsPerSecond;
      budget = new TokenBucket(rate, rate * REPLAY_BURST_SECONDS);
      this.budgets.set(member, budget);
    }
    return budget;
  }

  /**
   * A replica at `seq`: the last one stepped to, when it is behind `seq` and nearer than a checkpoint
   * could be; otherwise a checkpoint and its tail. The cursor is taken out while in use, so two reads
   * never apply updates to the same replica.
   */
  private async replay(documentId: string, seq: number): Promise<Cursor> {
    const cursor = this.cursors.get(documentId);
    if (cursor) this.cursors.delete(documentId);
    if (cursor && cursor.seq <= seq && seq - cursor.seq < HISTORY_CHECKPOINT_SPACING) {
      await this.applyRange(cursor, documentId, seq);
      return cursor;
    }
    cursor?.doc.destroy();
    const checkpoint = await this.log.checkpointAtOrBefore(documentId, seq);
    const fresh: Cursor = { seq: checkpoint?.seq ?? 0, doc: new Y.Doc() };
    if (checkpoint) Y.applyUpdate(fresh.doc, checkpoint.state);
    await this.applyRange(fresh, documentId, seq);
    return fresh;
  }

  /** Keeps a replica for the next step; one already kept (a concurrent read's) gives way. */
  private keepCursor(documentId: string, cursor: Cursor): void {
    this.cursors.get(documentId)?.doc.destroy();
    this.cursors.set(documentId, cursor);
  }

  /**
   * Applies the stored updates up to `seq`. The live document can be a few updates ahead of the
   * database (they are committed in groups, within milliseconds): a position not stored yet is
   * waited for briefly, and never read short, since what is read here is kept.
   */
  private async applyRange(cursor: Cursor, documentId: string, seq: number): Promise<void> {
    for (let attempt = 0; cursor.seq < seq; attempt++) {
      if (attempt > 0) {
        if (attempt > UNSTORED_RETRIES) throw new AppError('DATABASE_UNAVAILABLE', `Position ${seq} is not stored yet; try again shortly`);
        await new Promise((resolve) => setTimeout(resolve, UNSTORED_WAIT_MS));
      }
      const rows = await this.log.readRange(documentId, cursor.seq, seq);
      Y.transact(cursor.doc, () => {
        for (const row of rows) Y.applyUpdate(cursor.doc, row.update);
      });
      cursor.seq = rows.at(-1)?.seq ?? cursor.seq;
    }
  }
}

/**
 * A stored state as a rolling text, or null before any content. A state the model cannot read is the
 * document's own (a client stored elements the model does not know): a conflict naming what is wrong.
 */
function readable(ydoc: Y.Doc): TextState {
  if (ydoc.getXmlFragment(ROLLING_TEXT_FIELD).length === 0) return null;
  try {
    return fromYDoc(ydoc);
  } catch (error) {
    if (error instanceof TextModelError) throw new AppError('TEXT_UNREADABLE', `The document cannot be read as a rolling text: ${error.message}`);
    throw error;
  }
}

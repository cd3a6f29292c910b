/**
 * A simulated editor: types at its own cursor and now and then backspaces over what it typed, as a
 * person does. Cursors are Yjs relative positions, so they stay put while others type elsewhere, and
 * each typist only ever deletes its own characters: no two editors delete the same one, and every
 * edit reaches every receiver exactly once.
 */
import * as Y from 'yjs';

const BACKSPACE_SHARE = 0.25;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz     ';

export class Typist {
  private cursor: Y.RelativePosition;
  /** Characters this typist typed just left of its cursor, which it may delete. */
  private typed = 0;

  constructor(
    private readonly text: Y.Text,
    start: number,
    private readonly random: () => number,
  ) {
    this.cursor = Y.createRelativePositionFromTypeIndex(text, start);
  }

  step(): void {
    const doc = this.text.doc!;
    const index = Y.createAbsolutePositionFromRelativePosition(this.cursor, doc)?.index ?? this.text.length;
    let next: number;
    if (this.typed > 0 && this.random() < BACKSPACE_SHARE) {
      this.text.delete(index - 1, 1);
      this.typed--;
      next = index - 1;
    } else {
      this.text.insert(index, ALPHABET[Math.floor(this.random() * ALPHABET.length)]!);
      this.typed++;
      next = index + 1;
    }
    this.cursor = Y.createRelativePositionFromTypeIndex(this.text, next);
  }
}

/**
 * A typist who overwrites: each edit deletes the character left of its cursor and types another in
 * its place, in one transaction, so every update deletes a character (in R1's slow path, a character
 * inside a bracket) and the text keeps its length. It deletes the slot's own characters, then its own.
 */
export class Overwriter {
  private readonly cursor: Y.RelativePosition;

  constructor(
    private readonly text: Y.Text,
    start: number,
    private readonly random: () => number,
  ) {
    // Bound to the character right of the cursor, which no edit of this typist touches.
    this.cursor = Y.createRelativePositionFromTypeIndex(text, start);
  }

  step(): void {
    const doc = this.text.doc!;
    const index = Y.createAbsolutePositionFromRelativePosition(this.cursor, doc)?.index ?? this.text.length;
    doc.transact(() => {
      this.text.delete(index - 1, 1);
      // Without attributes Yjs takes those at the position: the bracket the character was in.
      this.text.insert(index - 1, ALPHABET[Math.floor(this.random() * ALPHABET.length)]!);
    });
  }
}

/** Text for typists to start in, with one slot of `width` characters each: their cursors never meet. */
export function seedText(typists: number, width: number): string {
  return '.'.repeat(typists * width);
}

export function slotStart(typist: number, width: number): number {
  return typist * width + Math.floor(width / 2);
}

/** A small seeded PRNG (mulberry32), so runs are alike. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

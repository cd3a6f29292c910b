/**
 * A bounds-checked reader for the lib0 encodings Yjs and y-protocols use. lib0's own decoder trusts
 * its input (a declared length is allocated before it is checked), so hostile bytes are read with
 * this one first: every read checks the remaining length, and nothing is allocated from a declared size.
 */
export class MalformedInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedInput';
  }
}

// As lib0 decodes: invalid UTF-8 is an error and a BOM is kept, so string lengths match what Yjs counts.
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class BoundedReader {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new MalformedInput('unexpected end of message');
    return this.bytes[this.pos++]!;
  }

  /** lib0 varuint, at most 53 bits so it stays an exact JavaScript number. */
  varUint(): number {
    let num = 0;
    let mult = 1;
    for (let i = 0; i < 8; i++) {
      const r = this.byte();
      num += (r & 0x7f) * mult;
      if (r < 0x80) {
        if (num > Number.MAX_SAFE_INTEGER) throw new MalformedInput('integer out of range');
        return num;
      }
      mult *= 128;
    }
    throw new MalformedInput('integer out of range');
  }

  /** lib0 varint: the first byte carries the sign bit and 6 value bits. */
  varInt(): number {
    let r = this.byte();
    let num = r & 0x3f;
    let mult = 64;
    const sign = (r & 0x40) > 0 ? -1 : 1;
    for (let i = 0; (r & 0x80) !== 0; i++) {
      if (i >= 7) throw new MalformedInput('integer out of range');
      r = this.byte();
      num += (r & 0x7f) * mult;
      mult *= 128;
    }
    if (num > Number.MAX_SAFE_INTEGER) throw new MalformedInput('integer out of range');
    return sign * num;
  }

  skip(length: number): void {
    if (length > this.remaining) throw new MalformedInput('declared length exceeds the message');
    this.pos += length;
  }

  /** A view of the next `length` bytes (no copy). */
  view(length: number): Uint8Array {
    if (length > this.remaining) throw new MalformedInput('declared length exceeds the message');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  varBytes(): Uint8Array {
    return this.view(this.varUint());
  }

  string(): string {
    try {
      return textDecoder.decode(this.varBytes());
    } catch (error) {
      if (error instanceof MalformedInput) throw error;
      throw new MalformedInput('invalid UTF-8');
    }
  }

  /** Declared counts are checked against the bytes left: each element needs at least `minBytes`. */
  count(minBytesEach: number): number {
    const n = this.varUint();
    if (n * minBytesEach > this.remaining) throw new MalformedInput('declared count exceeds the message');
    return n;
  }

  end(): void {
    if (this.remaining !== 0) throw new MalformedInput('trailing bytes after the message');
  }
}

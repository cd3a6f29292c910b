/**
 * bytea travels as hex text (`\x0a1b…`) on both drivers, and the drivers' own codecs are replaced:
 * PGlite's encodes and decodes one byte at a time (about 1 s to send 1 MB, 0.1 s to read it), and
 * postgres-js returns Buffers that small values share with Node's 8 KB pool, so `.buffer` of one
 * update would expose its neighbours. Node's hex codec is native; every value gets its own memory.
 */

/** `\x` + hex, bytea's text input form. */
export function byteaToText(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** Parses bytea's hex output form, the default `bytea_output`. */
export function byteaFromText(text: string): Uint8Array {
  // 'escape' output would otherwise decode to wrong bytes without a word.
  if (!text.startsWith('\\x')) throw new Error('bytea arrived in escape format; Accord needs bytea_output = hex');
  const bytes = new Uint8Array((text.length - 2) / 2);
  Buffer.from(bytes.buffer).write(text.slice(2), 'hex');
  return bytes;
}

/** The same bytes as a plain Uint8Array (not a Buffer) whose `.buffer` holds nothing else. */
export function toPlainBytes(bytes: Uint8Array): Uint8Array {
  const plain = Object.getPrototypeOf(bytes) === Uint8Array.prototype;
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return plain && owned ? bytes : new Uint8Array(bytes);
}

/**
 * A zip reader that trusts nothing in the file: the central directory is read by hand, every entry's
 * declared sizes are checked against limits before anything is inflated, and inflating stops at a hard
 * cap whatever the headers said (a zip bomb lies in them). CRCs are checked. Node's zlib inflates (server-side only).
 */
import * as zlib from 'node:zlib';
import { ImportRefusal, tooComplex, unreadable } from './refusal.js';

export const ZIP_LIMITS = {
  /** Entries in the archive. */
  maxEntries: 2000,
  /** Uncompressed bytes of everything read, declared or actual. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** Compression ratio past which a big entry is a bomb, not a document. */
  maxRatio: 100,
  /** An entry is "big" from this many uncompressed bytes (small XML parts compress very well). */
  ratioFrom: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataStart: number;
  encrypted: boolean;
}

const NOT_COMPLETE = 'This file is not a complete .docx: the archive is truncated or damaged. Save it again from Word and upload the new copy.';

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  private inflated = 0;
  /** Read once: each part is inflated a single time, against one budget. */
  private readonly cache = new Map<string, Uint8Array>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfDirectory(bytes, view);
    if (eocd < 0) throw unreadable(NOT_COMPLETE);
    const count = view.getUint16(eocd + 10, true);
    const dirSize = view.getUint32(eocd + 12, true);
    const dirOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || dirOffset === 0xffffffff) throw tooComplex('This file uses a zip format too large for a Word document (Zip64).');
    if (count > ZIP_LIMITS.maxEntries) throw tooComplex(`This file holds ${count} parts; a Word document has far fewer (at most ${ZIP_LIMITS.maxEntries} are read).`);
    if (dirOffset + dirSize > eocd) throw unreadable(NOT_COMPLETE);
    let at = dirOffset;
    let declared = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) throw unreadable(NOT_COMPLETE);
      const flags = view.getUint16(at + 8, true);
      const method = view.getUint16(at + 10, true);
      const crc = view.getUint32(at + 16, true);
      const compressedSize = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      const localOffset = view.getUint32(at + 42, true);
      if (at + 46 + nameLength > eocd) throw unreadable(NOT_COMPLETE);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
      if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== 0x04034b50) throw unreadable(NOT_COMPLETE);
      const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      if (dataStart + compressedSize > bytes.length) throw unreadable(NOT_COMPLETE);
      declared += size;
      if (declared > ZIP_LIMITS.maxTotalBytes) throw tooComplex('This file expands to more than 50 MB: too large for a text, or a zip bomb.');
      if (size >= ZIP_LIMITS.ratioFrom && size > compressedSize * ZIP_LIMITS.maxRatio) {
        throw tooComplex(`The part ${name} compresses more than ${ZIP_LIMITS.maxRatio} to 1, as a zip bomb does; a Word document's parts do not.`);
      }
      this.entries.set(name, { name, method, crc, compressedSize, size, dataStart, encrypted: (flags & 1) === 1 });
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, inflated under the caps; null when there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (entry.encrypted) throw new ImportRefusal('FILE_ENCRYPTED', 'This file is password-protected: save it as .docx without a password and upload it again.');
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let out: Uint8Array;
    if (entry.method === 0) out = data;
    else if (entry.method === 8) out = this.inflate(entry, data);
    else throw unreadable(`The part ${entry.name} is compressed in a way Word does not use (method ${entry.method}).`);
    if (out.length !== entry.size || crc32(out) !== entry.crc) throw unreadable(NOT_COMPLETE);
    this.cache.set(name, out);
    return out;
  }

  readText(name: string): string | null {
    const cached = this.texts.get(name);
    if (cached !== undefined) return cached;
    const bytes = this.read(name);
    if (bytes === null) return null;
    const text = new TextDecoder().decode(bytes);
    this.texts.set(name, text);
    return text;
  }

  private inflate(entry: ZipEntry, data: Uint8Array): Uint8Array {
    // zlib stops at maxOutputLength whatever the headers declared: the cap is the entry's declared size
    // (more is a lie, as a bomb tells) and never more than what is left of the total budget.
    const budget = ZIP_LIMITS.maxTotalBytes - this.inflated;
    const cap = Math.min(entry.size, budget);
    let out: Uint8Array;
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, cap + 1) });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw cap < budget
          ? tooComplex(`The part ${entry.name} expands beyond the size it declares, as a zip bomb does.`)
          : tooComplex('This file expands to more than 50 MB: too large for a text, or a zip bomb.');
      }
      throw unreadable(NOT_COMPLETE);
    }
    if (out.length > cap) throw tooComplex(`The part ${entry.name} expands beyond the size it declares, as a zip bomb does.`);
    this.inflated += out.length;
    return out;
  }
}

function findEndOfDirectory(bytes: Uint8Array, view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + 22 + view.getUint16(i + 20, true) === bytes.length) return i;
  }
  return -1;
}

let table: Uint32Array | null = null;

/** zlib's own where Node has it (20.15+, 22.2+): several times faster than the table below. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(bytes: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(bytes) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

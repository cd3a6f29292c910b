/**
 * Which kind of file an upload is, from its bytes first and its name second: a DOCX is a zip, and a
 * zip under any other name is still read as one (and refused by the reader if it is not a DOCX).
 * An OLE compound file is an encrypted DOCX or an old .doc; the DOCX reader names which.
 */
import type { ImportSource } from '@accord/contract';

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

export function importSourceOf(bytes: Uint8Array, fileName: string): ImportSource | null {
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) return 'docx';
  const name = fileName.toLowerCase();
  if (name.endsWith('.docx') || name.endsWith('.docm') || name.endsWith('.doc')) return 'docx';
  if (name.endsWith('.md') || name.endsWith('.markdown')) return 'markdown';
  if (name.endsWith('.txt') || name.endsWith('.text') || !name.includes('.')) return 'plain';
  return null;
}

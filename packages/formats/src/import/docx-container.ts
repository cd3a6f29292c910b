/**
 * Opening a .docx: what kind of file it really is, refused before anything is parsed when it is not a
 * plain Word document (an old .doc or encrypted file, a renamed spreadsheet or .odt, macros).
 */
import { ImportRefusal, unreadable } from './refusal.js';
import { parseXml, childrenNamed, refuseDeclarations } from './xml.js';
import { ZipArchive } from './zip.js';

const MAIN_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
]);
const MACRO_TYPES = /macroEnabled/i;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export interface DocxPackage {
  zip: ZipArchive;
  /** The main part's name in the zip: "word/document.xml". */
  main: string;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export function openDocx(bytes: Uint8Array): DocxPackage {
  if (bytes.length === 0) throw unreadable('The file is empty.');
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new ImportRefusal('FILE_ENCRYPTED', 'This file is password-protected, or an old .doc: open it in Word and save it as .docx without a password.');
  }
  const head = new TextDecoder().decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) throw unreadable('This is a PDF, not a Word document: import the .docx it was made from.');
  if (head.startsWith('{\\rtf')) throw unreadable('This is an RTF file: open it in Word and save it as .docx.');
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw unreadable('This file is not a Word document (.docx).');
  }
  const zip = new ZipArchive(bytes);

  for (const name of zip.entries.keys()) {
    if (/(^|\/)vbaProject\.bin$/i.test(name) || /(^|\/)vbaData\.xml$/i.test(name)) {
      throw new ImportRefusal('FILE_HAS_MACROS', 'This document contains macros. Save it in Word as a plain .docx ("Word Document", not macro-enabled) and upload that.');
    }
  }
  const typesXml = zip.readText('[Content_Types].xml');
  if (typesXml === null) {
    if (zip.has('mimetype')) throw unreadable('This is an OpenDocument file (.odt), not a .docx: save it as .docx ("Word 2007-365") and upload that.');
    throw unreadable('This file is not a Word document (.docx): it has no content types.');
  }
  const types = parseXml(typesXml, '[Content_Types].xml')[0];
  const overrides = types ? childrenNamed(types, 'Override') : [];
  if (overrides.some((o) => MACRO_TYPES.test(o.attrs.ContentType ?? ''))) {
    throw new ImportRefusal('FILE_HAS_MACROS', 'This document is macro-enabled (.docm). Save it in Word as a plain .docx and upload that.');
  }
  const main = overrides.find((o) => MAIN_TYPES.has(o.attrs.ContentType ?? ''));
  if (!main) {
    const kinds = overrides.map((o) => o.attrs.ContentType ?? '').join(' ');
    if (/spreadsheetml/.test(kinds)) throw unreadable('This is a spreadsheet (.xlsx), not a Word document.');
    if (/presentationml/.test(kinds)) throw unreadable('This is a presentation (.pptx), not a Word document.');
    throw unreadable('This file is not a Word document (.docx): it has no main document part.');
  }
  const name = (main.attrs.PartName ?? '').replace(/^\//, '');
  if (!zip.has(name)) throw unreadable(`This file is not a complete .docx: its main part ${name} is missing.`);

  // No XML part may declare entities, whether or not it is read below: refused up front.
  for (const entry of zip.entries.keys()) {
    if (!/\.(xml|rels)$/i.test(entry)) continue;
    const xml = zip.readText(entry);
    if (xml !== null) refuseDeclarations(xml, entry);
  }
  return { zip, main: name };
}

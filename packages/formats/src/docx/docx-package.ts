/**
 * The last pass over the Word package the docx library wrote: moves (docx-moves.ts), metadata that names no one (creator and
 * lastModifiedBy "Accord", the application "Accord", dates from the document rather than the clock),
 * and a zip written with fixed timestamps, so the same document always gives the same bytes.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { escapeXmlText } from '../xml-escape.js';
import { writeMoves } from './docx-moves.js';
import type { DocxMove } from './docx-runs.js';

/** The earliest time a zip can record; every entry gets it. */
const ZIP_TIME = new Date('1980-01-01T00:00:00Z');

export interface PackageMeta {
  title: string;
  date: string | null;
  /** Moved paragraphs, written as Word moves over the deletions and insertions (docx-moves.ts). */
  moves: readonly DocxMove[];
  changes: { author: string; date: string };
}

export function finishPackage(bytes: Uint8Array, meta: PackageMeta): Uint8Array {
  const files = unzipSync(bytes);
  if (meta.moves.length > 0) files['word/document.xml'] = strToU8(writeMoves(strFromU8(files['word/document.xml']!), meta.moves, meta.changes));
  files['docProps/core.xml'] = strToU8(coreXml(meta));
  files['docProps/app.xml'] = strToU8(APP_XML);
  // [Content_Types].xml first, as Word writes it; then the rest in the order the library wrote them.
  const names = Object.keys(files).toSorted((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [files[name]!, { mtime: ZIP_TIME, level: 6 }];
  return zipSync(zippable);
}

function coreXml(meta: PackageMeta): string {
  const date = meta.date ? `<dcterms:created xsi:type="dcterms:W3CDTF">${escapeXmlText(meta.date)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${escapeXmlText(meta.date)}</dcterms:modified>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXmlText(meta.title)}</dc:title><dc:creator>Accord</dc:creator><cp:lastModifiedBy>Accord</cp:lastModifiedBy><cp:revision>1</cp:revision>${date}` +
    '</cp:coreProperties>'
  );
}

const APP_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<Application>Accord</Application><DocSecurity>0</DocSecurity></Properties>';

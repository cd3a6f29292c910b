/**
 * The DOCX writer and the PDF cleaner, loaded on their first use rather than with the package: the
 * docx and pdf-lib libraries are over 20 MB of a server at rest, and most servers make few such files.
 */
import type { PdfMetadata } from './pdf/clean-metadata.js';
import type { PrintedDocument } from './printed-types.js';

export async function toDocx(printed: PrintedDocument): Promise<Uint8Array> {
  return (await import('./docx/to-docx.js')).toDocx(printed);
}

export async function cleanPdfMetadata(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  return (await import('./pdf/clean-metadata.js')).cleanPdfMetadata(bytes, meta);
}

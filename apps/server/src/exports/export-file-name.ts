/**
 * The file name of an export, built from the document symbol as UN documents are filed:
 * "CCW/GGE.1/2026/WP.1/Rev.1" becomes "CCW-GGE.1-2026-WP.1-Rev.1.docx". Only the symbol and the
 * revision's label go into it, never a member's name: under the Chatham House Rule a file name
 * leaves the room too.
 */

/** A symbol or label as a file-name part: slashes and spaces to hyphens, anything outside a safe set dropped. */
export function fileNamePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[/\\\s]+/g, '-')
    .replace(/[^A-Za-z0-9._()-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export interface ExportNaming {
  /** The symbol of what is exported: the revision's own symbol, else the document's. */
  symbol: string;
  /** The revision's label ("Rev.1") when the revision has no symbol of its own; "seq-42" for a log position. */
  qualifier: string | null;
  /** A redline: the older side, as a label ("Rev.1") or "seq-40". */
  comparedWith: string | null;
  compilation: boolean;
  extension: string;
}

export function exportFileName(naming: ExportNaming): string {
  const parts = [fileNamePart(naming.symbol) || 'document'];
  if (naming.qualifier) parts.push(fileNamePart(naming.qualifier));
  if (naming.compilation) parts.push('compilation');
  if (naming.comparedWith) parts.push('redline', fileNamePart(naming.comparedWith));
  return `${parts.filter(Boolean).join('-')}.${naming.extension}`;
}

/** A Content-Disposition value that every browser reads: an ASCII name and the exact one (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

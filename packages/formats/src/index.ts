export * from './printed-types.js';
// helper A: the printed layout and its renderers
export { printText, printBoxes, printInline, STATUS_RUNS } from './printed.js';
export { printedLines, runsText, type PrintedLinesOptions } from './printed-lines.js';
export { printRedline, type RedlineAttribution } from './printed-redline.js';
export { diffRuns } from './printed-diff.js';
export { printCompilation, REMOVED_HEADING, type CompilationAmendmentInput, type CompilationInput } from './printed-compilation.js';
export { toDocx, cleanPdfMetadata } from './on-first-use.js';
// helper B: Akoma Ntoso, HTML (and so PDF), plain text and Markdown
export { toAkn, AKN_NAMESPACE, type AknInput } from './akn/to-akn.js';
export type { AknAuthorRole } from './akn/akn-meta.js';
export { toHtml } from './html/to-html.js';
export { renderPdf, type PdfBrowser, type PdfPage } from './pdf/render.js';
export type { PdfMetadata } from './pdf/clean-metadata.js';
export { toPlain, type PlainOptions } from './plain.js';
export { toMarkdown } from './markdown.js';
// helper C: import (DOCX and Markdown readers, hostile files refused)
export * from './import/index.js';

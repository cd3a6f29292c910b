/** Import: DOCX and Markdown as SourceLines for @accord/text/recognize; hostile files refused. */
export { readDocx, MAX_DOCX_PARAGRAPHS, type DocxReadOptions, type DocxReading } from './read-docx.js';
export { readMarkdown } from './read-markdown.js';
export { ImportRefusal, type ImportRefusalCode } from './refusal.js';
export { ZIP_LIMITS } from './zip.js';

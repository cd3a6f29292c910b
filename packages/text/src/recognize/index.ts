/**
 * `@accord/text/recognize`: reads a text that was not written by Accord (a Word file's paragraphs, a
 * Markdown file, an e-mail, a paste) into the rolling-text model, leniently. Pure and browser-safe:
 * the editor's paste uses it as the server's import does.
 *
 * It never throws on content. What it cannot read is reported with its line and kept as plain
 * paragraph text (an unclosed bracket stays the character "["), or dropped when it is front matter;
 * the document it returns always passes validateDocument.
 */
import type { Node } from 'prosemirror-model';
import { newId as newIdSafe } from '../ids.js';
import { toJSON } from '../json.js';
import { N, schema } from '../schema.js';
import { validateDocument } from '../validate.js';
import { documentNode, paragraphNode, Reader, subparagraphNode, type ParagraphDraft } from './read.js';
import { emptyReport, quote } from './report.js';
import { cleanText } from './tokens.js';
import type { RecognitionReport, SourceLine } from './types.js';

export { linesFromPlainText } from './lines.js';
export { isoDate } from './front-matter.js';
export type { RecognitionReport, RecognizedKind, RecognizedKindName, SourceLine, SourceRun, UnrecognizedLine } from './types.js';

/** A whole document: front matter, then boxes of paragraphs. Labels are kept as claims; ids are new. */
export function recognizeText(lines: readonly SourceLine[]): { doc: Node; report: RecognitionReport } {
  try {
    const reader = new Reader({ fragment: false });
    for (const line of lines) reader.readLine(line);
    reader.finish();
    const doc = documentNode(reader.boxes);
    if (validateDocument(toJSON(doc)).ok) return { doc, report: reader.report };
    return plainFallback(lines, 'the recognized structure did not validate');
  } catch (error) {
    // A bug here must not cost the chair the text: every line is kept as a plain paragraph.
    return plainFallback(lines, `the recognizer failed (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * A paste: paragraphs (with their sub-paragraphs) and sub-paragraphs, new ids, no labels (the editor
 * labels pasted blocks where they land), no box. `structured` is false when nothing in the lines read
 * as the rolling-text format: then the caller pastes plain paragraphs instead.
 */
export function recognizeFragment(lines: readonly SourceLine[]): { blocks: Node[]; structured: boolean } {
  try {
    const reader = new Reader({ fragment: true });
    for (const line of lines) reader.readLine(line);
    reader.finish();
    const blocks = reader.blocks.map((b) => ('status' in b ? paragraphNode(b as ParagraphDraft) : subparagraphNode(b)));
    for (const block of blocks) block.check();
    return { blocks, structured: reader.structured };
  } catch {
    return { blocks: lines.map((l) => plainParagraphNode(lineText(l))).filter((n) => n.textContent.trim() !== ''), structured: false };
  }
}

function lineText(line: SourceLine): string {
  const text = line.runs.map((r) => ('footnote' in r ? '' : r.text)).join('');
  return cleanText(line.numbering ? `${line.numbering} ${text}` : text).trim();
}

function plainParagraphNode(text: string): Node {
  const { nodes } = schema;
  return nodes[N.paragraph]!.create({ id: newIdSafe() }, nodes[N.paragraphText]!.create(null, text === '' ? null : schema.text(text)));
}

function plainFallback(lines: readonly SourceLine[], why: string): { doc: Node; report: RecognitionReport } {
  const report = emptyReport();
  const paragraphs = lines.map((l) => ({ line: l.line, text: lineText(l) })).filter((l) => l.text !== '');
  for (const p of paragraphs) report.unrecognized.push({ line: p.line, text: quote(p.text), reason: why, keptAs: 'paragraph' });
  const { nodes } = schema;
  const doc = nodes[N.doc]!.create(null, nodes[N.box]!.create({ id: newIdSafe() }, [nodes[N.boxTitle]!.create(), ...paragraphs.map((p) => plainParagraphNode(p.text))]));
  report.recognized.boxes.count = 1;
  report.recognized.paragraphs.count = paragraphs.length;
  return { doc, report };
}

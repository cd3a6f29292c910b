/**
 * The Markdown export: a working paper a reader sees rendered as it prints, and that the Markdown
 * import (readMarkdown, then the recognizer) reads back to the same text.
 *
 *   **CCW/GGE.1/2026/WP.1/Rev.1**
 *   Status: 1 September 2026
 *   # Title
 *   ## Box I. Title
 *   **2bis.** Text with \[shall\]\[should\]{Arandia} and a footnote[^1]. {agreed}
 *   - **(a)** a sub-paragraph, as an item of a list under its paragraph
 *   [^1]: The footnote's text.
 *
 * Square brackets are printed characters, escaped so Markdown shows them instead of reading a link;
 * the importer reads "\[" as a bracket. A literal bracket, brace or caret in the words (which the
 * plain-text format escapes with a backslash) is a code span, which the importer reads literally.
 * A redline shows deletions as ~~struck~~ and insertions as <ins>…</ins>; a compilation quotes each
 * proposal under its paragraph.
 */
import type { PrintedBlock, PrintedDocument, PrintedRun } from './printed-types.js';
import { formatStatusDate } from './status-date.js';

/** Markdown's inline syntax, escaped with a backslash (the importer reads "\x" as "x"). */
const MARKDOWN_SYNTAX = /[\\`*_<>#|~&!]/g;
/** The rolling-text format's syntax in words: a code span, read literally by the importer. */
const TEXT_SYNTAX = /[[\]{}^]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, '\\$&').replace(TEXT_SYNTAX, '`$&`');
}

/** A heading or front-matter line: read verbatim by the importer, so "\[" is the character itself. */
function escapeVerbatim(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, '\\$&').replace(TEXT_SYNTAX, '\\$&');
}

/** Emphasis hugs its words: CommonMark ignores "* x *", so spaces go outside the markers. */
function emphasize(text: string, marker: string): string {
  const m = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
  return m[2] === '' ? text : `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

/**
 * "{A, B}": the braces and separators are the format's syntax and stay as they are; inside a name,
 * anything either syntax gives a meaning to is escaped as in words. (The printed run joins names
 * with ", ", so a name holding ", " itself cannot be told apart, as in the plain-text export.)
 */
function sponsorsMarkdown(text: string): string {
  const inner = /^\{(.*)\}$/s.exec(text);
  if (!inner) return escapeMarkdown(text);
  return `{${inner[1]!.split(', ').map(escapeMarkdown).join(', ')}}`;
}

class Footnotes {
  readonly defs: string[] = [];
  add(text: string): string {
    const n = this.defs.length + 1;
    // The importer takes a definition's text literally (trimmed), so it is written as is, one line,
    // except "<" and "&": a renderer would read raw HTML there, and a footnote is anyone's words.
    this.defs.push(`[^${n}]: ${text.trim().replace(/[<&]/g, '\\$&')}`);
    return `[^${n}]`;
  }
}

function runsMarkdown(runs: readonly PrintedRun[], notes: Footnotes): string {
  let out = '';
  for (const run of runs) {
    let md: string;
    if (run.kind === 'footnote') md = notes.add(run.text);
    else if (run.role === 'bracket') md = `\\${run.text}`;
    else if (run.role === 'status') md = run.text; // " {agreed}": shown as is, read back as the status
    else if (run.role === 'sponsors') md = sponsorsMarkdown(run.text);
    else {
      md = escapeMarkdown(run.text);
      if (run.role === 'words' && run.em) md = emphasize(md, '*');
      if (run.role === 'words' && run.strong) md = emphasize(md, '**');
    }
    if (run.change === 'delete') md = emphasize(md, '~~');
    else if (run.change === 'insert') md = `<ins>${md}</ins>`;
    out += md;
  }
  return out;
}

function blockMarkdown(block: PrintedBlock, notes: Footnotes): string[] {
  const labelEnd = block.runs.findIndex((r) => r.kind !== 'text' || r.role !== 'label');
  const labels = labelEnd === -1 ? block.runs : block.runs.slice(0, labelEnd);
  const label = runsMarkdown(labels, notes);
  const text = runsMarkdown(labelEnd === -1 ? [] : block.runs.slice(labelEnd), notes);
  const body = text === '' || text.startsWith(' {') ? text : ` ${text}`;
  const line = block.kind === 'subparagraph' ? `- **${label}**${body}` : `**${label}**${body}`;
  const out = [line];
  if (block.note) out.push(`  *${escapeMarkdown(block.note)}*`);
  for (const proposal of block.proposals ?? []) {
    out.push('', `> **${escapeMarkdown(proposal.heading)}**`, `> ${runsMarkdown(proposal.runs, notes)}`);
    for (const note of proposal.notes) out.push(`> *${escapeMarkdown(note)}*`);
  }
  return out;
}

export function toMarkdown(printed: PrintedDocument): string {
  const { front } = printed;
  const notes = new Footnotes();
  const lines: string[] = [`**${escapeVerbatim(front.symbol)}**`, ''];
  if (front.statusDate) lines.push(`Status: ${formatStatusDate(front.statusDate)}`, '');
  lines.push(`# ${escapeVerbatim(front.title)}`, '');
  if (front.subtitle) lines.push(`*${escapeMarkdown(front.subtitle)}*`, '');
  for (const note of front.notes) lines.push(`*${escapeMarkdown(note)}*`, '');
  for (const box of printed.boxes) {
    const heading = escapeVerbatim(box.heading);
    lines.push(`## ${box.change === 'delete' ? `~~${heading}~~` : box.change === 'insert' ? `<ins>${heading}</ins>` : heading}`, '');
    box.blocks.forEach((block, i) => {
      // Sub-paragraphs follow their paragraph directly (one list); paragraphs are separated by a blank line.
      if (i > 0 && block.kind === 'paragraph') lines.push('');
      lines.push(...blockMarkdown(block, notes));
    });
    lines.push('');
  }
  if (notes.defs.length > 0) lines.push(...notes.defs, '');
  return lines.join('\n');
}

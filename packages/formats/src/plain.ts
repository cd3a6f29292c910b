/**
 * The plain-text export: the rolling-text format of @accord/text (what `toPlainText` writes and
 * `fromPlainText` reads), written from the printed layout so that it prints what every other export
 * prints. With sponsors on it equals toPlainText of the model; with sponsors off the same text
 * without the "{…}" after brackets. A redline has two texts and this format one: it is written as
 * the newer text unless the older is asked for. A compilation prints its text with each proposal
 * under its paragraph, indented and marked "»" (the proposed wording, its heading and notes): a
 * document for reading, which the format's reader would report as lines it does not know.
 */
import type { PrintedChange, PrintedDocument, PrintedProposal, PrintedRun } from './printed-types.js';

export interface PlainOptions {
  /** For a redline: which text to write. Default the newer. */
  side?: 'newer' | 'older';
}

/** The format's own escapes: a literal bracket, brace, caret or backslash in words. */
function escapeWords(text: string): string {
  return text.replace(/[\\[\]{}^]/g, '\\$&');
}

/** "{A, B}" with each name escaped as the format reads it ("\," inside a name). */
function escapeSponsors(text: string): string {
  const inner = /^\{(.*)\}$/.exec(text);
  if (!inner) return escapeWords(text);
  // The printed run joins names with ", "; a name that itself holds ", " cannot be told apart here.
  const names = inner[1]!.split(', ').map((name) => name.replace(/[\\[\]{}^,]/g, '\\$&'));
  return `{${names.join(', ')}}`;
}

export function plainRuns(runs: readonly PrintedRun[], drop: PrintedChange | null): string {
  let out = '';
  for (const run of runs) {
    if (drop !== null && run.change === drop) continue;
    if (run.kind === 'footnote') out += `^[${escapeWords(run.text)}]`;
    else if (run.role === 'words') out += escapeWords(run.text);
    else if (run.role === 'sponsors') out += escapeSponsors(run.text);
    else out += run.text; // label, "[" / "]", " {agreed}": the format's own characters
  }
  return out;
}

export function toPlain(printed: PrintedDocument, opts: PlainOptions = {}): string {
  const drop: PrintedChange | null = printed.kind === 'redline' ? (opts.side === 'older' ? 'insert' : 'delete') : null;
  const lines: string[] = [];
  for (const box of printed.boxes) {
    if (drop !== null && box.change === drop) continue;
    // Not a box of the text (a compilation's "Amendments to paragraphs no longer in the text").
    if (box.numeral === '') continue;
    if (lines.length > 0) lines.push('');
    lines.push(box.heading, ''); // a title is read verbatim to the end of its line: nothing to escape
    for (const block of box.blocks) {
      if (drop !== null && block.change === drop) continue;
      const labelEnd = block.runs.findIndex((r) => r.kind !== 'text' || r.role !== 'label');
      const labels = labelEnd === -1 ? block.runs : block.runs.slice(0, labelEnd);
      const label = plainRuns(labels, drop);
      const text = plainRuns(labelEnd === -1 ? [] : block.runs.slice(labelEnd), drop);
      // The status run starts with its space; words after the label take one.
      const body = text === '' || text.startsWith(' {') ? text : ` ${text}`;
      lines.push(`${block.kind === 'subparagraph' ? '   ' : ''}${label}${body}`);
      for (const proposal of block.proposals ?? []) lines.push(...proposalLines(proposal));
    }
  }
  if (printed.kind === 'compilation') {
    for (const box of printed.boxes.filter((b) => b.numeral === '')) {
      lines.push('', box.heading, '');
      for (const block of box.blocks) for (const proposal of block.proposals ?? []) lines.push(...proposalLines(proposal));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A proposal under its paragraph: its heading, the wording it proposes (without the words it removes), its notes. */
function proposalLines(proposal: PrintedProposal): string[] {
  const wording = plainRuns(proposal.runs, 'delete').trim();
  return [
    `      » ${proposal.heading}`,
    ...(wording === '' ? [] : [`        ${wording}`]),
    ...proposal.notes.map((note) => `        ${note}`),
  ];
}

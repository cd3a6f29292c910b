/**
 * A printed document as lines of text: what a reader sees, one line per box heading and per block,
 * the label followed by a tab and footnotes written `^[…]` where they stand. Used to compare a
 * redline's two sides with the texts it compares, and a DOCX's text with the model.
 */
import type { PrintedChange, PrintedDocument, PrintedRun } from './printed-types.js';

export interface PrintedLinesOptions {
  /** Leave out the pieces of this kind: 'delete' gives a redline's newer text, 'insert' its older. */
  drop?: PrintedChange;
  /** How a footnote prints; `^[text]` by default. */
  footnote?: (text: string) => string;
}

export function printedLines(printed: PrintedDocument, opts: PrintedLinesOptions = {}): string[] {
  const lines: string[] = [];
  const footnote = opts.footnote ?? ((text: string) => `^[${text}]`);
  for (const box of printed.boxes) {
    if (box.change === undefined || box.change !== opts.drop) lines.push(box.heading);
    for (const block of box.blocks) {
      if (block.change !== undefined && block.change === opts.drop) continue;
      lines.push(runsText(block.runs, opts.drop, footnote));
    }
  }
  return lines;
}

/** The runs of one block as text, the label followed by a tab. */
export function runsText(runs: readonly PrintedRun[], drop: PrintedChange | undefined, footnote: (text: string) => string): string {
  let out = '';
  for (const run of runs) {
    if (run.change !== undefined && run.change === drop) continue;
    if (run.kind === 'footnote') out += footnote(run.text);
    else out += run.role === 'label' ? `${run.text}\t` : run.text;
  }
  return out;
}

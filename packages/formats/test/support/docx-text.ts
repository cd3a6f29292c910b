/**
 * What LibreOffice's text filter should read from one of our Word files: the front matter's lines,
 * then each heading and block, the label followed by a tab, each footnote as its number (the text
 * filter prints the reference mark and leaves the notes out; their texts are checked apart).
 */
import { unzipSync, strFromU8 } from 'fflate';
import { formatStatusDate } from '../../src/status-date.js';
import { runsText, type PrintedChange, type PrintedDocument } from '../../src/index.js';

export function expectedDocxLines(printed: PrintedDocument, drop?: PrintedChange): string[] {
  const { front } = printed;
  const lines = [front.symbol];
  if (front.revisionLabel && !front.symbol.includes(front.revisionLabel)) lines.push(front.revisionLabel);
  // The status date's paragraph is there, empty, when there is none.
  lines.push(front.statusDate ? `Status: ${formatStatusDate(front.statusDate)}` : '');
  lines.push(front.title);
  if (front.subtitle) lines.push(front.subtitle);
  lines.push(...front.notes);
  let footnotes = 0;
  const mark = (): string => String(++footnotes);
  for (const box of printed.boxes) {
    if (box.change === undefined || box.change !== drop) lines.push(box.heading);
    for (const block of box.blocks) {
      if (block.change === undefined || block.change !== drop) lines.push(runsText(block.runs, drop, mark));
      for (const proposal of block.proposals ?? []) lines.push(proposal.heading, runsText(proposal.runs, undefined, mark), ...proposal.notes);
    }
  }
  return lines;
}

/** The footnotes' texts in reading order, as printed. */
export function expectedFootnotes(printed: PrintedDocument, drop?: PrintedChange): string[] {
  return printed.boxes.flatMap((box) =>
    box.blocks.flatMap((block) => [
      ...(block.change !== undefined && block.change === drop ? [] : block.runs.filter((r) => r.kind === 'footnote' && (r.change === undefined || r.change !== drop)).map((r) => r.text)),
      ...(block.proposals ?? []).flatMap((p) => p.runs.filter((r) => r.kind === 'footnote').map((r) => r.text)),
    ]),
  );
}

/**
 * LibreOffice's text as lines, without the blank lines at the end (the file's last line break, and the
 * empty paragraph a redline ends on when its last paragraph is deleted). Blank lines elsewhere count:
 * a paragraph whose text was deleted but whose mark was not leaves one.
 */
export function textLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
  return lines;
}

export function docxParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

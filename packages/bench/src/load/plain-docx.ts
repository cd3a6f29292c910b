/**
 * D1's DOCX peer: the same words written with the `docx` package alone, one plain paragraph per
 * printed line (the box headings, each paragraph and sub-paragraph with its label), no styles, no
 * character runs, no footnotes. What a DOCX of this size costs the library that Accord's export is
 * built on, so the ratio says what the layout, footnotes and styles add.
 */
import type { PrintedDocument } from '@accord/formats';
import { Document, Packer, Paragraph, TextRun } from 'docx';

/** Every printed line as one string: footnotes left out (a plain paragraph has none). */
export function plainLines(printed: PrintedDocument): string[] {
  const lines = [printed.front.symbol, printed.front.title];
  for (const box of printed.boxes) {
    lines.push(box.heading);
    // The label, a space (where the export sets a tab), the words; a footnote's text is not in the line.
    for (const block of box.blocks) lines.push(block.runs.map((run) => (run.kind !== 'text' ? '' : run.role === 'label' ? `${run.text} ` : run.text)).join(''));
  }
  return lines;
}

export async function plainDocx(lines: readonly string[]): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Accord',
    sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }],
  });
  return Packer.toBuffer(document);
}

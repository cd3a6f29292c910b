/**
 * A printed document (printed-types.ts) as a Word file laid out as a UN working paper: the symbol top
 * right, the status date, the title centred and bold, any subtitle and notes; box headings in "Box
 * Heading" (based on Heading 1); paragraphs hanging on their label in "Accord Paragraph",
 * sub-paragraphs in "Accord Subparagraph"; footnotes as Word footnotes; named styles throughout.
 *
 * A redline is made of real tracked changes: inserted and deleted runs in `w:ins`/`w:del`, and a
 * paragraph in or out whole has its paragraph mark marked too (`w:pPr/w:rPr/w:ins|w:del`), so Accept
 * All in Word gives the newer text and Reject All the older. A moved paragraph (a block with a note,
 * "Moved to …"/"Moved from …") is Word's own move: the deletion is `w:moveFrom` and the insertion
 * `w:moveTo`, linked by name, so Word shows them as a move ("Moved up", "Moved from") and readers that
 * know no moves (LibreOffice 7.4) show a deletion and an insertion. Not Word comments: LibreOffice 7.4
 * crashes opening a DOCX comment through UNO and mislays footnotes in a file that has them. Changes
 * are authored by the category printed.changeAuthor; no name is written anywhere, metadata included
 * (docx-package.ts).
 */
import { Document, Packer, Paragraph, TabStopType, TextRun } from 'docx';
import type { PrintedBlock, PrintedBox, PrintedChange, PrintedDocument, PrintedProposal } from '../printed-types.js';
import { formatStatusDate } from '../status-date.js';
import { finishPackage } from './docx-package.js';
import { xmlSafe } from '../xml-escape.js';
import { DocxContext, docxRuns, tracked } from './docx-runs.js';
import { STYLE, STYLES } from './docx-styles.js';

/** Who the changes are by when a document has none of its own (a text or a compilation: there are none). */
const NO_AUTHOR = 'Accord';
/** A fixed date for what has none, so the same document gives the same bytes. */
const NO_DATE = '2000-01-01T00:00:00Z';

export async function toDocx(printed: PrintedDocument): Promise<Uint8Array> {
  const ctx = new DocxContext(printed.changeAuthor ?? NO_AUTHOR, printed.changeDate ?? NO_DATE);
  const body: Paragraph[] = [...frontMatter(printed), ...printed.boxes.flatMap((box) => boxParagraphs(box, ctx))];
  // Word cannot delete the document's last paragraph mark: end on one no change touches.
  if (lastMarkChanged(printed)) body.push(new Paragraph({ style: STYLE.paragraph }));
  const document = new Document({
    creator: 'Accord',
    lastModifiedBy: 'Accord',
    title: xmlSafe(printed.front.title),
    description: '',
    styles: STYLES,
    footnotes: ctx.footnotes,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, right: 1134, bottom: 1440, left: 1134 } } }, children: body }],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(document));
  return finishPackage(bytes, { title: printed.front.title, date: printed.changeDate ?? dayOf(printed.front.statusDate), moves: ctx.moves, changes: { author: ctx.author, date: ctx.date } });
}

function dayOf(statusDate: string | null): string | null {
  return statusDate && /^\d{4}-\d{2}-\d{2}$/.test(statusDate) ? `${statusDate}T00:00:00Z` : statusDate;
}

function frontMatter(printed: PrintedDocument): Paragraph[] {
  const { front } = printed;
  const out = [new Paragraph({ style: STYLE.symbol, children: [new TextRun(xmlSafe(front.symbol))] })];
  if (front.revisionLabel && !front.symbol.includes(front.revisionLabel)) out.push(new Paragraph({ style: STYLE.symbol, children: [new TextRun(xmlSafe(front.revisionLabel))] }));
  out.push(new Paragraph({ style: STYLE.statusDate, children: front.statusDate ? [new TextRun(`Status: ${xmlSafe(formatStatusDate(front.statusDate))}`)] : [] }));
  out.push(new Paragraph({ style: STYLE.title, children: [new TextRun(xmlSafe(front.title))] }));
  if (front.subtitle) out.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(xmlSafe(front.subtitle))] }));
  for (const note of front.notes) out.push(new Paragraph({ style: STYLE.note, children: [new TextRun(xmlSafe(note))] }));
  return out;
}

function boxParagraphs(box: PrintedBox, ctx: DocxContext): Paragraph[] {
  const heading = new TextRun({ text: xmlSafe(box.heading) });
  const out = [
    new Paragraph({
      style: STYLE.boxHeading,
      ...markOf(box.change, ctx),
      children: [box.change ? tracked(box.change, { text: xmlSafe(box.heading) }, ctx) : heading],
    }),
  ];
  // A moved paragraph moves with its sub-paragraphs: the blocks after it in the same change, until the next paragraph.
  let move: string | null = null;
  box.blocks.forEach((block, i) => {
    if (block.kind === 'paragraph' || block.change === undefined || block.note) move = block.change && block.note ? `move-${block.id}` : null;
    const next = box.blocks[i + 1];
    const last = !next || next.kind === 'paragraph' || next.change !== block.change || next.note !== undefined;
    out.push(blockParagraph(block, ctx, move === null ? null : { name: move, first: block.note !== undefined, last }), ...(block.proposals ?? []).flatMap((p) => proposalParagraphs(p, ctx)));
  });
  return out;
}

/** A paragraph in or out whole: its paragraph mark is a tracked change too. */
function markOf(change: PrintedChange | undefined, ctx: DocxContext): { run?: { insertion?: ReturnType<DocxContext['change']>; deletion?: ReturnType<DocxContext['change']> } } {
  if (!change) return {};
  return { run: change === 'insert' ? { insertion: ctx.change() } : { deletion: ctx.change() } };
}

function blockParagraph(block: PrintedBlock, ctx: DocxContext, move: { name: string; first: boolean; last: boolean } | null): Paragraph {
  const from = ctx.nextChange();
  const mark = markOf(block.change, ctx);
  const children = docxRuns(block.runs, ctx);
  if (move && block.change) ctx.moves.push({ kind: block.change === 'delete' ? 'from' : 'to', name: move.name, ids: [from, ctx.nextChange() - 1], first: move.first, last: move.last });
  // "4 Alt 1." is wider than the style's hanging indent: hang such a paragraph further, or its tab
  // would carry the words to the next default stop, far from the label.
  const wide = block.kind === 'paragraph' && block.alt !== null ? { indent: { left: ALT_INDENT, hanging: ALT_INDENT }, tabStops: [{ type: TabStopType.LEFT, position: ALT_INDENT }] } : {};
  return new Paragraph({ style: block.kind === 'paragraph' ? STYLE.paragraph : STYLE.subparagraph, ...wide, ...mark, children });
}

/** Room for "12bis Alt 2." in twentieths of a point (2.5 cm). */
const ALT_INDENT = 2.5 * 567;

/** A compilation's amendment: its heading, its wording with insertions and deletions styled (not tracked), its notes. */
function proposalParagraphs(proposal: PrintedProposal, ctx: DocxContext): Paragraph[] {
  return [
    new Paragraph({ style: STYLE.proposalHeading, children: [new TextRun(xmlSafe(proposal.heading))] }),
    new Paragraph({ style: STYLE.proposal, children: docxRuns(proposal.runs, ctx, 'styled') }),
    ...proposal.notes.map((note) => new Paragraph({ style: STYLE.proposalNote, children: [new TextRun(xmlSafe(note))] })),
  ];
}

function lastMarkChanged(printed: PrintedDocument): boolean {
  const box = printed.boxes.at(-1);
  if (!box) return false;
  const block = box.blocks.at(-1);
  if (!block) return box.change !== undefined;
  return block.change !== undefined && (block.proposals ?? []).length === 0;
}

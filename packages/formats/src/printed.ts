/**
 * One rolling text as it is printed (printed-types.ts): the model's labels, brackets, sponsors,
 * statuses and footnotes turned into runs of printed characters. Labels come from computeLabels and
 * footnotes sit in brackets as effectiveBrackets says, so the printed text reads exactly like
 * toPlainText (without its escapes, which are for a reader of the format, not of a working paper).
 */
import { computeLabels, effectiveBrackets, isParagraphStatus, LINE_BREAKS, M, N, sameBracket, sponsorNames, attrText, type Labels, type ParagraphStatus } from '@accord/text';
import type { Mark, Node } from 'prosemirror-model';
import type { FrontMatter, PrintedBlock, PrintedBox, PrintedDocument, PrintedRun, PrintedTextRun, PrintOptions } from './printed-types.js';

/** The same spelling as the plain-text format, so a re-import reads the status back. */
export const STATUS_RUNS: Record<ParagraphStatus, string> = { under_negotiation: '', agreed_ad_ref: ' {agreed ad ref}', agreed: ' {agreed}' };

export function printText(doc: Node, front: FrontMatter, opts: PrintOptions): PrintedDocument {
  return { kind: 'text', front, boxes: printBoxes(doc, opts) };
}

/**
 * Every box of a document as printed. Like toPlainText it prints whatever fromYDoc can return: a
 * paragraph without its text line prints its label alone, and what has no label is left out.
 */
export function printBoxes(doc: Node, opts: PrintOptions): PrintedBox[] {
  const labels = computeLabels(doc);
  const boxes: PrintedBox[] = [];
  doc.forEach((box, boxPos) => {
    if (box.type.name !== N.box) return;
    const label = labels.atPos.get(boxPos)!;
    const title = box.firstChild?.type.name === N.boxTitle ? oneLine(box.firstChild.textContent) : '';
    boxes.push({
      id: label.id ?? `#box${label.num}`,
      numeral: label.short,
      heading: `Box ${label.short}.${title === '' ? '' : ` ${title}`}`,
      title,
      blocks: printBlocks(box, boxPos, labels, opts),
    });
  });
  return boxes;
}

function printBlocks(box: Node, boxPos: number, labels: Labels, opts: PrintOptions): PrintedBlock[] {
  const blocks: PrintedBlock[] = [];
  box.forEach((paragraph, offset) => {
    if (paragraph.type.name !== N.paragraph) return;
    const pos = boxPos + 1 + offset;
    blocks.push(printParagraph(paragraph, pos, labels, opts));
    paragraph.forEach((sub, subOffset) => {
      if (sub.type.name !== N.subparagraph) return;
      const label = labels.atPos.get(pos + 1 + subOffset)!;
      blocks.push({
        id: label.id ?? '',
        kind: 'subparagraph',
        label: label.short,
        alt: null,
        status: null,
        runs: [labelRun(label.short), ...printInline(sub, opts)],
      });
    });
  });
  return blocks;
}

function printParagraph(paragraph: Node, pos: number, labels: Labels, opts: PrintOptions): PrintedBlock {
  const label = labels.atPos.get(pos)!;
  const rawStatus: unknown = paragraph.attrs.status;
  const status: ParagraphStatus = isParagraphStatus(rawStatus) ? rawStatus : 'under_negotiation';
  const text = paragraph.firstChild?.type.name === N.paragraphText ? printInline(paragraph.firstChild, opts) : [];
  const runs: PrintedRun[] = [labelRun(`${label.short}.`), ...text];
  if (STATUS_RUNS[status] !== '') runs.push({ kind: 'text', role: 'status', text: STATUS_RUNS[status], inBracket: false });
  const alt = label.alt ? `Alt ${label.alt.index}` : null;
  return {
    id: label.id ?? '',
    kind: 'paragraph',
    label: alt ? label.short.slice(0, -(alt.length + 1)) : label.short,
    alt,
    status,
    runs,
  };
}

function labelRun(text: string): PrintedTextRun {
  return { kind: 'text', role: 'label', text, inBracket: false };
}

/**
 * A text line's inline content: words (with their emphasis), "[" and "]" around each bracket, the
 * sponsors after its "]" when attribution allows, and footnotes. Sponsors count as inside their
 * bracket: they belong to it, and a renderer that shades bracketed text shades them too.
 */
export function printInline(block: Node, opts: PrintOptions): PrintedRun[] {
  const children: Node[] = [];
  block.forEach((child) => children.push(child));
  const brackets = effectiveBrackets(children);
  const runs: PrintedRun[] = [];
  let open: Mark | null = null;
  const close = (): void => {
    if (!open) return;
    runs.push({ kind: 'text', role: 'bracket', text: ']', inBracket: true });
    const names = opts.sponsors ? sponsorNames(open.attrs.sponsors).map((n) => oneLine(n.trim())) : [];
    if (names.length > 0) runs.push({ kind: 'text', role: 'sponsors', text: `{${names.join(', ')}}`, inBracket: true });
    open = null;
  };
  children.forEach((child, i) => {
    const bracket = brackets[i] ?? null;
    if (open === null ? bracket !== null : bracket === null || !sameBracket(open, bracket)) {
      close();
      if (bracket) runs.push({ kind: 'text', role: 'bracket', text: '[', inBracket: true });
      open = bracket;
    }
    const inBracket = open !== null;
    if (child.isText) {
      pushWords(runs, { kind: 'text', role: 'words', text: oneLine(child.text ?? ''), inBracket, ...emphasis(child) });
    } else if (child.type.name === N.footnote) {
      runs.push({ kind: 'footnote', text: oneLine(attrText(child.attrs.text)), inBracket });
    }
  });
  close();
  return runs;
}

function emphasis(node: Node): { em?: true; strong?: true } {
  const out: { em?: true; strong?: true } = {};
  if (node.marks.some((m) => m.type.name === M.em)) out.em = true;
  if (node.marks.some((m) => m.type.name === M.strong)) out.strong = true;
  return out;
}

/** Adjacent words with the same look are one run (text nodes split by a mark that is not printed). */
function pushWords(runs: PrintedRun[], run: PrintedTextRun): void {
  if (run.text === '') return;
  const last = runs.at(-1);
  if (last?.kind === 'text' && last.role === 'words' && last.inBracket === run.inBracket && (last.em ?? false) === (run.em ?? false) && (last.strong ?? false) === (run.strong ?? false)) {
    last.text += run.text;
  } else {
    runs.push(run);
  }
}

/** A line break inside text (rare, pasted) prints as a space, as in the plain-text format. */
function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ');
}

import type { Mark, Node } from 'prosemirror-model';
import { bracketOf, sameBracket } from './bracket-mark.js';
import { computeLabels, type Label } from './labels.js';
import { N } from './schema.js';

export interface OpenBracket {
  id: string | null;
  /** The bracketed words, without footnotes. */
  text: string;
  sponsors: string[];
  /** The paragraph holding the bracket (for a sub-paragraph, its paragraph). */
  paragraphId: string | null;
  subparagraphId: string | null;
  /** Where to find it: "Box III(2)" or "Box III(2)(a)". */
  citation: string;
}

export interface BoxBrackets {
  boxId: string | null;
  /** "III". */
  boxLabel: string;
  title: string;
  count: number;
  brackets: OpenBracket[];
}

/**
 * The unagreed text of every box, in reading order. One bracket is a maximal run of text carrying
 * the same bracket mark: emphasis or a footnote inside it splits the text nodes, not the bracket.
 */
export function openBrackets(doc: Node): BoxBrackets[] {
  const labels = computeLabels(doc);
  const result: BoxBrackets[] = [];
  doc.forEach((box, boxPos) => {
    // Only boxes are labelled; anything else at the top (concurrent edits can leave it) has no citation.
    if (box.type.name !== N.box) return;
    const boxLabel = labels.atPos.get(boxPos)!;
    const brackets: OpenBracket[] = [];
    box.forEach((paragraph, offset) => {
      if (paragraph.type.name !== N.paragraph) return;
      const paragraphPos = boxPos + 1 + offset;
      const paragraphLabel = labels.atPos.get(paragraphPos)!;
      paragraph.forEach((block, blockOffset) => {
        const blockLabel: Label = block.type.name === N.subparagraph ? labels.atPos.get(paragraphPos + 1 + blockOffset)! : paragraphLabel;
        const where = {
          paragraphId: paragraphLabel.id,
          subparagraphId: blockLabel.kind === 'subparagraph' ? blockLabel.id : null,
          citation: blockLabel.citation,
        };
        brackets.push(...bracketsIn(block, where));
      });
    });
    result.push({ boxId: boxLabel.id, boxLabel: boxLabel.short, title: box.firstChild?.textContent ?? '', count: brackets.length, brackets });
  });
  return result;
}

/** How many brackets the whole text still holds. */
export function bracketCount(doc: Node): number {
  return openBrackets(doc).reduce((sum, box) => sum + box.count, 0);
}

function bracketsIn(block: Node, where: Pick<OpenBracket, 'paragraphId' | 'subparagraphId' | 'citation'>): OpenBracket[] {
  const found: OpenBracket[] = [];
  let open: { mark: Mark; bracket: OpenBracket } | null = null;
  block.forEach((inline) => {
    if (!inline.isText) return;
    const mark = bracketOf(inline);
    if (mark && open && sameBracket(open.mark, mark)) {
      open.bracket.text += inline.text ?? '';
      return;
    }
    open = null;
    if (!mark) return;
    const sponsors: unknown = mark.attrs.sponsors;
    const bracket: OpenBracket = {
      id: typeof mark.attrs.id === 'string' ? mark.attrs.id : null,
      text: inline.text ?? '',
      sponsors: Array.isArray(sponsors) ? sponsors.filter((s): s is string => typeof s === 'string') : [],
      ...where,
    };
    found.push(bracket);
    open = { mark, bracket };
  });
  return found;
}

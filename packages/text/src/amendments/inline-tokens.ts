/**
 * A block's inline content as a sequence of words, spaces, footnotes and bracket boundaries, so that
 * two wordings can be compared word by word and the unchanged words taken from the document as they
 * are (with their emphasis, footnote ids and bracket marks).
 */
import type { Mark, Node } from 'prosemirror-model';
import { sameBracket } from '../bracket-mark.js';
import { effectiveBrackets } from '../plain-text-inline.js';
import { attrText, sponsorNames } from '../schema.js';

export type TokenKind = 'word' | 'space' | 'footnote' | 'open' | 'close';

export interface InlineToken {
  /** What is compared between two wordings: the characters, and whether and how they are bracketed. */
  key: string;
  kind: TokenKind;
  /** The token's nodes in its wording (none for a bracket boundary). */
  nodes: Node[];
  /** Inside a bracket, or one of its boundaries. */
  inBracket: boolean;
}

/** Words (letters, digits, combining marks), runs of spaces, or one other character. */
const PIECE = /\s+|[\p{L}\p{N}\p{M}]+|[\s\S]/gu;
// Keys use characters that no text holds, so that "[" in a text never equals a bracket boundary.
const IN_BRACKET = '\u0000b';

export function inlineTokens(children: readonly Node[]): InlineToken[] {
  const brackets = effectiveBrackets([...children]);
  const tokens: InlineToken[] = [];
  let open: Mark | null = null;
  let run: Node[] = [];
  const flushText = (): void => {
    if (run.length > 0) tokens.push(...textTokens(run, open !== null));
    run = [];
  };
  children.forEach((child, i) => {
    const bracket = brackets[i] ?? null;
    if (!sameOrNone(open, bracket)) {
      flushText();
      if (open) tokens.push({ key: '\u0000]', kind: 'close', nodes: [], inBracket: true });
      if (bracket) tokens.push({ key: `\u0000[${sponsorNames(bracket.attrs.sponsors).join('\u0001')}`, kind: 'open', nodes: [], inBracket: true });
      open = bracket;
    }
    if (child.isText) {
      run.push(child);
      return;
    }
    flushText();
    tokens.push({ key: `\u0000^${attrText(child.attrs.text)}${open ? IN_BRACKET : ''}`, kind: 'footnote', nodes: [child], inBracket: open !== null });
  });
  flushText();
  if (open) tokens.push({ key: '\u0000]', kind: 'close', nodes: [], inBracket: true });
  return tokens;
}

/**
 * Tokens of adjacent text nodes read as one string, so a word whose emphasis changes halfway is still
 * one word; each token keeps the slices of the nodes it covers.
 */
function textTokens(nodes: readonly Node[], inBracket: boolean): InlineToken[] {
  const text = nodes.map((n) => n.text ?? '').join('');
  const tokens: InlineToken[] = [];
  let nodeIndex = 0;
  let nodeStart = 0;
  for (const match of text.matchAll(PIECE)) {
    const piece = match[0];
    const start = match.index;
    const end = start + piece.length;
    const slices: Node[] = [];
    while (nodeStart + (nodes[nodeIndex]!.text ?? '').length <= start) {
      nodeStart += (nodes[nodeIndex]!.text ?? '').length;
      nodeIndex++;
    }
    let i = nodeIndex;
    let at = nodeStart;
    while (at < end) {
      const node = nodes[i]!;
      const length = (node.text ?? '').length;
      const from = Math.max(start, at) - at;
      const to = Math.min(end, at + length) - at;
      if (to > from) slices.push(node.cut(from, to));
      at += length;
      i++;
    }
    tokens.push({ key: `${piece}${inBracket ? IN_BRACKET : ''}`, kind: /^\s/.test(piece) ? 'space' : 'word', nodes: slices, inBracket });
  }
  return tokens;
}

function sameOrNone(a: Mark | null, b: Mark | null): boolean {
  return a === null || b === null ? a === b : sameBracket(a, b);
}

export function hasWord(tokens: readonly InlineToken[]): boolean {
  return tokens.some((t) => t.kind === 'word');
}

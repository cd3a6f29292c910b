/**
 * A unit's wording as the tokens a redline compares (inlineTokens), each bracket boundary tied to the
 * bracket it opens or closes, and each bracket with its words and sponsors.
 */
import type { Mark, Node } from 'prosemirror-model';
import { sameBracket } from '../bracket-mark.js';
import { inlineTokens, type InlineToken } from '../amendments/inline-tokens.js';
import { effectiveBrackets } from '../plain-text-inline.js';
import { attrText, sponsorNames } from '../schema.js';

export interface WordingBracket {
  id: string | null;
  /** The bracketed words, without footnotes. */
  words: string;
  sponsors: string[];
}

export interface WordingToken {
  kind: InlineToken['kind'];
  /** The words; for a footnote its text; empty for a bracket boundary. */
  text: string;
  inBracket: boolean;
  /** For a bracket boundary: the index of its bracket in `brackets`. */
  bracket: number | null;
  /** For a footnote: its id. */
  footnoteId: string | null;
}

export interface Wording {
  tokens: WordingToken[];
  brackets: WordingBracket[];
}

export function wordingOf(children: readonly Node[]): Wording {
  const marks = openedBrackets(children);
  const brackets: WordingBracket[] = marks.map((mark) => ({
    id: typeof mark.attrs.id === 'string' && mark.attrs.id !== '' ? mark.attrs.id : null,
    words: '',
    sponsors: sponsorNames(mark.attrs.sponsors),
  }));
  const tokens: WordingToken[] = [];
  let opened = -1;
  let current: number | null = null;
  for (const token of inlineTokens(children)) {
    if (token.kind === 'open') {
      opened++;
      current = opened;
      tokens.push({ kind: 'open', text: '', inBracket: true, bracket: opened, footnoteId: null });
    } else if (token.kind === 'close') {
      tokens.push({ kind: 'close', text: '', inBracket: true, bracket: current, footnoteId: null });
      current = null;
    } else if (token.kind === 'footnote') {
      const node = token.nodes[0];
      const id: unknown = node?.attrs.id;
      tokens.push({ kind: 'footnote', text: attrText(node?.attrs.text), inBracket: token.inBracket, bracket: null, footnoteId: typeof id === 'string' ? id : null });
    } else {
      const text = token.nodes.map((n) => n.text ?? '').join('');
      if (current !== null) brackets[current]!.words += text;
      tokens.push({ kind: token.kind, text, inBracket: token.inBracket, bracket: null, footnoteId: null });
    }
  }
  return { tokens, brackets };
}

/** The bracket marks in the order inlineTokens opens them (the same rule, so the k-th open is the k-th mark). */
function openedBrackets(children: readonly Node[]): Mark[] {
  const effective = effectiveBrackets([...children]);
  const opened: Mark[] = [];
  let open: Mark | null = null;
  for (const bracket of effective) {
    const same = open === null || bracket === null ? open === bracket : sameBracket(open, bracket);
    if (!same && bracket) opened.push(bracket);
    open = bracket;
  }
  return opened;
}

/**
 * Whether two wordings read the same: the same words, brackets (with their sponsors) and footnotes
 * in the same places. Ids and emphasis are not compared.
 */
export function sameWording(a: Wording, b: Wording): boolean {
  if (a.tokens.length !== b.tokens.length) return false;
  for (let i = 0; i < a.tokens.length; i++) {
    const x = a.tokens[i]!;
    const y = b.tokens[i]!;
    if (x.kind !== y.kind || x.text !== y.text || x.inBracket !== y.inBracket) return false;
    if (x.kind === 'open' && !sameList(a.brackets[x.bracket!]!.sponsors, b.brackets[y.bracket!]!.sponsors)) return false;
  }
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * A unit's wording as the tokens a redline compares: words, runs of spaces, footnotes and bracket
 * boundaries, as amendments/inline-tokens.ts cuts them, each boundary tied to the bracket it opens
 * or closes, and each bracket with its words and sponsors. Read from the text directly (no node is
 * cut per word), since a comparison reads every changed paragraph of two whole texts.
 */
import type { Mark, Node } from 'prosemirror-model';
import { sameBracket } from '../bracket-mark.js';
import { effectiveBrackets } from '../plain-text-inline.js';
import { attrText, sponsorNames } from '../schema.js';

export interface WordingBracket {
  id: string | null;
  /** The bracketed words, without footnotes. */
  words: string;
  sponsors: string[];
}

export interface WordingToken {
  kind: 'word' | 'space' | 'footnote' | 'open' | 'close';
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

/** Words (letters, digits, combining marks), runs of spaces, or one other character: inlineTokens' pieces. */
const PIECE = /\s+|[\p{L}\p{N}\p{M}]+|[\s\S]/gu;

export function wordingOf(children: readonly Node[]): Wording {
  const effective = effectiveBrackets([...children]);
  const tokens: WordingToken[] = [];
  const brackets: WordingBracket[] = [];
  let open: Mark | null = null;
  let run = '';
  const flush = (): void => {
    if (run === '') return;
    const inBracket = open !== null;
    for (const [piece] of run.matchAll(PIECE)) tokens.push({ kind: /^\s/.test(piece) ? 'space' : 'word', text: piece, inBracket, bracket: null, footnoteId: null });
    if (inBracket) brackets.at(-1)!.words += run;
    run = '';
  };
  children.forEach((child, i) => {
    const bracket = effective[i] ?? null;
    const same = open === null || bracket === null ? open === bracket : sameBracket(open, bracket);
    if (!same) {
      flush();
      if (open) tokens.push({ kind: 'close', text: '', inBracket: true, bracket: brackets.length - 1, footnoteId: null });
      if (bracket) {
        const id: unknown = bracket.attrs.id;
        brackets.push({ id: typeof id === 'string' && id !== '' ? id : null, words: '', sponsors: sponsorNames(bracket.attrs.sponsors) });
        tokens.push({ kind: 'open', text: '', inBracket: true, bracket: brackets.length - 1, footnoteId: null });
      }
      open = bracket;
    }
    if (child.isText) {
      run += child.text ?? '';
      return;
    }
    flush();
    const id: unknown = child.attrs.id;
    tokens.push({ kind: 'footnote', text: attrText(child.attrs.text), inBracket: open !== null, bracket: null, footnoteId: typeof id === 'string' ? id : null });
  });
  flush();
  if (open) tokens.push({ kind: 'close', text: '', inBracket: true, bracket: brackets.length - 1, footnoteId: null });
  return { tokens, brackets };
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

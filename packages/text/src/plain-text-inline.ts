/**
 * The inline part of the plain-text format: brackets "[...]" with sponsors "{A, B}" right after the
 * "]", footnotes "^[...]", and backslash escapes for the characters that carry that syntax.
 */
import type { Mark, Node } from 'prosemirror-model';
import { bracketOf, sameBracket } from './bracket-mark.js';
import { newId } from './ids.js';
import { attrText, M, N, schema, sponsorNames } from './schema.js';

const SYNTAX = /[\\[\]{}^]/g;
const SPONSOR_SYNTAX = /[\\[\]{}^,]/g;
const ESCAPABLE = new Set(['\\', '[', ']', '{', '}', '^', ',']);

/**
 * Every line break a reader of the format may honour: a lone CR or U+2028/U+2029 left in a line
 * would end it early for some readers, and the line patterns (whose "." matches none of them) reject it.
 */
export const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029]/g;

/** Escape text for one line; a line break inside text (rare, pasted) becomes a space. */
export function escapeText(text: string, syntax: RegExp = SYNTAX): string {
  return text.replace(LINE_BREAKS, ' ').replace(syntax, '\\$&');
}

/** The bracket an inline node is in, or null: plain text between brackets is a bracket of its own here. */
function bracketAt(node: Node): Mark | null {
  return bracketOf(node) ?? null;
}

function sameOrNone(a: Mark | null, b: Mark | null): boolean {
  return a === null || b === null ? a === b : sameBracket(a, b);
}

function closing(mark: Mark): string {
  const names = sponsorNames(mark.attrs.sponsors);
  return names.length > 0 ? `]{${names.map((n) => escapeText(n.trim(), SPONSOR_SYNTAX)).join(', ')}}` : ']';
}

/**
 * A footnote without the bracket mark, between two pieces of one bracket, is written inside it: a
 * footnote never splits a bracket.
 */
export function effectiveBrackets(children: Node[]): Array<Mark | null> {
  // The nearest text's bracket on each side, found in one pass each way: a paragraph a writer filled
  // with thousands of footnotes must not cost quadratic time on the server that exports it.
  const after: Array<Mark | null | undefined> = [];
  let next: Mark | null | undefined;
  for (let i = children.length - 1; i >= 0; i--) {
    after[i] = next;
    if (children[i]!.isText) next = bracketAt(children[i]!);
  }
  let before: Mark | null = null;
  return children.map((child, i) => {
    const own = bracketAt(child);
    if (child.isText) {
      before = own;
      return own;
    }
    if (own !== null) return own;
    const following = after[i];
    return before !== null && following !== undefined && sameOrNone(before, following) ? before : null;
  });
}

export function writeInline(block: Node): string {
  const children: Node[] = [];
  block.forEach((child) => children.push(child));
  const brackets = effectiveBrackets(children);
  let out = '';
  let open: Mark | null = null;
  children.forEach((child, i) => {
    const bracket = brackets[i]!;
    if (!sameOrNone(open, bracket)) {
      if (open) out += closing(open);
      if (bracket) out += '[';
      open = bracket;
    }
    if (child.isText) out += escapeText(child.text ?? '');
    else if (child.type.name === N.footnote) out += `^[${escapeText(attrText(child.attrs.text))}]`;
  });
  if (open) out += closing(open);
  return out;
}

/** A problem in one line's inline text; `column` is 1-based within the line. */
export class InlineSyntaxError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

type Piece = { kind: 'text'; text: string } | { kind: 'footnote'; text: string };

/**
 * Parse the inline text of a paragraph or sub-paragraph. `startColumn` is where `text` starts in its
 * line, so errors point at the right column. Brackets and footnotes get fresh ids.
 */
export function parseInline(text: string, startColumn: number): Node[] {
  const out: Node[] = [];
  let pieces: Piece[] = [];
  let bracketColumn = 0;
  let i = 0;
  const fail = (at: number, message: string): never => {
    throw new InlineSyntaxError(startColumn + at, message);
  };
  const addText = (chars: string): void => {
    const last = pieces.at(-1);
    if (last?.kind === 'text') last.text += chars;
    else pieces.push({ kind: 'text', text: chars });
  };
  const emit = (marks: readonly Mark[]): void => {
    for (const piece of pieces) {
      if (piece.kind === 'text') out.push(schema.text(piece.text, marks));
      // Unmarked even inside a bracket: the Yjs binding keeps marks on text only, and a footnote
      // never splits a bracket anyway.
      else out.push(schema.nodes[N.footnote]!.create({ id: newId(), text: piece.text }));
    }
    pieces = [];
  };
  /** Read up to an unescaped `end`, resolving escapes; returns the raw parts split at `split`. */
  const readUntil = (from: number, end: string, split: string | null, what: string): { parts: string[]; next: number } => {
    const parts = [''];
    let j = from;
    while (j < text.length) {
      const c = text[j]!;
      if (c === '\\') {
        const next = text[j + 1];
        if (next === undefined || !ESCAPABLE.has(next)) fail(j, `"\\${next ?? ''}" is not an escape; write \\\\ for a backslash`);
        parts[parts.length - 1] += next!;
        j += 2;
      } else if (c === end) {
        return { parts, next: j + 1 };
      } else if (c === split) {
        parts.push('');
        j++;
      } else if (c === '[' || c === '{' || c === '^' || (c === ']' && end !== ']') || (c === '}' && end !== '}')) {
        return fail(j, `"${c}" inside ${what}; write \\${c} for the character itself`);
      } else {
        parts[parts.length - 1] += c;
        j++;
      }
    }
    return fail(from, `${what} is not closed`);
  };

  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) fail(i, `"\\${next ?? ''}" is not an escape; write \\\\ for a backslash`);
      addText(next!);
      i += 2;
    } else if (c === '[') {
      if (bracketColumn > 0) fail(i, 'a bracket inside a bracket: brackets do not nest');
      emit([]);
      bracketColumn = i + 1;
      i++;
    } else if (c === ']') {
      if (bracketColumn === 0) fail(i, 'a "]" with no "[" before it');
      if (!pieces.some((p) => p.kind === 'text' && p.text !== '')) fail(bracketColumn - 1, 'brackets must hold some text; write \\[\\] for the characters themselves');
      let sponsors: string[] = [];
      i++;
      if (text[i] === '{') {
        const read = readUntil(i + 1, '}', ',', 'a sponsor list "{...}"');
        sponsors = read.parts.map((name) => name.trim());
        if (sponsors.length === 1 && sponsors[0] === '') sponsors = [];
        else if (sponsors.includes('')) fail(i, 'an empty name in a sponsor list "{A, B}"');
        i = read.next;
      }
      emit([schema.marks[M.bracket]!.create({ id: newId(), sponsors })]);
      bracketColumn = 0;
    } else if (c === '^') {
      if (text[i + 1] !== '[') fail(i, '"^" starts a footnote "^[...]"; write \\^ for the character itself');
      const read = readUntil(i + 2, ']', null, 'a footnote "^[...]"');
      pieces.push({ kind: 'footnote', text: read.parts[0]! });
      i = read.next;
    } else if (c === '{' || c === '}') {
      fail(i, `unexpected "${c}": sponsors follow "]" directly and a status ends a paragraph line; write \\${c} for the character itself`);
    } else {
      addText(c);
      i++;
    }
  }
  if (bracketColumn > 0) fail(bracketColumn - 1, 'a "[" that is never closed');
  emit([]);
  return out;
}

/**
 * The inline syntax of the plain-text format, read leniently: "[…]" brackets with "{A, B}" sponsors
 * right after the "]", "^[…]" footnotes (and footnote runs from a DOCX or Markdown file), backslash
 * escapes. Whatever does not read (an unclosed or nested bracket, a stray brace) stays as the literal
 * characters and is noted, so the words are never lost and never mangled into structure.
 */
import type { Mark, Node } from 'prosemirror-model';
import { newId } from '../ids.js';
import { M, MAX_FOOTNOTE_LENGTH, MAX_SPONSOR_LENGTH, MAX_SPONSORS, N, schema } from '../schema.js';
import type { Token } from './tokens.js';

const ESCAPABLE = new Set(['\\', '[', ']', '{', '}', '^', ',']);

export interface InlineResult {
  nodes: Node[];
  /** Why some characters were kept literally; empty when the line read cleanly. */
  problems: string[];
  brackets: Array<{ text: string; sponsors: string[] }>;
  footnotes: string[];
}

type Piece =
  | { kind: 'text'; text: string; em: boolean; strong: boolean; bracket: number }
  | { kind: 'footnote'; text: string }
  /** Where a "[" opened; becomes a literal "[" if it never closes. */
  | { kind: 'open'; em: boolean; strong: boolean };

interface Bracket {
  sponsors: string[];
}

const isChar = (t: Token | undefined, ch: string): boolean => t !== undefined && !('footnote' in t) && t.ch === ch;

export function readInline(tokens: readonly Token[]): InlineResult {
  const problems = new Set<string>();
  const pieces: Piece[] = [];
  const brackets: Bracket[] = [];
  let open = -1; // index in pieces of the open "[", or -1
  const addChar = (ch: string, em: boolean, strong: boolean): void => {
    const bracket = open >= 0 ? brackets.length : -1;
    const last = pieces.at(-1);
    if (last?.kind === 'text' && last.em === em && last.strong === strong && last.bracket === bracket) last.text += ch;
    else pieces.push({ kind: 'text', text: ch, em, strong, bracket });
  };
  /** Turn the open "[" into a literal character and its text into unbracketed text. */
  const dropOpen = (): void => {
    const at = pieces[open]!;
    const flags = at.kind === 'open' ? at : { em: false, strong: false };
    pieces[open] = { kind: 'text', text: '[', em: flags.em, strong: flags.strong, bracket: -1 };
    for (let k = open + 1; k < pieces.length; k++) {
      const p = pieces[k]!;
      if (p.kind === 'text') p.bracket = -1;
    }
    open = -1;
  };
  /** Where the last read that found no end stopped (a footnote, a stop character, the line's end). */
  let stoppedAt = tokens.length;
  /** Read to an unescaped `end`; null when it never comes (or a line of syntax intervenes). */
  const readUntil = (from: number, end: string, stopAt: string): { text: string; raw: string[]; next: number } | null => {
    let text = '';
    const raw: string[] = [''];
    for (let j = from; j < tokens.length; j++) {
      const t = tokens[j]!;
      if ('footnote' in t) {
        stoppedAt = j;
        return null;
      }
      if (t.ch === '\\' && ESCAPABLE.has((tokens[j + 1] as { ch?: string } | undefined)?.ch ?? '')) {
        const next = (tokens[j + 1] as { ch: string }).ch;
        text += next;
        raw[raw.length - 1] += next;
        j++;
        continue;
      }
      if (t.ch === end) return { text, raw, next: j + 1 };
      if (stopAt.includes(t.ch)) {
        stoppedAt = j;
        return null;
      }
      if (t.ch === ',' && end === '}') raw.push('');
      else raw[raw.length - 1] += t.ch;
      text += t.ch;
    }
    stoppedAt = tokens.length;
    return null;
  };
  /**
   * A "^[" whose read found no "]" between `from` and `to`: any later "^[" that starts in that span
   * reaches the same place without one (the read passes a "^[" as plain characters), so it is not read
   * again. Without this a line of "^[^[^[…" is read once per "^[", and 100 KB took minutes.
   */
  let unclosedNote: { from: number; to: number } | null = null;

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if ('footnote' in t) {
      pieces.push({ kind: 'footnote', text: t.footnote });
      i++;
      continue;
    }
    const { ch, em, strong } = t;
    if (ch === '\\') {
      const next = tokens[i + 1];
      if (next !== undefined && !('footnote' in next) && ESCAPABLE.has(next.ch)) {
        addChar(next.ch, next.em, next.strong);
        i += 2;
      } else {
        addChar('\\', em, strong);
        i++;
      }
      continue;
    }
    if (ch === '^' && isChar(tokens[i + 1], '[')) {
      const from = i + 2;
      const known = unclosedNote !== null && from >= unclosedNote.from && from <= unclosedNote.to;
      const read = known ? null : readUntil(from, ']', '');
      if (!read && !known) unclosedNote = { from, to: stoppedAt };
      if (read) {
        pieces.push({ kind: 'footnote', text: read.text });
        i = read.next;
      } else {
        problems.add('a "^[" footnote that is never closed, kept as the characters');
        addChar('^', em, strong);
        i++;
      }
      continue;
    }
    if (ch === '[') {
      if (open >= 0) {
        problems.add('a "[" inside a bracket: the outer one is kept as the character');
        dropOpen();
      }
      open = pieces.length;
      pieces.push({ kind: 'open', em, strong });
      i++;
      continue;
    }
    if (ch === ']') {
      const hasText = open >= 0 && pieces.slice(open + 1).some((p) => p.kind === 'text' && p.text !== '');
      if (!hasText) {
        if (open >= 0) {
          problems.add('an empty bracket "[]", kept as the characters');
          dropOpen();
        } else problems.add('a "]" with no "[" before it, kept as the character');
        addChar(']', em, strong);
        i++;
        continue;
      }
      let sponsors: string[] = [];
      i++;
      if (isChar(tokens[i], '{')) {
        const read = readUntil(i + 1, '}', '[]{^');
        const names = read ? read.raw.map((n) => n.trim()).filter((n) => n !== '') : null;
        if (read && names && names.length <= MAX_SPONSORS && names.every((n) => n.length <= MAX_SPONSOR_LENGTH)) {
          if (names.length !== read.raw.length && !(read.raw.length === 1 && read.raw[0]!.trim() === '')) problems.add('an empty name in a sponsor list, left out');
          sponsors = names;
          i = read.next;
        } else {
          problems.add(read ? `a sponsor list of more than ${MAX_SPONSORS} names or a name over ${MAX_SPONSOR_LENGTH} characters, kept as the characters` : 'a sponsor list "{…" that is never closed, kept as the characters');
        }
      }
      pieces.splice(open, 1);
      brackets.push({ sponsors });
      open = -1;
      continue;
    }
    if (ch === '{' || ch === '}') {
      problems.add(`a "${ch}" that is neither sponsors after "]" nor a status, kept as the character`);
    }
    addChar(ch, em, strong);
    i++;
  }
  if (open >= 0) {
    problems.add('a "[" that is never closed, kept as the character');
    dropOpen();
  }
  return build(pieces, brackets, [...problems]);
}

function build(pieces: Piece[], brackets: Bracket[], problems: string[]): InlineResult {
  const marks = brackets.map((b) => schema.marks[M.bracket]!.create({ id: newId(), sponsors: b.sponsors }));
  const texts = brackets.map(() => '');
  const nodes: Node[] = [];
  const footnotes: string[] = [];
  for (const p of pieces) {
    if (p.kind === 'open') continue;
    if (p.kind === 'footnote') {
      let text = p.text;
      if (text.length > MAX_FOOTNOTE_LENGTH) {
        text = text.slice(0, MAX_FOOTNOTE_LENGTH);
        problems.push(`a footnote longer than ${MAX_FOOTNOTE_LENGTH} characters, cut there`);
      }
      footnotes.push(text);
      // Unmarked even inside a bracket, as fromPlainText reads it: the Yjs binding keeps marks on text only.
      nodes.push(schema.nodes[N.footnote]!.create({ id: newId(), text }));
      continue;
    }
    if (p.text === '') continue;
    let set: readonly Mark[] = [];
    if (p.bracket >= 0) {
      set = marks[p.bracket]!.addToSet(set);
      texts[p.bracket] += p.text;
    }
    if (p.em) set = schema.marks[M.em]!.create().addToSet(set);
    if (p.strong) set = schema.marks[M.strong]!.create().addToSet(set);
    nodes.push(schema.text(p.text, set));
  }
  return { nodes, problems, brackets: brackets.map((b, k) => ({ text: texts[k]!, sponsors: b.sponsors })), footnotes };
}

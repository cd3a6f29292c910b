import type { SourceRun } from './types.js';

/**
 * A line as characters, each with the emphasis it had, and footnotes that came as runs (DOCX, Markdown).
 * The recognizer finds labels and statuses in the characters, then reads the inline syntax from them.
 */
export type Token = { ch: string; em: boolean; strong: boolean } | { footnote: string };

/** C0 controls other than tab, and every line break: none can stand in a line of the model. */
// oxlint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\r\n]/g;

export function tokensOf(runs: readonly SourceRun[]): Token[] {
  const out: Token[] = [];
  for (const run of runs) {
    if ('footnote' in run) {
      out.push({ footnote: cleanText(run.footnote) });
      continue;
    }
    const em = run.em === true;
    const strong = run.strong === true;
    // By code point, so a surrogate pair is never split between two text nodes.
    for (const ch of cleanText(run.text)) out.push({ ch, em, strong });
  }
  return out;
}

export function cleanText(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\r' || c === '\n' || c === '\u2028' || c === '\u2029' ? ' ' : ''));
}

/** The characters up to the first footnote: where a label or heading is read. */
export function headOf(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if ('footnote' in t) break;
    out += t.ch;
  }
  return out;
}

/** All characters, a footnote as one U+FFFC: where a trailing status is read. */
export function flatOf(tokens: readonly Token[]): string {
  return tokens.map((t) => ('footnote' in t ? '\uFFFC' : t.ch)).join('');
}

/** The text as a reader sees it, for reports: footnotes as "^[…]". */
export function displayOf(tokens: readonly Token[]): string {
  return tokens.map((t) => ('footnote' in t ? `^[${t.footnote}]` : t.ch)).join('');
}

/** Tokens after the first `count` UTF-16 units of the head (labels are ASCII plus spaces). */
export function dropHead(tokens: readonly Token[], count: number): Token[] {
  let used = 0;
  let i = 0;
  while (i < tokens.length && used < count) {
    const t = tokens[i]!;
    if ('footnote' in t) break;
    used += t.ch.length;
    i++;
  }
  return tokens.slice(i);
}

/** Tokens with the first `count` units of the flat form kept (a footnote counts one). */
export function keepFlat(tokens: readonly Token[], count: number): Token[] {
  let used = 0;
  let i = 0;
  while (i < tokens.length && used < count) {
    const t = tokens[i]!;
    used += 'footnote' in t ? 1 : t.ch.length;
    i++;
  }
  return tokens.slice(0, i);
}

export function trimStart(tokens: readonly Token[]): Token[] {
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if ('footnote' in t || !/^\s$/.test(t.ch)) break;
    i++;
  }
  return tokens.slice(i);
}

export function trimEnd(tokens: readonly Token[]): Token[] {
  let i = tokens.length;
  while (i > 0) {
    const t = tokens[i - 1]!;
    if ('footnote' in t || !/^\s$/.test(t.ch)) break;
    i--;
  }
  return tokens.slice(0, i);
}

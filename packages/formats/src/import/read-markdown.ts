/**
 * readMarkdown: a Markdown file as SourceLines for the recognizer. Markdown is read as what it
 * displays, and a rolling text's square brackets are printed characters, so an escaped "\[" is a
 * bracket like "[" (and "\{A\}" sponsors). Headings ("#") are headings; list markers and block
 * quotes are taken off; "**2.**" bold labels, emphasis, links (their text), inline code; footnotes
 * "[^1]" with their "[^1]: …" definitions become footnote runs.
 */
import type { SourceLine, SourceRun } from '@accord/text/recognize';

const FOOTNOTE_DEF = /^ {0,3}\[\^([^\]\s]+)\]:\s?(.*)$/;
/** An ATX heading's opening: up to three spaces, one to six "#", then a space or the line's end. */
const HEADING_OPEN = /^ {0,3}(#{1,6})(?=\s|$)/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const BULLET = /^(\s*)[-*+]\s+/;
const QUOTE = /^\s*(?:>\s?)+/;
/** What follows a link's "]": "(url)" or "(url "title")", read where it stands (sticky). */
const LINK_TAIL = /\(([^)\s]*)(?:\s+"[^"]*")?\)/y;
/** Characters whose escape shows the character itself. */
const MD_ESCAPABLE = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

export function readMarkdown(text: string): SourceLine[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|[\n\r]/);
  const notes = new Map<string, string>();
  const body: Array<{ line: number; text: string }> = [];
  for (let i = 0; i < raw.length; i++) {
    const def = FOOTNOTE_DEF.exec(raw[i]!);
    if (def) {
      let note = def[2]!;
      // Continuation lines of a definition are indented.
      while (i + 1 < raw.length && /^( {4}|\t)\S/.test(raw[i + 1]!)) note += ` ${raw[++i]!.trim()}`;
      if (!notes.has(def[1]!)) notes.set(def[1]!, note.trim());
      continue;
    }
    body.push({ line: i + 1, text: raw[i]! });
  }
  const out: SourceLine[] = [];
  let fenced = false;
  for (const { line, text: source } of body) {
    if (/^\s*(```|~~~)/.test(source)) {
      fenced = !fenced;
      continue;
    }
    if (source.trim() === '' || RULE.test(source)) continue;
    let rest = fenced ? source : source.replace(QUOTE, '');
    const heading = fenced ? null : headingText(rest);
    if (heading !== null) {
      // A heading is a box title or the document's title, which the recognizer takes verbatim.
      const runs = inlineRuns(heading, notes, true);
      if (runs.length > 0) out.push({ line, runs, heading: true });
      continue;
    }
    // A list item's marker goes; its indentation stays (an indented "(a)" is a sub-paragraph).
    rest = rest.replace(BULLET, '$1');
    const runs = fenced ? [{ text: rest }] : inlineRuns(rest, notes);
    if (runs.some((r) => 'footnote' in r || r.text.trim() !== '')) out.push({ line, runs });
  }
  return out;
}

/**
 * An ATX heading's text ("## Box I. Scope ##" gives "Box I. Scope"), or null when the line is not a
 * heading. Read by hand: the one regular expression that did it took seconds on a long run of spaces.
 */
function headingText(line: string): string | null {
  const open = HEADING_OPEN.exec(line);
  if (!open) return null;
  let text = line.slice(open[0].length).trim();
  // A closing run of "#" after a space is not part of the text (a heading of "#" alone is read as "#").
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end > 0 && end < text.length && /\s/.test(text[end - 1]!)) text = text.slice(0, end).trimEnd();
  return text;
}

/**
 * One line's inline Markdown as runs. Text lines keep the rolling-text syntax (a displayed "[" is a
 * bracket) and escape a displayed backslash; `verbatim` lines (headings) give the characters as shown.
 */
export function inlineRuns(text: string, notes: ReadonlyMap<string, string>, verbatim = false): SourceRun[] {
  const runs: SourceRun[] = [];
  let em = false;
  let strong = false;
  const push = (chars: string): void => {
    if (chars === '') return;
    const last = runs.at(-1);
    if (last && 'text' in last && (last.em ?? false) === em && (last.strong ?? false) === strong) last.text += chars;
    else runs.push(em || strong ? { text: chars, em, strong } : { text: chars });
  };
  // Where the next "]" is, found once for every "[" before it: a line of "[[[[…" or "[^[^…" is read in
  // one pass, not once per "[" (50 KB took two seconds). The link after it, if any, is read once too.
  let close = -2;
  const nextClose = (from: number): number => {
    if (close === -2 || (close !== -1 && close < from)) close = text.indexOf(']', from);
    return close;
  };
  let linkAt = -1;
  let link: RegExpExecArray | null = null;
  const linkAfter = (end: number): RegExpExecArray | null => {
    if (linkAt !== end) {
      linkAt = end;
      LINK_TAIL.lastIndex = end + 1;
      link = LINK_TAIL.exec(text);
    }
    return link;
  };
  let longestNote = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\\' && next !== undefined && MD_ESCAPABLE.test(next)) {
      // "\\" shows a backslash, which the recognizer needs escaped; "\[" shows a bracket, which is syntax.
      push(next === '\\' && !verbatim ? '\\\\' : next);
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        push(verbatim ? text.slice(i + 1, end) : escapeSyntax(text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (c === '[' && next === '^') {
      const end = nextClose(i + 2);
      if (longestNote < 0) longestNote = longestKey(notes);
      // No id is longer than the longest defined one: a longer span is never sliced to be looked up.
      const id = end > i && end - (i + 2) <= longestNote ? text.slice(i + 2, end) : '';
      if (end > i && notes.has(id)) {
        runs.push({ footnote: notes.get(id)! });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      // A link "[text](url)": its text. A bracket "[text]" is left for the recognizer.
      const end = nextClose(i + 1);
      const tail = end > i ? linkAfter(end) : null;
      if (tail) {
        push(text.slice(i + 1, end));
        i = end + 1 + tail[0].length;
        continue;
      }
    }
    if ((c === '*' || c === '_') && next === c) {
      if (c === '*' || boundary(text, i, 2)) {
        strong = !strong;
        i += 2;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      if (c === '*' ? text.indexOf('*', i + 1) > i || em : boundary(text, i, 1)) {
        em = !em;
        i++;
        continue;
      }
    }
    push(c);
    i++;
  }
  return runs;
}

const longestKeys = new WeakMap<ReadonlyMap<string, string>, number>();

/** The length of the longest footnote id, found once per file rather than once per line. */
function longestKey(notes: ReadonlyMap<string, string>): number {
  let longest = longestKeys.get(notes);
  if (longest === undefined) {
    longest = 0;
    for (const id of notes.keys()) longest = Math.max(longest, id.length);
    longestKeys.set(notes, longest);
  }
  return longest;
}

/** "_" marks emphasis only at a word's edge ("snake_case" stays). */
function boundary(text: string, at: number, width: number): boolean {
  const before = text[at - 1];
  const after = text[at + width];
  return before === undefined || after === undefined || !/\w/.test(before) || !/\w/.test(after);
}

/** Code spans show their characters literally, syntax included. */
function escapeSyntax(text: string): string {
  return text.replace(/[\\[\]{}^]/g, '\\$&');
}

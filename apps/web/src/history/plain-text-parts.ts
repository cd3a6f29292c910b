import type { RedlinePart } from '@accord/contract';

/**
 * A paragraph's wording in the plain-text format ("[shall]{Veloria}", "^[a footnote]", backslash
 * escapes) as redline parts all of one op, so an inserted or deleted paragraph is drawn as the
 * modified ones are: brackets as brackets with their sponsors, footnotes as markers. Written here
 * rather than taken from @accord/text, which would bring the whole text model to the compare page.
 */
export function plainTextParts(text: string, op: RedlinePart['op']): RedlinePart[] {
  const parts: RedlinePart[] = [];
  const open: RedlinePart[] = [];
  let words = '';
  const flush = () => {
    if (words !== '') parts.push({ op, kind: 'text', text: words, inBracket: open.length > 0 });
    words = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      words += text[i + 1];
      i += 2;
    } else if (c === '^' && text[i + 1] === '[') {
      const [note, end] = readUntilClose(text, i + 2);
      flush();
      parts.push({ op, kind: 'footnote', text: note, inBracket: open.length > 0 });
      i = end;
    } else if (c === '[') {
      flush();
      const part: RedlinePart = { op, kind: 'open', text: '', sponsors: [], inBracket: open.length > 0 };
      open.push(part);
      parts.push(part);
      i++;
    } else if (c === ']' && open.length > 0) {
      flush();
      const opening = open.pop()!;
      parts.push({ op, kind: 'close', text: '', inBracket: open.length > 0 });
      i++;
      if (text[i] === '{') {
        const [names, end] = readUntil(text, i + 1, '}');
        opening.sponsors = names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
        i = end;
      }
    } else {
      words += c;
      i++;
    }
  }
  flush();
  return parts;
}

/** The unescaped text up to the `]` that closes a footnote (brackets inside it nest), and the index after it. */
function readUntilClose(text: string, from: number): [string, number] {
  let depth = 0;
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === '[') {
      depth++;
      out += c;
    } else if (c === ']') {
      if (depth === 0) return [out, i + 1];
      depth--;
      out += c;
    } else {
      out += c;
    }
  }
  return [out, text.length];
}

/** The unescaped text up to an unescaped `stop`, and the index after it. */
function readUntil(text: string, from: number, stop: string): [string, number] {
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === stop) {
      return [out, i + 1];
    } else {
      out += c;
    }
  }
  return [out, text.length];
}

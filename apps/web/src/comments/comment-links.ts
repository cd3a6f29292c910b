/**
 * A comment is plain text. Web addresses in it become links, everything else stays text: the
 * result is data that React renders as text nodes and anchors, so no part of a comment is ever
 * interpreted as HTML.
 */

export type CommentSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) addresses and bare "www." ones; anything else (javascript:, data:, mailto:) stays text.
const candidate = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;

/** Sentence punctuation after an address belongs to the sentence, as does a ")" that opens nowhere in it. */
function trimTrailing(url: string): string {
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) break;
    if ('.,;:!?\'"'.includes(last)) {
      end--;
      continue;
    }
    if (last === ')' || last === ']') {
      const open = last === ')' ? '(' : '[';
      const body = url.slice(0, end);
      if (body.split(open).length < body.split(last).length) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

function hrefOf(text: string): string | null {
  const href = /^www\./i.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function commentSegments(body: string): CommentSegment[] {
  const segments: CommentSegment[] = [];
  let plain = '';
  let at = 0;
  for (const match of body.matchAll(candidate)) {
    const text = trimTrailing(match[0]);
    const href = text.length > 0 ? hrefOf(text) : null;
    if (href === null || /^(?:https?:\/\/|www\.)$/i.test(text)) continue;
    plain += body.slice(at, match.index);
    if (plain) segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({ kind: 'link', text, href });
    at = match.index + text.length;
  }
  plain += body.slice(at);
  if (plain) segments.push({ kind: 'text', text: plain });
  return segments;
}

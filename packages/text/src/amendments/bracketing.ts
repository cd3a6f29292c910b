/** Putting wording in brackets: new bracket marks with their sponsors, and the footnotes that go with them. */
import type { Mark, Node } from 'prosemirror-model';
import { TextModelError } from '../errors.js';
import { newId } from '../ids.js';
import { effectiveBrackets } from '../plain-text-inline.js';
import { attrRuleOf, M, MAX_FOOTNOTE_LENGTH, N, schema } from '../schema.js';

/** Sponsor names trimmed and without repeats; a TextModelError naming `sponsors` if the schema would refuse them. */
export function checkSponsors(sponsors: readonly string[]): string[] {
  const names = [...new Set(sponsors.map((s) => s.trim()))];
  const rule = attrRuleOf(schema.marks[M.bracket]!, 'sponsors')!;
  if (!rule.accepts(names)) throw new TextModelError(`sponsors: must be ${rule.expected}`, 'sponsors');
  return names;
}

export function newBracket(sponsors: readonly string[]): Mark {
  return schema.marks[M.bracket]!.create({ id: newId(), sponsors: [...sponsors] });
}

/** The text nodes with the bracket mark added; footnotes stay unmarked (a footnote never splits a bracket). */
export function withBracket(nodes: readonly Node[], mark: Mark): Node[] {
  return nodes.map((node) => (node.isText ? node.mark(mark.addToSet(node.marks)) : node));
}

/**
 * Every stretch of wording not yet in a bracket put in a new one with these sponsors; existing
 * brackets are kept as they are. The spaces at either end of a stretch stay outside ("[a] [b] [c]",
 * not "[a][ b ][c]"), and a stretch of spaces alone is left alone.
 */
export function bracketUnbracketed(children: readonly Node[], sponsors: readonly string[]): Node[] {
  const brackets = effectiveBrackets([...children]);
  const out: Node[] = [];
  let run: Node[] = [];
  const flush = (): void => {
    out.push(...bracketTrimmed(run, sponsors));
    run = [];
  };
  children.forEach((child, i) => {
    if (brackets[i]) {
      flush();
      out.push(child);
    } else run.push(child);
  });
  flush();
  return out;
}

function bracketTrimmed(run: readonly Node[], sponsors: readonly string[]): Node[] {
  const text = run.map((n) => n.text ?? '').join('');
  const start = text.search(/\S/);
  if (start < 0) return [...run];
  const end = text.length - (text.length - text.trimEnd().length);
  const mark = newBracket(sponsors);
  const out: Node[] = [];
  let at = 0;
  for (const node of run) {
    if (!node.isText) {
      out.push(node);
      continue;
    }
    const length = node.text!.length;
    const cuts = [0, start - at, end - at, length].map((c) => Math.min(length, Math.max(0, c)));
    for (let k = 0; k < 3; k++) {
      if (cuts[k + 1]! <= cuts[k]!) continue;
      const piece = node.cut(cuts[k]!, cuts[k + 1]!);
      out.push(k === 1 ? piece.mark(mark.addToSet(piece.marks)) : piece);
    }
    at += length;
  }
  return out;
}

export function footnote(text: string, field: string): Node {
  if (text.length > MAX_FOOTNOTE_LENGTH) throw new TextModelError(`${field}: the footnote would be longer than ${MAX_FOOTNOTE_LENGTH} characters`, field);
  return schema.nodes[N.footnote]!.create({ id: newId(), text });
}

/** "Proposed for deletion by Arandia, Veloria", then the note if there is one. */
export function deletionFootnote(sponsors: readonly string[], note: string | undefined): Node {
  const by = sponsors.length > 0 ? ` by ${sponsors.join(', ')}` : '';
  return footnote(`Proposed for deletion${by}${note ? `. ${note}` : ''}`, note ? 'note' : 'sponsors');
}

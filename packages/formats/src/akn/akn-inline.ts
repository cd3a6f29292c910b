/**
 * The inline content of a paragraph or sub-paragraph in Akoma Ntoso: text with `<i>`/`<b>`, each
 * bracket as `<inline name="bracket">` holding its printed "[" and "]" (so the text content reads as
 * the printed text), its sponsors as `<inline name="sponsors" refersTo="#sponsor_1 …">` right after
 * it, and footnotes as `<authorialNote placement="bottom" marker="n">` where they stand.
 */
import { attrText, effectiveBrackets, M, N, sameBracket, sponsorNames } from '@accord/text';
import type { Mark, Node } from 'prosemirror-model';
import { escapeXmlText, xmlElement } from '../xml-escape.js';
import type { AknContext } from './akn-context.js';

function same(a: Mark | null, b: Mark | null): boolean {
  return a === null || b === null ? a === b : sameBracket(a, b);
}

function textRun(node: Node): string {
  let out = escapeXmlText(node.text ?? '');
  if (node.marks.some((m) => m.type.name === M.em)) out = `<i>${out}</i>`;
  if (node.marks.some((m) => m.type.name === M.strong)) out = `<b>${out}</b>`;
  return out;
}

function footnote(node: Node, parentEId: string, ctx: AknContext): string {
  const n = ctx.nextFootnote();
  const attrs = { eId: ctx.eId(`${parentEId}__authorialNote_${n}`), ...ctx.identity(node.attrs.id), marker: String(n), placement: 'bottom' };
  return xmlElement('authorialNote', attrs, xmlElement('p', {}, escapeXmlText(attrText(node.attrs.text))));
}

function closeBracket(mark: Mark, inner: string, ctx: AknContext): string {
  const bracket = xmlElement('inline', { name: 'bracket', ...ctx.identity(mark.attrs.id), refersTo: '#bracket' }, `[${inner}]`);
  const names = ctx.withSponsors ? sponsorNames(mark.attrs.sponsors).map((n) => n.trim()).filter((n) => n !== '') : [];
  if (names.length === 0) return bracket;
  const refersTo = names.map((name) => `#${ctx.sponsor(name)}`).join(' ');
  return bracket + xmlElement('inline', { name: 'sponsors', refersTo }, escapeXmlText(`{${names.join(', ')}}`));
}

/** The inline markup of a paragraph's text or a sub-paragraph; `parentEId` names its footnotes. */
export function aknInline(block: Node, parentEId: string, ctx: AknContext): string {
  const children: Node[] = [];
  block.forEach((child) => children.push(child));
  // A footnote between two pieces of one bracket is inside it, as the plain-text format writes it.
  const brackets = effectiveBrackets(children);
  let out = '';
  let open: Mark | null = null;
  let inner = '';
  children.forEach((child, i) => {
    const bracket = brackets[i] ?? null;
    if (!same(open, bracket)) {
      if (open) out += closeBracket(open, inner, ctx);
      open = bracket;
      inner = '';
    }
    let piece = '';
    if (child.isText) piece = textRun(child);
    else if (child.type.name === N.footnote) piece = footnote(child, parentEId, ctx);
    if (open) inner += piece;
    else out += piece;
  });
  if (open) out += closeBracket(open, inner, ctx);
  return out;
}

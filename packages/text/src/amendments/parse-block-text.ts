/**
 * An amendment's wording: one block's inline content in the plain-text format, "[shall][should]{Arandia}"
 * with footnotes "^[...]". One line: no label, no status, no sub-paragraphs.
 */
import type { Node } from 'prosemirror-model';
import { TextFormatError } from '../errors.js';
import { InlineSyntaxError, parseInline } from '../plain-text-inline.js';
import { attrRuleOf, M, N, schema } from '../schema.js';

/** Inline nodes with fresh ids for their brackets and footnotes; a TextFormatError (line 1, with the column) otherwise. */
export function parseBlockText(text: string): Node[] {
  const lineBreak = /[\n\r\u2028\u2029]/.exec(text);
  if (lineBreak) throw new TextFormatError(1, `column ${lineBreak.index + 1}: a line break; the text of one paragraph or sub-paragraph is one line`);
  let nodes: Node[];
  try {
    nodes = parseInline(text, 1);
  } catch (error) {
    if (error instanceof InlineSyntaxError) throw new TextFormatError(1, `column ${error.column}: ${error.message}`);
    throw error;
  }
  checkAttributes(nodes);
  return nodes;
}

/** What the format can say but the schema's attribute rules refuse (a footnote or sponsor list too long). */
function checkAttributes(nodes: readonly Node[]): void {
  const footnoteText = attrRuleOf(schema.nodes[N.footnote]!, 'text')!;
  const sponsors = attrRuleOf(schema.marks[M.bracket]!, 'sponsors')!;
  for (const node of nodes) {
    if (node.type.name === N.footnote && !footnoteText.accepts(node.attrs.text)) {
      throw new TextFormatError(1, `a footnote must be ${footnoteText.expected}`);
    }
    for (const mark of node.marks) {
      if (mark.type.name === M.bracket && !sponsors.accepts(mark.attrs.sponsors)) {
        throw new TextFormatError(1, `the sponsors of a bracket must be ${sponsors.expected}`);
      }
    }
  }
}

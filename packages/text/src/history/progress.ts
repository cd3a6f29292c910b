/** How far each box has come: the brackets still open and its paragraphs by status. */
import type { Node } from 'prosemirror-model';
import { openBrackets } from '../brackets.js';
import { N } from '../schema.js';
import type { BoxProgress } from './types.js';

/**
 * One row per box, in order. Every paragraph counts, each alternative of a slot too: an Alt group
 * under negotiation is that many paragraphs still to agree or drop.
 */
export function progressOf(doc: Node): BoxProgress[] {
  const rows = openBrackets(doc).map((box) => ({ box: box.boxLabel, title: box.title, openBrackets: box.count, agreed: 0, agreedAdRef: 0, underNegotiation: 0 }));
  let index = 0;
  // openBrackets lists the box nodes in order and skips anything else, as this walk does.
  doc.forEach((box) => {
    if (box.type.name !== N.box) return;
    const row = rows[index++]!;
    box.forEach((paragraph) => {
      if (paragraph.type.name !== N.paragraph) return;
      const status: unknown = paragraph.attrs.status;
      if (status === 'agreed') row.agreed++;
      else if (status === 'agreed_ad_ref') row.agreedAdRef++;
      else row.underNegotiation++;
    });
  });
  return rows;
}

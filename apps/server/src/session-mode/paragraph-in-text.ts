/**
 * Whether an id names a paragraph of the text as it is now: a top-level paragraph of a box, which
 * includes each alternative (Alt 1, Alt 2) and each bis or ter paragraph, as they are paragraphs of
 * their own. Sub-paragraphs, footnotes and boxes are not what the room is "on". Read from the Y.Doc
 * directly, so reading changes nothing.
 */
import { N } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';

export function isParagraphOf(doc: Y.Doc, paragraphId: string): boolean {
  for (const box of doc.getXmlFragment(ROLLING_TEXT_FIELD).toArray()) {
    if (!(box instanceof Y.XmlElement) || box.nodeName !== N.box) continue;
    for (const paragraph of box.toArray()) {
      if (paragraph instanceof Y.XmlElement && paragraph.nodeName === N.paragraph && paragraph.getAttribute('id') === paragraphId) return true;
    }
  }
  return false;
}

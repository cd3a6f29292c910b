/**
 * A whole rolling text written into the Y.Doc of a document the server created, from a client, as
 * the editor's binding (y-tiptap) would write it: one Y.XmlElement per node holding its non-null
 * attributes, consecutive text nodes as one Y.XmlText whose marks are formats (`bracket` →
 * `{id, sponsors}`), a footnote as an element beside them. The bench does not depend on y-tiptap;
 * what it writes must pass the server's schema check, which refuses anything else.
 *
 * The template's boxes are replaced in the first transaction, then one box per transaction, so no
 * update comes near the server's size limit.
 */
import type { RollingTextJSON, RollingTextNodeJSON } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';

export function writeRollingText(doc: Y.Doc, text: RollingTextJSON): void {
  const fragment = doc.getXmlFragment(ROLLING_TEXT_FIELD);
  const boxes = text.content;
  boxes.forEach((box, i) => {
    doc.transact(() => {
      if (i === 0) fragment.delete(0, fragment.length);
      fragment.insert(fragment.length, [element(box)]);
    });
  });
}

type Attributes = Record<string, unknown>;

/** One node of a rolling text (a box, a paragraph) as the Y.XmlElement the editor's binding writes for it. */
export function element(node: RollingTextNodeJSON): Y.XmlElement {
  const type = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries((node.attrs ?? {}) as Attributes)) {
    // Yjs types attributes as strings; y-tiptap stores them as the node holds them (numbers stay numbers).
    if (value !== null) type.setAttribute(key, value as string);
  }
  const children: Array<Y.XmlElement | Y.XmlText> = [];
  let run: RollingTextNodeJSON[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(run.map((t) => ({ insert: t.text ?? '', attributes: marks(t) })));
    children.push(text);
    run = [];
  };
  for (const child of node.content ?? []) {
    if (child.type === 'text') run.push(child);
    else {
      flush();
      children.push(element(child));
    }
  }
  flush();
  type.insert(0, children);
  return type;
}

function marks(text: RollingTextNodeJSON): Attributes {
  const attributes: Attributes = {};
  for (const mark of text.marks ?? []) attributes[mark.type] = mark.attrs ?? {};
  return attributes;
}

/** The Y.XmlText of a paragraph's text line (its first), found by the paragraph's id. */
export function paragraphTextOf(doc: Y.Doc, paragraphId: string): Y.XmlText {
  const line = paragraphElementOf(doc, paragraphId).get(0);
  const text = line instanceof Y.XmlElement ? line.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText) : undefined;
  if (!text) throw new Error(`paragraph ${paragraphId} has no text to type into`);
  return text;
}

/** A paragraph's element, found by its id in any box. */
export function paragraphElementOf(doc: Y.Doc, paragraphId: string): Y.XmlElement {
  for (const box of doc.getXmlFragment(ROLLING_TEXT_FIELD).toArray()) {
    if (!(box instanceof Y.XmlElement)) continue;
    for (const paragraph of box.toArray()) {
      if (paragraph instanceof Y.XmlElement && paragraph.getAttribute('id') === paragraphId) return paragraph;
    }
  }
  throw new Error(`no paragraph ${paragraphId} in the document`);
}

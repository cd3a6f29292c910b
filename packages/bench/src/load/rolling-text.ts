/**
 * Where Accord's workloads type: the first paragraph of a rolling text. The server refuses content its
 * schema does not allow, a free-standing root Y.Text included, so an Accord typist edits what the
 * editor edits: rollingText (Y.XmlFragment) > box > paragraph > paragraphText > Y.XmlText. A Y.XmlText
 * is a Y.Text, so the typists, the trace replay and the latency probe (new clocks and delete sets)
 * treat it exactly as Hocuspocus's root Y.Text: one inserted character is one item, one clock.
 */
import { N } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';

/**
 * The text of the first paragraph of the first box. A new document (the server's five-box template)
 * holds an empty paragraph, which has no Y.XmlText yet: this creates one, as the editor does at the
 * first keystroke. Only one replica may create it (the room's first, before the others open), or two
 * would each type into their own.
 */
export function firstParagraphText(doc: Y.Doc): Y.XmlText {
  const box = childElement(doc.getXmlFragment(ROLLING_TEXT_FIELD), N.box);
  const paragraphText = childElement(childElement(box, N.paragraph), N.paragraphText);
  const existing = paragraphText.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (existing) return existing;
  const text = new Y.XmlText();
  paragraphText.insert(0, [text]);
  return text;
}

/** The characters of a text, without the XML tags Y.XmlText.toString() would wrap formatted runs in. */
export function plainText(text: Y.Text): string {
  let result = '';
  for (const { insert } of text.toDelta() as Array<{ insert: unknown }>) if (typeof insert === 'string') result += insert;
  return result;
}

function childElement(parent: Y.XmlFragment | Y.XmlElement, name: string): Y.XmlElement {
  const child = parent.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === name);
  if (!child) throw new Error(`the rolling text has no ${name} where the bench types: is this a document the server created?`);
  return child;
}

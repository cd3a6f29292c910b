/**
 * A long rolling text for the comments workload: `count` paragraphs spread over the five boxes of a
 * document the server created, each with words of its own, written into the Y.Doc as the editor
 * writes them (y-tiptap turns a node into a Y.XmlElement holding its non-null attributes), so the
 * server's schema check accepts every update and the web editor opens the text unchanged.
 */
import { N, newId } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';

export interface WrittenParagraph {
  id: string;
  text: string;
}

const WORDS = (
  'states shall ensure that weapons systems remain under meaningful human control throughout their life cycle ' +
  'in accordance with international humanitarian law including the principles of distinction proportionality ' +
  'and precautions in attack the high contracting parties should consider legal reviews of new weapons means ' +
  'and methods of warfare taking into account the specific characteristics of autonomy in critical functions ' +
  'operators must be able to understand predict and explain the effects of a system in its operational context ' +
  'responsibility for decisions on the use of force cannot be transferred to machines accountability applies'
).split(' ');

/** About 30 words, like a paragraph of the CCW rolling text. */
const WORDS_PER_PARAGRAPH = 30;

/**
 * Fills the first paragraph of each box and adds paragraphs after it until the document holds
 * `count`, one transaction per box (each a few tens of kB, far below the server's update limit).
 * Returns every paragraph in document order with its id and text.
 */
export function writeParagraphs(doc: Y.Doc, count: number, random: () => number): WrittenParagraph[] {
  const boxes = doc
    .getXmlFragment(ROLLING_TEXT_FIELD)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === N.box);
  if (boxes.length === 0) throw new Error('the document holds no boxes: is this a document the server created?');
  const written: WrittenParagraph[] = [];
  boxes.forEach((box, b) => {
    const inBox = Math.floor(count / boxes.length) + (b < count % boxes.length ? 1 : 0);
    doc.transact(() => {
      const first = box.toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === N.paragraph);
      if (!first) throw new Error('a box of the template has no paragraph');
      const firstBody = first.get(0);
      if (!(firstBody instanceof Y.XmlElement) || firstBody.nodeName !== N.paragraphText) throw new Error('a paragraph of the template has no text');
      const firstText = sentence(random, b, 1);
      firstBody.insert(firstBody.length, [textNode(firstText)]);
      written.push({ id: String(first.getAttribute('id')), text: firstText });
      const added: Array<Y.XmlElement<{ [key: string]: string | number }>> = [];
      for (let num = 2; num <= inBox; num++) {
        const text = sentence(random, b, num);
        const id = newId();
        added.push(paragraph(id, num, text));
        written.push({ id, text });
      }
      // Yjs types an element's children as holding string attributes only; num and sfx are numbers.
      box.insertAfter(first, added as unknown as Y.XmlElement[]);
    });
  });
  return written;
}

export function paragraph(id: string, num: number, text: string): Y.XmlElement<{ [key: string]: string | number }> {
  // Numbers stay numbers: y-tiptap stores attribute values as the node holds them.
  const element = new Y.XmlElement<{ [key: string]: string | number }>(N.paragraph);
  element.setAttribute('id', id);
  element.setAttribute('num', num);
  element.setAttribute('sfx', 0);
  element.setAttribute('status', 'under_negotiation');
  const body = new Y.XmlElement(N.paragraphText);
  body.insert(0, [textNode(text)]);
  element.insert(0, [body]);
  return element;
}

function textNode(text: string): Y.XmlText {
  const node = new Y.XmlText();
  node.insert(0, text);
  return node;
}

function sentence(random: () => number, box: number, num: number): string {
  const words: string[] = [];
  for (let i = 0; i < WORDS_PER_PARAGRAPH; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  // Each paragraph names itself, so no two read alike and a quote can be checked against its own.
  return `In box ${box + 1}, paragraph ${num}: ${words.join(' ')}.`;
}

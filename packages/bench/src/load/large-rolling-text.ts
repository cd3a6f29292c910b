/**
 * W5's large document: a rolling text grown paragraph by paragraph until its encoded Yjs state
 * reaches a size, written as the editor's binding writes paragraphs (long-rolling-text.ts). Each
 * transaction adds about `chunkBytes` of text to one box, in turn, and is acknowledged before the
 * next: far below the server's update limit (SYNC_MAX_UPDATE_BYTES, 1 MB), and never a backlog.
 */
import { N, emptyRollingText, newId, type RollingTextJSON } from '@accord/text';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import * as Y from 'yjs';
import type { BenchDocument } from './driver.js';
import { paragraph } from './long-rolling-text.js';
import { writeRollingText } from './write-rolling-text.js';

export interface GrownText {
  stateBytes: number;
  paragraphs: number;
  characters: number;
}

const WORDS = (
  'the high contracting parties shall ensure that any weapon system based on emerging technologies remains under ' +
  'meaningful human control throughout its life cycle including the stages of research development testing ' +
  'acquisition deployment and use in accordance with international humanitarian law and its principles'
).split(' ');

export async function growRollingText(
  document: BenchDocument,
  target: { stateBytes: number; paragraphChars: number; chunkBytes: number },
  random: () => number,
): Promise<GrownText> {
  const { doc } = document;
  // Hocuspocus's documents start empty: the same five boxes the Accord server's template holds.
  if (boxesOf(doc).length === 0) writeRollingText(doc, emptyRollingText().toJSON() as RollingTextJSON);
  const boxes = boxesOf(doc);
  const numbers = boxes.map((box) => box.toArray().filter((node) => node instanceof Y.XmlElement && node.nodeName === N.paragraph).length);
  let paragraphs = 0;
  let characters = 0;
  let stateBytes = Y.encodeStateAsUpdate(doc).length;
  for (let chunk = 0; stateBytes < target.stateBytes; chunk++) {
    const b = chunk % boxes.length;
    const box = boxes[b]!;
    const added: Array<Y.XmlElement<{ [key: string]: string | number }>> = [];
    for (let bytes = 0; bytes < target.chunkBytes; ) {
      const text = paragraphText(random, b, ++numbers[b]!, target.paragraphChars);
      added.push(paragraph(newId(), numbers[b]!, text));
      bytes += text.length;
      characters += text.length;
    }
    // Yjs types an element's children as holding string attributes only; num and sfx are numbers.
    doc.transact(() => box.insert(box.length, added as unknown as Y.XmlElement[]));
    paragraphs += added.length;
    await document.whenAcknowledged();
    stateBytes = Y.encodeStateAsUpdate(doc).length;
  }
  return { stateBytes, paragraphs, characters };
}

function boxesOf(doc: Y.Doc): Y.XmlElement[] {
  return doc
    .getXmlFragment(ROLLING_TEXT_FIELD)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === N.box);
}

/** About `chars` characters of words, naming its box and number so that no two read alike. */
function paragraphText(random: () => number, box: number, num: number, chars: number): string {
  let text = `In box ${box + 1}, paragraph ${num}:`;
  while (text.length < chars) text += ` ${WORDS[Math.floor(random() * WORDS.length)]!}`;
  return `${text}.`;
}

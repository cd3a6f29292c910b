import { Fragment, type Node } from 'prosemirror-model';
import { paragraphSlots } from './labels.js';
import { N } from './schema.js';

/**
 * A clean revision, as the chair issues one: paragraphs 1..n in each box (the alternatives of one
 * slot share a number), sub-paragraphs (a)..(z) in each paragraph, no "bis". Ids are kept, so
 * comments and amendments stay attached. Returns a new document.
 */
export function renumber(doc: Node): Node {
  const boxes: Node[] = [];
  doc.forEach((box) => {
    const numberAt = new Map<number, number>();
    paragraphSlots(box).forEach((slot, i) => {
      for (const { pos } of slot) numberAt.set(pos, i + 1);
    });
    const children: Node[] = [];
    box.forEach((child, offset) => {
      const num = numberAt.get(offset + 1);
      if (num === undefined) children.push(child);
      else children.push(child.type.create({ ...child.attrs, num, sfx: 0 }, Fragment.from(renumberSubparagraphs(child)), child.marks));
    });
    boxes.push(box.copy(Fragment.from(children)));
  });
  return doc.copy(Fragment.from(boxes));
}

function renumberSubparagraphs(paragraph: Node): Node[] {
  const children: Node[] = [];
  let letter = 0;
  paragraph.forEach((child) => {
    if (child.type.name !== N.subparagraph) {
      children.push(child);
      return;
    }
    letter++;
    children.push(child.type.create({ ...child.attrs, num: letter, sfx: 0 }, child.content, child.marks));
  });
  return children;
}

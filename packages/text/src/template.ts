import type { Node } from 'prosemirror-model';
import { newId } from './ids.js';
import { N, schema } from './schema.js';

/** The five boxes of the CCW GGE rolling text on lethal autonomous weapons systems, in order. */
export const CCW_BOX_TITLES = [
  'Characterisation of lethal autonomous weapons systems',
  'Application of international humanitarian law and the human element needed to comply with it',
  'Prohibitions and requirements',
  'Measures across the life cycle, including legal reviews',
  'Accountability and responsibility',
] as const;

/**
 * A box with a fresh id, its title (empty: untitled, for the chair to name) and one empty
 * paragraph 1 ready for drafting. The editor's "New box" makes the same shape.
 */
export function emptyBox(title = ''): Node {
  const { nodes } = schema;
  // A title is one line: line breaks and runs of spaces a form let through read as one space.
  const words = title.replace(/\s+/g, ' ').trim();
  return nodes[N.box]!.create({ id: newId() }, [
    nodes[N.boxTitle]!.create(null, words === '' ? null : schema.text(words)),
    nodes[N.paragraph]!.create({ id: newId(), num: 1, sfx: 0 }, nodes[N.paragraphText]!.create()),
  ]);
}

/** A new text with one box per title, in order; at least one box (a text holds one). */
export function textFromBoxTitles(titles: readonly string[]): Node {
  const boxes = (titles.length > 0 ? titles : ['']).map((title) => emptyBox(title));
  return schema.nodes[N.doc]!.create(null, boxes);
}

/** A blank text: one untitled box with an empty paragraph 1. */
export function blankRollingText(): Node {
  return textFromBoxTitles(['']);
}

/** A new rolling text: the five boxes, each with one empty paragraph 1 ready for drafting. */
export function emptyRollingText(): Node {
  return textFromBoxTitles(CCW_BOX_TITLES);
}

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

/** A new rolling text: the five boxes, each with one empty paragraph 1 ready for drafting. */
export function emptyRollingText(): Node {
  const { nodes } = schema;
  return nodes[N.doc]!.create(
    null,
    CCW_BOX_TITLES.map((title) =>
      nodes[N.box]!.create({ id: newId() }, [
        nodes[N.boxTitle]!.create(null, schema.text(title)),
        nodes[N.paragraph]!.create({ id: newId(), num: 1, sfx: 0 }, nodes[N.paragraphText]!.create()),
      ]),
    ),
  );
}

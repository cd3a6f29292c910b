import { N } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';

/**
 * The blocks an amendment can be to (a paragraph, by its text line, or a sub-paragraph) found in the
 * editor's document by walking boxes and paragraphs only, never into the words: cheap enough to run
 * on every change, which the markers do.
 */

export interface BlockPlace {
  id: string;
  kind: 'paragraph' | 'subparagraph';
  /** The node's position: the reading order. */
  pos: number;
  /** Just inside the end of the block's own text (a paragraph's text line, not its sub-paragraphs). */
  textEnd: number;
}

export function blockPlaces(doc: Node): Map<string, BlockPlace> {
  const places = new Map<string, BlockPlace>();
  const add = (place: BlockPlace) => {
    if (place.id !== '' && !places.has(place.id)) places.set(place.id, place);
  };
  doc.forEach((box, boxOffset) => {
    if (box.type.name !== N.box) return;
    box.forEach((paragraph, offset) => {
      if (paragraph.type.name !== N.paragraph) return;
      const pos = boxOffset + 1 + offset;
      const line = paragraph.firstChild;
      if (line?.type.name === N.paragraphText) add({ id: idOf(paragraph), kind: 'paragraph', pos, textEnd: pos + 1 + line.nodeSize - 1 });
      paragraph.forEach((sub, subOffset) => {
        if (sub.type.name !== N.subparagraph) return;
        const subPos = pos + 1 + subOffset;
        add({ id: idOf(sub), kind: 'subparagraph', pos: subPos, textEnd: subPos + sub.nodeSize - 1 });
      });
    });
  });
  return places;
}

function idOf(node: Node): string {
  return typeof node.attrs.id === 'string' ? node.attrs.id : '';
}

/** The paragraph or sub-paragraph the cursor is in (in a paragraph's text line: the paragraph), or null. */
export function blockAtSelection(state: EditorState): string | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth >= 0; depth--) {
    const node = $from.node(depth);
    const name = node.type.name;
    if (name === N.subparagraph || name === N.paragraph) return idOf(node) || null;
    if (name === N.boxTitle || name === N.box) return null;
  }
  return null;
}

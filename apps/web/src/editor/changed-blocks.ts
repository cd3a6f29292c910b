import type { Node } from '@tiptap/pm/model';
import { StepMap } from '@tiptap/pm/transform';

/**
 * What a change did to the rolling text, block by block: the box titles and paragraphs (a box's
 * children) whose content differs from before. ProseMirror shares every unchanged node between two
 * documents, so for a local edit comparing by identity is enough. The Yjs binding does not: applying
 * someone else's change (one step replacing the whole document), it often builds every paragraph
 * anew (a bench run saw 300 of 500 on average), so a block that is not the same node is compared by
 * content, which costs far less than drawing it again.
 */

export interface ChangedBlock {
  /** The box's index among the document's children, and its position after the change. */
  boxIndex: number;
  boxPos: number;
  before: Node;
  beforePos: number;
  after: Node;
  afterPos: number;
}

export interface BlockChanges {
  blocks: ChangedBlock[];
  /** Each changed block replaced as a whole, in the positions before the change. */
  map: StepMap;
}

/**
 * The changed blocks, or null when the change was more than an edit inside blocks: a box or a block
 * added, removed or moved, or one of another type (then nothing less than the whole document will do).
 */
export function changedBlocks(before: Node, after: Node): BlockChanges | null {
  if (before.childCount !== after.childCount) return null;
  const blocks: ChangedBlock[] = [];
  const ranges: number[] = [];
  let beforeBox = 0;
  let afterBox = 0;
  for (let b = 0; b < after.childCount; b++) {
    const was = before.child(b);
    const is = after.child(b);
    if (was !== is) {
      if (was.type !== is.type || was.childCount !== is.childCount) return null;
      let beforePos = beforeBox + 1;
      let afterPos = afterBox + 1;
      for (let i = 0; i < is.childCount; i++) {
        const wasChild = was.child(i);
        const isChild = is.child(i);
        if (wasChild !== isChild && !wasChild.eq(isChild)) {
          if (wasChild.type !== isChild.type) return null;
          blocks.push({ boxIndex: b, boxPos: afterBox, before: wasChild, beforePos, after: isChild, afterPos });
          ranges.push(beforePos, wasChild.nodeSize, isChild.nodeSize);
        }
        beforePos += wasChild.nodeSize;
        afterPos += isChild.nodeSize;
      }
    }
    beforeBox += was.nodeSize;
    afterBox += is.nodeSize;
  }
  return { blocks, map: new StepMap(ranges) };
}

import type { Node } from 'prosemirror-model';
import { newId } from './ids.js';
import { N } from './schema.js';

const IDENTIFIED = new Set<string>([N.box, N.paragraph, N.subparagraph, N.footnote]);
const LABELLED = new Set<string>([N.paragraph, N.subparagraph]);

export interface IdentityRepair {
  pos: number;
  /** The node's complete new attributes, ready for setNodeMarkup. */
  attrs: Record<string, unknown>;
}

/**
 * New ids for boxes, paragraphs, sub-paragraphs and footnotes that have none, or that repeat an
 * earlier node's id (splitting or pasting copies attributes). The first node in document order keeps
 * the id, which is right for a split: the original half comes first.
 *
 * A copy also carries its original's label claim; it is cleared (num null) so the copy is labelled
 * as new ("2bis") instead of contending for "2". A node that merely lacked an id keeps its claim:
 * nothing else made it, and dropping it would renumber the paragraph.
 */
export function identityRepairs(doc: Node): IdentityRepair[] {
  const seen = new Set<string>();
  const repairs: IdentityRepair[] = [];
  doc.descendants((node, pos) => {
    if (!IDENTIFIED.has(node.type.name)) return;
    const id: unknown = node.attrs.id;
    const usable = typeof id === 'string' && id !== '';
    if (usable && !seen.has(id)) {
      seen.add(id);
      return;
    }
    let fresh = newId();
    while (seen.has(fresh)) fresh = newId();
    seen.add(fresh);
    const attrs: Record<string, unknown> = { ...node.attrs, id: fresh };
    if (usable && LABELLED.has(node.type.name)) {
      attrs.num = null;
      attrs.sfx = 0;
    }
    repairs.push({ pos, attrs });
  });
  return repairs;
}

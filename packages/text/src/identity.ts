import { Fragment, type Node } from 'prosemirror-model';
import { newId } from './ids.js';
import { bracketOf } from './bracket-mark.js';
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

/** Every id in the document: nodes', brackets' and alternative groups'. */
export function idsIn(doc: Node): Set<string> {
  const ids = new Set<string>();
  doc.descendants((node) => {
    for (const id of [node.attrs.id, node.attrs.alt, ...node.marks.map((m) => m.attrs.id)]) {
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
  });
  return ids;
}

/**
 * Pasted content, with the identities it may keep. What is still in the document was copied: the
 * copy gets new ids (and, for paragraphs, no label claim), so a paste placed before its original
 * cannot take the original's identity, with the comments and amendments attached to it. What is no
 * longer in the document was cut: pasting it back is a move, and it keeps its identity.
 * An alternative group or a bracket copied whole gets one new id for all its parts.
 */
export function pastedIdentities(content: Fragment, existing: ReadonlySet<string>): Fragment {
  const renamed = new Map<string, string>();
  const rename = (id: unknown): unknown => {
    if (typeof id !== 'string' || !existing.has(id)) return id;
    let fresh = renamed.get(id);
    if (!fresh) renamed.set(id, (fresh = newId()));
    return fresh;
  };
  const walk = (fragment: Fragment): Fragment => {
    const children: Node[] = [];
    fragment.forEach((node) => {
      const marks = node.marks.map((mark) => (mark.attrs.id === undefined ? mark : mark.type.create({ ...mark.attrs, id: rename(mark.attrs.id) })));
      if (node.isText) {
        children.push(node.mark(marks));
        return;
      }
      let attrs = node.attrs;
      if (IDENTIFIED.has(node.type.name) && rename(attrs.id) !== attrs.id) {
        attrs = { ...attrs, id: rename(attrs.id) };
        if (LABELLED.has(node.type.name)) attrs = { ...attrs, num: null, sfx: 0 };
      }
      if (typeof attrs.alt === 'string') attrs = { ...attrs, alt: rename(attrs.alt) };
      children.push(node.type.create(attrs, walk(node.content), marks));
    });
    return Fragment.fromArray(children);
  };
  return walk(content);
}

export interface BracketRepair {
  from: number;
  to: number;
  /** The id the run carried, which stays with the bracket's first paragraph. */
  previousId: string;
  /** The bracket's attributes with its new id, sponsors kept. */
  attrs: Record<string, unknown>;
}

/**
 * A bracket belongs to one paragraph text or sub-paragraph. Its runs found in a later one (the second
 * half of a paragraph split inside it, say) become a bracket of their own there, with a new id and
 * the same sponsors, so that what is later attached to a bracket follows one piece of text.
 */
export function bracketRepairs(doc: Node): BracketRepair[] {
  const home = new Map<string, number>();
  const repairs: BracketRepair[] = [];
  doc.descendants((block, blockPos) => {
    if (!block.isTextblock) return true;
    const renamed = new Map<string, string>();
    block.forEach((inline, offset) => {
      const mark = bracketOf(inline);
      const id: unknown = mark?.attrs.id;
      if (!mark || typeof id !== 'string' || id === '') return;
      const first = home.get(id);
      if (first === undefined) home.set(id, blockPos);
      if (first === undefined || first === blockPos) return;
      let fresh = renamed.get(id);
      if (!fresh) renamed.set(id, (fresh = newId()));
      const from = blockPos + 1 + offset;
      repairs.push({ from, to: from + inline.nodeSize, previousId: id, attrs: { ...mark.attrs, id: fresh } });
    });
    return false;
  });
  return repairs;
}

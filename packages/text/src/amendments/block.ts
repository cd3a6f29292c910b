/**
 * The unit an amendment is written against: a paragraph's own text line (its chapeau; its
 * sub-paragraphs are blocks of their own) or one sub-paragraph.
 */
import type { Node } from 'prosemirror-model';
import { TextModelError } from '../errors.js';
import { computeLabels, type Label, type Labels } from '../labels.js';
import { writeInline } from '../plain-text-inline.js';
import { isParagraphStatus, N, type ParagraphStatus } from '../schema.js';

export type BlockKind = 'paragraph' | 'subparagraph';

export interface Block {
  kind: BlockKind;
  id: string;
  /** Its own id for a paragraph; the parent paragraph's for a sub-paragraph. */
  paragraphId: string;
  /** "Box I(1)", "Box III(3, Alt 1)", "Box III(2)(a)". */
  citation: string;
  /** The block's inline content in the plain-text format (writeInline). */
  text: string;
  /** The paragraph's status (a sub-paragraph's is its paragraph's). */
  status: ParagraphStatus;
  /** "III". */
  boxLabel: string;
}

/** A block with where it stands, for the functions that change the document. */
export interface PlacedBlock {
  block: Block;
  /** The paragraph or sub-paragraph node and its position. */
  node: Node;
  pos: number;
  /** The node holding the inline content (the paragraphText, or the sub-paragraph itself) and where its content starts. */
  inline: Node;
  contentStart: number;
  /** The paragraph (for a sub-paragraph, its parent) and its position. */
  paragraph: Node;
  paragraphPos: number;
  label: Label;
}

export function findBlock(doc: Node, id: string): Block | null {
  return placeBlock(doc, computeLabels(doc), id)?.block ?? null;
}

/** Every paragraph and sub-paragraph with an id, in reading order: the compilation's rows. */
export function listBlocks(doc: Node): Block[] {
  const labels = computeLabels(doc);
  const blocks: Block[] = [];
  const seen = new Set<string>();
  for (const label of labels.list) {
    // A repeated id (a copy not yet repaired) names its first node only, as findBlock does.
    if (label.kind === 'box' || label.id === null || seen.has(label.id)) continue;
    seen.add(label.id);
    const placed = placeBlock(doc, labels, label.id);
    if (placed) blocks.push(placed.block);
  }
  return blocks;
}

/** The block with this id, or a TextModelError naming `paragraphId`. */
export function requireBlock(doc: Node, labels: Labels, id: string): PlacedBlock {
  const placed = placeBlock(doc, labels, id);
  if (!placed) throw new TextModelError(`paragraphId: no paragraph or sub-paragraph with id "${id}" in this document`, 'paragraphId');
  return placed;
}

export function placeBlock(doc: Node, labels: Labels, id: string): PlacedBlock | null {
  const label = labels.byId.get(id);
  if (!label || label.kind === 'box') return null;
  const node = doc.nodeAt(label.pos);
  if (!node) return null;
  const boxLabel = boxLabelOf(label);
  if (label.kind === 'paragraph') {
    const first = node.firstChild;
    // Concurrent edits can leave a paragraph without its text line: it has no block to amend.
    if (first?.type.name !== N.paragraphText) return null;
    return {
      block: { kind: 'paragraph', id, paragraphId: id, citation: label.citation, text: writeInline(first), status: statusOf(node), boxLabel },
      node,
      pos: label.pos,
      inline: first,
      contentStart: label.pos + 2,
      paragraph: node,
      paragraphPos: label.pos,
      label,
    };
  }
  const paragraphPos = doc.resolve(label.pos).before();
  const paragraph = doc.nodeAt(paragraphPos)!;
  const paragraphId = label.paragraphId;
  if (typeof paragraphId !== 'string') return null;
  return {
    block: { kind: 'subparagraph', id, paragraphId, citation: label.citation, text: writeInline(node), status: statusOf(paragraph), boxLabel },
    node,
    pos: label.pos,
    inline: node,
    contentStart: label.pos + 1,
    paragraph,
    paragraphPos,
    label,
  };
}

function statusOf(paragraph: Node): ParagraphStatus {
  const status: unknown = paragraph.attrs.status;
  return isParagraphStatus(status) ? status : 'under_negotiation';
}

/** "III" from "Box III(2)(a)": the citation is built from the box label, whatever the ids hold. */
function boxLabelOf(label: Label): string {
  return /^Box ([^(]+)/.exec(label.citation)?.[1] ?? '';
}

/** The inline children of a block, as an array. */
export function inlineChildren(node: Node): Node[] {
  const children: Node[] = [];
  node.forEach((child) => children.push(child));
  return children;
}

import { N, paragraphSlots } from '@accord/text';
import type { Node, ResolvedPos, Schema } from '@tiptap/pm/model';

/** A node and the position just before it, as doc.descendants reports them. */
export interface Placed {
  node: Node;
  pos: number;
}

export type TextblockKind = typeof N.boxTitle | typeof N.paragraphText | typeof N.subparagraph;

/** Where a position sits in the rolling text: its box, its paragraph (if any) and its textblock. */
export interface TextContext {
  kind: TextblockKind;
  box: Placed;
  /** The paragraph holding the text; null in a box title. */
  paragraph: Placed | null;
  block: Placed;
  /** The textblock's index in its parent. */
  index: number;
}

function placedAt($pos: ResolvedPos, depth: number): Placed {
  return { node: $pos.node(depth), pos: depth === 0 ? -1 : $pos.before(depth) };
}

export function textContext($pos: ResolvedPos): TextContext | null {
  const kind = $pos.parent.type.name;
  if (kind !== N.boxTitle && kind !== N.paragraphText && kind !== N.subparagraph) return null;
  const depth = $pos.depth;
  const block = placedAt($pos, depth);
  const index = $pos.index(depth - 1);
  if (kind === N.boxTitle) return { kind, box: placedAt($pos, depth - 1), paragraph: null, block, index };
  return { kind, box: placedAt($pos, depth - 2), paragraph: placedAt($pos, depth - 1), block, index };
}

/** Where a textblock's content ends. */
export const contentEnd = (block: Placed): number => block.pos + block.node.nodeSize - 1;

/** The children of a node with their positions. */
export function childrenOf(parent: Placed): Placed[] {
  const children: Placed[] = [];
  parent.node.forEach((node, offset) => children.push({ node, pos: parent.pos + 1 + offset }));
  return children;
}

/** A new, empty paragraph with a fresh id; its label is given by the label repairs after it lands. */
export function emptyParagraph(schema: Schema, id: string): Node {
  return schema.nodes[N.paragraph]!.create({ id }, schema.nodes[N.paragraphText]!.create());
}

export function emptySubparagraph(schema: Schema, id: string): Node {
  return schema.nodes[N.subparagraph]!.create({ id });
}

/** The alternatives that run together with `paragraph` (itself included), in order: its slot. */
export function altRun(box: Placed, paragraph: Placed): Placed[] {
  return paragraphSlots(box.node, box.pos).find((slot) => slot.some((p) => p.pos === paragraph.pos)) ?? [paragraph];
}

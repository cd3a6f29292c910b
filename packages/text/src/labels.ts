import type { Node } from 'prosemirror-model';
import { assignLabelNumbers, validClaim, type LabelClaim, type LabelNumber } from './label-claims.js';
import { paragraphNumber, romanNumeral, subparagraphLetter } from './label-format.js';
import { N } from './schema.js';

export type LabelKind = 'box' | 'paragraph' | 'subparagraph';

export interface AltPosition {
  /** The alt group id shared by the alternatives. */
  group: string;
  /** 1-based: "Alt 1" is the first of the run. */
  index: number;
  count: number;
}

export interface Label {
  id: string | null;
  kind: LabelKind;
  /** The node's position in the document, as doc.descendants reports it. */
  pos: number;
  boxId: string | null;
  /** For a paragraph its own id; for a sub-paragraph its paragraph's; absent for a box. */
  paragraphId?: string | null;
  /** "III", "2bis", "3 Alt 1", "(a)". */
  short: string;
  /** "Box III", "Box III(2bis)", "Box III(3, Alt 1)", "Box III(2)(a)". */
  citation: string;
  num: number;
  sfx: number;
  alt: AltPosition | null;
}

export interface Labels {
  /** Every label in document order. */
  list: Label[];
  /** By node id; if ids collide, the first in document order. */
  byId: Map<string, Label>;
  atPos: Map<number, Label>;
}

export interface Placed {
  node: Node;
  /** In the document when the box's position is given; relative to the box (1 + offset) when not. */
  pos: number;
}

/** Paragraphs grouped into slots: one paragraph, or a run of adjacent alternatives of one group. */
export function paragraphSlots(box: Node, boxPos = 0): Placed[][] {
  const slots: Placed[][] = [];
  box.forEach((child, offset) => {
    if (child.type.name !== N.paragraph) return;
    const placed = { node: child, pos: boxPos + 1 + offset };
    const alt = altGroup(child);
    const last = slots.at(-1);
    if (alt !== null && last && altGroup(last[0]!.node) === alt) last.push(placed);
    else slots.push([placed]);
  });
  return slots;
}

function altGroup(paragraph: Node): string | null {
  const alt: unknown = paragraph.attrs.alt;
  return typeof alt === 'string' && alt !== '' ? alt : null;
}

function idOf(node: Node): string | null {
  const id: unknown = node.attrs.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function claimOf(node: Node): LabelClaim {
  return { num: node.attrs.num, sfx: node.attrs.sfx };
}

/**
 * A slot's claim is its first paragraph's; if that one has none (a new alternative added before
 * "Alt 1"), the first alternative that has one, so adding an alternative never renumbers the slot.
 */
export function slotClaim(slot: readonly Node[]): LabelClaim {
  const claims = slot.map(claimOf);
  return claims.find((c) => validClaim(c) !== null) ?? claims[0]!;
}

export function computeLabels(doc: Node): Labels {
  const list: Label[] = [];
  let boxIndex = 0;
  doc.forEach((box, boxOffset) => {
    if (box.type.name !== N.box) return;
    boxIndex++;
    list.push(...boxLabels(box, boxOffset, boxIndex));
  });

  const byId = new Map<string, Label>();
  const atPos = new Map<number, Label>();
  for (const label of list) {
    if (label.id !== null && !byId.has(label.id)) byId.set(label.id, label);
    atPos.set(label.pos, label);
  }
  return { list, byId, atPos };
}

/**
 * One box's labels (the box's, its paragraphs' and their sub-paragraphs'), in document order: they
 * depend on nothing outside the box but its place among the boxes (`boxIndex`, 1-based), so an editor
 * can label again only the box an edit touched.
 */
export function boxLabels(box: Node, boxPos: number, boxIndex: number): Label[] {
  const list: Label[] = [];
  const boxId = idOf(box);
  const roman = romanNumeral(boxIndex);
  const boxCitation = `Box ${roman}`;
  list.push({ id: boxId, kind: 'box', pos: boxPos, boxId, short: roman, citation: boxCitation, num: boxIndex, sfx: 0, alt: null });

  const slots = paragraphSlots(box, boxPos);
  const numbers = assignLabelNumbers(slots.map((slot) => slotClaim(slot.map((p) => p.node))));
  slots.forEach((slot, s) => {
    const { num, sfx } = numbers[s]!;
    const base = paragraphNumber(num, sfx);
    slot.forEach(({ node, pos }, k) => {
      const group = altGroup(node);
      // One paragraph left of a group (its alternative deleted, or pasted alone) is no alternative.
      const alt = group === null || slot.length < 2 ? null : { group, index: k + 1, count: slot.length };
      const short = alt ? `${base} Alt ${alt.index}` : base;
      const citation = alt ? `${boxCitation}(${base}, Alt ${alt.index})` : `${boxCitation}(${base})`;
      const paragraphId = idOf(node);
      list.push({ id: paragraphId, kind: 'paragraph', pos, boxId, paragraphId, short, citation, num, sfx, alt });
      pushSubparagraphLabels(list, node, pos, { boxId, paragraphId, citation });
    });
  });
  return list;
}

function pushSubparagraphLabels(
  list: Label[],
  paragraph: Node,
  paragraphPos: number,
  parent: { boxId: string | null; paragraphId: string | null; citation: string },
): void {
  const subs: Placed[] = [];
  paragraph.forEach((child, offset) => {
    if (child.type.name === N.subparagraph) subs.push({ node: child, pos: paragraphPos + 1 + offset });
  });
  const numbers: LabelNumber[] = assignLabelNumbers(subs.map((s) => claimOf(s.node)));
  subs.forEach(({ node, pos }, i) => {
    const { num, sfx } = numbers[i]!;
    const short = `(${subparagraphLetter(num, sfx)})`;
    list.push({
      id: idOf(node),
      kind: 'subparagraph',
      pos,
      boxId: parent.boxId,
      paragraphId: parent.paragraphId,
      short,
      citation: `${parent.citation}${short}`,
      num,
      sfx,
      alt: null,
    });
  });
}

export interface LabelRepair {
  pos: number;
  num: number;
  sfx: number;
}

/**
 * The attribute changes that store every computed paragraph and sub-paragraph label in its node, so
 * a new paragraph keeps the label it was first shown with. Applying them changes no label; applying
 * them again finds nothing to do.
 */
export function labelRepairs(doc: Node): LabelRepair[] {
  const repairs: LabelRepair[] = [];
  for (const label of computeLabels(doc).list) {
    if (label.kind === 'box') continue;
    const node = doc.nodeAt(label.pos)!;
    if (node.attrs.num !== label.num || node.attrs.sfx !== label.sfx) repairs.push({ pos: label.pos, num: label.num, sfx: label.sfx });
  }
  return repairs;
}

/**
 * Paragraphs that name an alternative group but stand alone: the other alternative was deleted, or
 * one was copied elsewhere. They are labelled as plain paragraphs; the editor clears their `alt` so
 * the stored text says so too.
 */
export function loneAlternatives(doc: Node): number[] {
  const lone: number[] = [];
  doc.forEach((box, boxPos) => {
    if (box.type.name !== N.box) return;
    for (const slot of paragraphSlots(box, boxPos)) {
      if (slot.length === 1 && altGroup(slot[0]!.node) !== null) lone.push(slot[0]!.pos);
    }
  });
  return lone;
}

/**
 * The units a comparison aligns: every paragraph and sub-paragraph with an id, in reading order, with
 * what the comparison reads of it. A repeated id (a copy not yet repaired) names its first node only,
 * as listBlocks does.
 */
import type { Node } from 'prosemirror-model';
import { computeLabels, type Label } from '../labels.js';
import { isParagraphStatus, N, type ParagraphStatus } from '../schema.js';
import type { UnitKind } from './types.js';

export interface Unit {
  id: string;
  kind: UnitKind;
  /** Reading order among the units of its document. */
  index: number;
  /** The box's id, or its position when it has none: what "moved to another box" compares. */
  boxKey: string;
  /** "III". */
  boxLabel: string;
  boxTitle: string;
  /** For a sub-paragraph its paragraph's id; null for a paragraph. */
  paragraphId: string | null;
  label: Label;
  /** The paragraph's status (a sub-paragraph's is its paragraph's). */
  status: ParagraphStatus;
  /** The node holding the inline content: the paragraph's text line, or the sub-paragraph. */
  inline: Node | null;
  node: Node;
  /** For a paragraph: the ids of its slot (itself, or the run of alternatives it is one of). */
  slot: string[];
}

export interface Units {
  list: Unit[];
  byId: Map<string, Unit>;
  /** A paragraph's sub-paragraphs, by the paragraph's id. */
  subsOf: Map<string, Unit[]>;
  boxes: Array<{ key: string; label: string; title: string }>;
}

export function unitsOf(doc: Node): Units {
  const labels = computeLabels(doc);
  const list: Unit[] = [];
  const byId = new Map<string, Unit>();
  const subsOf = new Map<string, Unit[]>();
  const boxes: Units['boxes'] = [];
  let box: { key: string; label: string; title: string } | null = null;
  let slot: string[] = [];
  let slotGroup: string | null = null;
  let paragraph: { id: string | null; status: ParagraphStatus } = { id: null, status: 'under_negotiation' };

  for (const label of labels.list) {
    const node = doc.nodeAt(label.pos);
    if (!node) continue;
    if (label.kind === 'box') {
      const title = node.firstChild?.type.name === N.boxTitle ? node.firstChild.textContent : '';
      box = { key: label.id ?? `#${label.num}`, label: label.short, title };
      boxes.push(box);
      slot = [];
      slotGroup = null;
      continue;
    }
    if (!box) continue;
    if (label.kind === 'paragraph') {
      const status: unknown = node.attrs.status;
      paragraph = { id: label.id, status: isParagraphStatus(status) ? status : 'under_negotiation' };
      // Alternatives of one slot share the array, so each sees every member.
      const group = label.alt?.group ?? null;
      if (group === null || group !== slotGroup) slot = [];
      slotGroup = group;
      if (label.id !== null) slot.push(label.id);
    }
    if (label.id === null || byId.has(label.id)) continue;
    const isParagraph = label.kind === 'paragraph';
    const inline = isParagraph ? (node.firstChild?.type.name === N.paragraphText ? node.firstChild : null) : node;
    const unit: Unit = {
      id: label.id,
      kind: label.kind,
      index: list.length,
      boxKey: box.key,
      boxLabel: box.label,
      boxTitle: box.title,
      paragraphId: isParagraph ? null : paragraph.id,
      label,
      status: paragraph.status,
      inline,
      node,
      slot: isParagraph ? slot : [],
    };
    list.push(unit);
    byId.set(unit.id, unit);
    if (unit.paragraphId !== null) {
      const subs = subsOf.get(unit.paragraphId);
      if (subs) subs.push(unit);
      else subsOf.set(unit.paragraphId, [unit]);
    }
  }
  return { list, byId, subsOf, boxes };
}

/** The inline children of a unit's text line. */
export function inlineOf(unit: Unit): Node[] {
  const children: Node[] = [];
  unit.inline?.forEach((child) => children.push(child));
  return children;
}

/**
 * The units a comparison aligns: every paragraph and sub-paragraph, in reading order, with what the
 * comparison reads of it. A unit is keyed by its id; a repeated id (a copy not yet repaired) keys its
 * first node by the id and each later one by the id and its occurrence ("x#2"), and a node without an
 * id by its occurrence ("#1"): whatever a writer stored is compared, so no wording can be in a text
 * without its comparison showing it.
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
  const units: Units = { list: [], byId: new Map(), subsOf: new Map(), boxes: [] };
  // Walked rather than looked up label by label: nodeAt scans a box's children, which is quadratic in
  // a box of thousands of paragraphs.
  doc.forEach((box, boxPos) => {
    if (box.type.name !== N.box) return;
    const boxLabel = labels.atPos.get(boxPos)!;
    const title = box.firstChild?.type.name === N.boxTitle ? box.firstChild.textContent : '';
    const place = { key: boxLabel.id ?? `#${boxLabel.num}`, label: boxLabel.short, title };
    units.boxes.push(place);
    let slot: string[] = [];
    let slotGroup: string | null = null;
    box.forEach((paragraph, offset) => {
      if (paragraph.type.name !== N.paragraph) return;
      const pos = boxPos + 1 + offset;
      const label = labels.atPos.get(pos)!;
      const rawStatus: unknown = paragraph.attrs.status;
      const status = isParagraphStatus(rawStatus) ? rawStatus : 'under_negotiation';
      // Alternatives of one slot share the array, so each sees every member.
      const group = label.alt?.group ?? null;
      if (group === null || group !== slotGroup) slot = [];
      slotGroup = group;
      const key = keyOf(units, label.id);
      slot.push(key);
      const text = paragraph.firstChild?.type.name === N.paragraphText ? paragraph.firstChild : null;
      add(units, { id: key, kind: 'paragraph', place, paragraphId: null, label, status, inline: text, node: paragraph, slot });
      paragraph.forEach((sub, subOffset) => {
        if (sub.type.name !== N.subparagraph) return;
        const subLabel = labels.atPos.get(pos + 1 + subOffset)!;
        add(units, { id: keyOf(units, subLabel.id), kind: 'subparagraph', place, paragraphId: key, label: subLabel, status, inline: sub, node: sub, slot: [] });
      });
    });
  });
  return units;
}

/** The id, or for a repeated id or none the key by occurrence (see the header). */
function keyOf(units: Units, id: string | null): string {
  if (id !== null && !units.byId.has(id)) return id;
  for (let occurrence = 2; ; occurrence++) {
    const key = id === null ? `#${occurrence - 1}` : `${id}#${occurrence}`;
    if (!units.byId.has(key)) return key;
  }
}

interface Found {
  id: string;
  kind: UnitKind;
  place: { key: string; label: string; title: string };
  paragraphId: string | null;
  label: Label;
  status: ParagraphStatus;
  inline: Node | null;
  node: Node;
  slot: string[];
}

function add(units: Units, found: Found): void {
  const { id, place, ...rest } = found;
  const unit: Unit = { ...rest, id, index: units.list.length, boxKey: place.key, boxLabel: place.label, boxTitle: place.title };
  units.list.push(unit);
  units.byId.set(id, unit);
  if (unit.paragraphId !== null) {
    const subs = units.subsOf.get(unit.paragraphId);
    if (subs) subs.push(unit);
    else units.subsOf.set(unit.paragraphId, [unit]);
  }
}

/** The inline children of a unit's text line. */
export function inlineOf(unit: Unit): Node[] {
  const children: Node[] = [];
  unit.inline?.forEach((child) => children.push(child));
  return children;
}

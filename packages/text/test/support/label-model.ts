/**
 * A rolling text as plain data, for the label property tests: edits are easy to make on arrays, and
 * every node has a test-only `key` that survives the copies a split makes (ids do not tell copies apart).
 */
import type { Node } from 'prosemirror-model';
import { computeLabels, labelRepairs, newId, schema, type Label } from '../../src/index.js';

export interface ModelSub {
  key: number;
  id: string;
  num: unknown;
  sfx: unknown;
}

export interface ModelParagraph extends ModelSub {
  alt: string | null;
  subs: ModelSub[];
}

export interface ModelBox {
  id: string;
  paragraphs: ModelParagraph[];
}

export type Model = ModelBox[];

let nextKey = 1;
export function freshKey(): number {
  return nextKey++;
}

export function newParagraph(alt: string | null = null, claim: { num: unknown; sfx: unknown } = { num: null, sfx: 0 }): ModelParagraph {
  return { key: freshKey(), id: newId(), ...claim, alt, subs: [] };
}

export function newSub(claim: { num: unknown; sfx: unknown } = { num: null, sfx: 0 }): ModelSub {
  return { key: freshKey(), id: newId(), ...claim };
}

export function toDoc(model: Model): Node {
  const { nodes } = schema;
  return nodes.doc!.create(
    null,
    model.map((box) =>
      nodes.box!.create({ id: box.id }, [
        nodes.boxTitle!.create(),
        ...box.paragraphs.map((p) =>
          nodes.paragraph!.create({ id: p.id, num: p.num, sfx: p.sfx, alt: p.alt }, [
            nodes.paragraphText!.create(null, schema.text(`p${p.key}`)),
            ...p.subs.map((s) => nodes.subparagraph!.create({ id: s.id, num: s.num, sfx: s.sfx }, schema.text(`s${s.key}`))),
          ]),
        ),
      ]),
    ),
  );
}

/** The model's nodes in document order, as computeLabels lists them (boxes have key 0). */
function keysInOrder(model: Model): Array<ModelSub | null> {
  const out: Array<ModelSub | null> = [];
  for (const box of model) {
    out.push(null);
    for (const p of box.paragraphs) out.push(p, ...p.subs);
  }
  return out;
}

/** Labels of paragraphs and sub-paragraphs by model key. */
export function labelsByKey(model: Model): Map<number, Label> {
  const labels = computeLabels(toDoc(model)).list;
  const nodes = keysInOrder(model);
  const byKey = new Map<number, Label>();
  labels.forEach((label, i) => {
    const node = nodes[i];
    if (node) byKey.set(node.key, label);
  });
  return byKey;
}

/** What the editor does after each local change: store every computed label in its node. */
export function applyLabelRepairs(model: Model): void {
  const doc = toDoc(model);
  const labels = computeLabels(doc).list;
  const nodes = keysInOrder(model);
  const atPos = new Map(labels.map((l, i) => [l.pos, nodes[i]]));
  for (const repair of labelRepairs(doc)) {
    const node = atPos.get(repair.pos)!;
    node.num = repair.num;
    node.sfx = repair.sfx;
  }
}

/** Slots of a box as index ranges [start, end) into its paragraphs. */
export function slotsOf(box: ModelBox): Array<[number, number]> {
  const slots: Array<[number, number]> = [];
  box.paragraphs.forEach((p, i) => {
    const last = slots.at(-1);
    if (p.alt !== null && last && box.paragraphs[last[1] - 1]!.alt === p.alt) last[1] = i + 1;
    else slots.push([i, i + 1]);
  });
  return slots;
}

/** Paragraph indices at which a new slot may go without splitting a run of alternatives. */
export function slotBoundaries(box: ModelBox): number[] {
  return [0, ...slotsOf(box).map(([, end]) => end)];
}

export function claimKey(node: { num: unknown; sfx: unknown }): string {
  return `${String(node.num)}:${String(node.sfx)}`;
}

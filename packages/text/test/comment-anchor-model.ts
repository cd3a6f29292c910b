/** The random editing the anchor property test does: operations, and how a replica carries one out. */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { anchorFor, resolveAnchors, type StoredAnchor } from '../src/comment-anchor.js';
import { N, schema } from '../src/index.js';
import { joinParagraph, moveParagraph, Replica, split } from './comment-anchor-replica.js';
import { dedent } from './support/fixtures.js';

export const MARKERS = ['Qalpha', 'Qbravo', 'Qcharlie', 'Qdelta', 'Qecho', 'Qfoxtrot', 'Qgolf', 'Qhotel', 'Qindia', 'Qjuliet'];

export const TEXT = dedent(`
  Box I. One

  1. States Qalpha shall retain Qbravo control over force.^[Note Qkilo here.] And Qcharlie words.
  2. Human Qdelta responsibility cannot be Qecho transferred.
     (a) existing Qfoxtrot obligations under law;
     (b) future Qgolf understandings;

  Box II. Two

  1. Humanitarian law Qhotel continues to Qindia apply.
  2. Accountability Qjuliet remains with states.
`);

export type Op =
  | { kind: 'type'; block: number; at: number }
  | { kind: 'split'; block: number; at: number }
  | { kind: 'join'; paragraph: number }
  | { kind: 'move'; paragraph: number; box: number; index: number }
  | { kind: 'paste'; marker: number; block: number; at: number }
  | { kind: 'delete'; marker: number }
  | { kind: 'undo' }
  | { kind: 'send'; to: number };

const nat = fc.nat({ max: 1000 });
const edits: Array<fc.WeightedArbitrary<Op>> = [
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('type' as const), block: nat, at: nat }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('split' as const), block: nat, at: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('join' as const), paragraph: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), paragraph: nat, box: nat, index: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paste' as const), marker: nat, block: nat, at: nat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), marker: nat }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), to: nat }) },
];
const undo: fc.WeightedArbitrary<Op> = { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) };

/** 2–3 editors and up to 24 changes, each by one of them (`send`: hands its state to another). */
export function runs(withUndo: boolean) {
  const op = fc.oneof(...edits, ...(withUndo ? [undo] : []));
  return fc.record({
    replicas: fc.integer({ min: 2, max: 3 }),
    steps: fc.array(fc.tuple(fc.nat({ max: 2 }), op), { minLength: 1, maxLength: 24 }),
  });
}

export interface Textblock {
  node: Node;
  /** Where its content starts. */
  from: number;
}

export function textblocks(doc: Node): Textblock[] {
  const out: Textblock[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === N.paragraphText || node.type.name === N.subparagraph) out.push({ node, from: pos + 1 });
    return !node.isTextblock;
  });
  return out;
}

export function paragraphs(doc: Node): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === N.paragraph) out.push(node.attrs.id as string);
    return node.type.name !== N.paragraph;
  });
  return out;
}

/** Positions between words (just after a space), never inside a word: edits go around the words. */
function boundaries(block: Textblock): number[] {
  const out: number[] = [];
  block.node.forEach((child, offset) => {
    if (!child.isText) return;
    for (let i = 0; i < child.text!.length; i++) if (child.text![i] === ' ') out.push(block.from + offset + i + 1);
  });
  return out;
}

export const isCopy = (node: Node) => node.marks.some((m) => m.type.name === 'em');

/** Where the original (unemphasised) marker words are in a document. */
export function originals(doc: Node, marker: string): number[] {
  const out: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText || isCopy(node)) return true;
    for (let i = node.text!.indexOf(marker); i >= 0; i = node.text!.indexOf(marker, i + 1)) out.push(pos + i);
    return true;
  });
  return out;
}

/** Changes to the structure (and undo, which may undo one): see `sequenced` in the property test. */
export function isStructural(step: Op): boolean {
  return step.kind === 'split' || step.kind === 'join' || step.kind === 'move' || step.kind === 'undo';
}

export function apply(replicas: Replica[], who: number, step: Op): void {
  const r = replicas[who % replicas.length]!;
  const doc = r.doc;
  const blocks = textblocks(doc);
  const pickBoundary = (block: number, at: number) => {
    const b = blocks[block % blocks.length];
    const options = b ? boundaries(b) : [];
    return options.length > 0 ? options[at % options.length]! : null;
  };
  switch (step.kind) {
    case 'type': {
      const at = pickBoundary(step.block, step.at);
      if (at !== null) r.edit((tr) => void tr.insertText('zz ', at));
      return;
    }
    case 'split': {
      const at = pickBoundary(step.block, step.at);
      if (at !== null) r.edit((tr) => split(tr, at));
      return;
    }
    case 'join': {
      const ids = paragraphs(doc);
      if (ids.length > 0) r.edit((tr) => joinParagraph(tr, ids[step.paragraph % ids.length]!));
      return;
    }
    case 'move': {
      const ids = paragraphs(doc);
      if (ids.length > 0) r.edit((tr) => moveParagraph(tr, ids[step.paragraph % ids.length]!, step.box % 2, step.index % 4));
      return;
    }
    case 'paste': {
      const marker = MARKERS[step.marker % MARKERS.length]!;
      const at = pickBoundary(step.block, step.at);
      if (at !== null) r.edit((tr) => void tr.insert(at, schema.text(`«${marker}» `, [schema.marks.em!.create()])));
      return;
    }
    case 'delete': {
      const marker = MARKERS[step.marker % MARKERS.length]!;
      const at = originals(doc, marker)[0];
      if (at !== undefined) r.edit((tr) => void tr.delete(at, at + marker.length));
      return;
    }
    case 'undo':
      r.undo();
      return;
    case 'send':
      r.sendTo(replicas[step.to % replicas.length]!);
  }
}


export function anchorsOn(replica: Replica): StoredAnchor[] {
  const doc = replica.doc;
  return MARKERS.map((marker) => {
    const block = textblocks(doc).find((b) => b.node.textContent.includes(marker))!;
    const id = (block.node.type.name === N.subparagraph ? block.node : doc.resolve(block.from).node(-1)).attrs.id as string;
    const result = anchorFor(replica.ydoc, id, marker);
    if (!result.ok) throw new Error(result.message);
    return result.anchor;
  });
}

/** The server: a replica that receives every change as it is made, and stores refreshed anchors. */
export class Server {
  readonly replica: Replica;
  constructor(
    initial: Uint8Array,
    public anchors: StoredAnchor[],
  ) {
    this.replica = new Replica(initial, 100);
  }

  receive(from: Replica): void {
    from.sendTo(this.replica);
    this.anchors = resolveAnchors(this.replica.ydoc, this.anchors).map((r, i) => (r.orphaned ? this.anchors[i]! : { paragraphId: r.paragraphId, quote: r.quote, start: r.start, end: r.end }));
  }
}


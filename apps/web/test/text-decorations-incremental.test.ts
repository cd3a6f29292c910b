import { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import type { Decoration, DecorationSet } from '@tiptap/pm/view';
import { describe, expect, it } from 'vitest';
import { changedBlocks } from '../src/editor/changed-blocks';
import { textDecorations } from '../src/editor/text-decorations';
import { textDecorationsKey, textDecorationsPlugin } from '../src/editor/text-decorations-plugin';
import { box, documentOf, editorSchema, paragraph, subparagraph, text } from './support/rolling-text';

/**
 * Rule (issue 16): typing redraws the labels, sponsors and footnote numbers of the paragraphs it
 * touched only, and what the editor shows is always what drawing the whole text again would show.
 */

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bracket = (id: string, sponsors: string[] = []) => ({ type: 'bracket', attrs: { id, sponsors } });
const footnote = (id: string) => ({ type: 'footnote', attrs: { id, text: `Note ${id}.` } });

function sample(random: () => number): Node {
  let n = 0;
  const words = () => {
    const parts: Array<Record<string, unknown>> = [text('States ')];
    if (random() < 0.6) parts.push(text('shall', [bracket(`k${n}`, random() < 0.7 ? ['Arandia'] : [])]), text(' '));
    if (random() < 0.3) parts.push(footnote(`f${n}`));
    parts.push(text('act.'));
    return parts;
  };
  const boxes = [];
  for (let b = 0; b < 3; b++) {
    const paragraphs = [];
    for (let p = 1; p <= 5; p++) {
      n++;
      const subs = random() < 0.3 ? [subparagraph(`s${n}`, 1, 'first;'), subparagraph(`t${n}`, 2, 'second.')] : [];
      const alt = p === 3 || p === 4 ? { alt: `g${b}`, sfx: 0 } : {};
      paragraphs.push(paragraph(`p${n}`, p === 4 ? 3 : p, words(), { status: random() < 0.2 ? 'agreed' : 'under_negotiation', ...alt }, subs));
    }
    boxes.push(box(`b${b}`, `Box ${b}`, paragraphs));
  }
  return documentOf(...boxes);
}

/** Everything that decides what a decoration draws, in document order. */
function drawn(set: DecorationSet): string[] {
  return set
    .find()
    .map((d: Decoration) => {
      const spec = d.spec as { key?: string };
      const attrs = (d as unknown as { type: { attrs?: unknown } }).type.attrs;
      return `${d.from}-${d.to} ${spec.key ?? JSON.stringify(attrs)}`;
    })
    .toSorted();
}

/** Text positions in the document: inside a paragraph's text or a sub-paragraph. */
function textPositions(doc: Node): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock || node.type.name === 'boxTitle') return true;
    for (let at = pos + 1; at <= pos + node.nodeSize - 1; at++) positions.push(at);
    return false;
  });
  return positions;
}

type Edit = (state: EditorState, random: () => number) => Transaction | null;
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const edits: Record<string, Edit> = {
  type: (state, random) => state.tr.insertText(pick(random, ['a', ' ', 'shall ', 'x']), pick(random, textPositions(state.doc))),
  delete: (state, random) => {
    const from = pick(random, textPositions(state.doc));
    const $from = state.doc.resolve(from);
    const to = Math.min($from.end(), from + 1 + Math.floor(random() * 6));
    return to > from ? state.tr.delete(from, to) : null;
  },
  bracket: (state, random) => {
    const from = pick(random, textPositions(state.doc));
    const to = Math.min(state.doc.resolve(from).end(), from + 4);
    return to > from ? state.tr.addMark(from, to, editorSchema.marks.bracket!.create({ id: `n${Math.floor(random() * 1e6)}`, sponsors: ['Veloria'] })) : null;
  },
  footnote: (state, random) => state.tr.insert(pick(random, textPositions(state.doc)), editorSchema.nodes.footnote!.create({ id: 'fx', text: 'New.' })),
  status: (state, random) => {
    const paragraphs: number[] = [];
    state.doc.descendants((node, pos) => (node.type.name === 'paragraph' ? (paragraphs.push(pos), false) : true));
    return state.tr.setNodeAttribute(pick(random, paragraphs), 'status', 'agreed_ad_ref');
  },
  split: (state, random) => {
    const at = pick(random, textPositions(state.doc));
    const $at = state.doc.resolve(at);
    return $at.parent.type.name === 'paragraphText' ? state.tr.split(at, 2) : null;
  },
  // As the Yjs binding applies someone else's change: one step replacing the whole document, whose
  // unchanged paragraphs are the same nodes as before.
  remote: (state, random) => {
    const local = edits.type!(state, random)!;
    return state.tr.replaceWith(0, state.doc.content.size, local.doc.content);
  },
  // As the binding often does it: every node of the new document built anew, none shared.
  rebuilt: (state, random) => {
    const local = edits.type!(state, random)!;
    return state.tr.replaceWith(0, state.doc.content.size, Node.fromJSON(editorSchema, local.doc.toJSON()).content);
  },
};

describe('the text decorations follow each edit', () => {
  it('an edit in one paragraph changes that block only', () => {
    const doc = sample(seeded(1));
    const at = textPositions(doc)[40]!;
    const after = EditorState.create({ doc }).tr.insertText('word ', at).doc;
    const changes = changedBlocks(doc, after)!;
    expect(changes.blocks).toHaveLength(1);
    expect(changes.blocks[0]!.after).toBe(after.resolve(at + 1).node(2));
    // Built anew, node by node, as the Yjs binding applies someone else's change: still that block alone.
    const rebuilt = Node.fromJSON(editorSchema, after.toJSON());
    expect(changedBlocks(doc, rebuilt)!.blocks.map((block) => block.afterPos)).toEqual([changes.blocks[0]!.afterPos]);
  });

  it.each([1, 2, 3, 4, 5])('random edits (seed %i): the decorations kept up edit by edit equal those drawn afresh', (seed) => {
    const random = seeded(seed);
    let state = EditorState.create({ doc: sample(random), plugins: [textDecorationsPlugin()] });
    const names = Object.keys(edits);
    for (let i = 0; i < 120; i++) {
      // Mostly typing, as in a room; now and then an edit that changes more than one block.
      const name = random() < 0.6 ? pick(random, ['type', 'delete', 'remote', 'rebuilt']) : pick(random, names);
      const tr = edits[name]!(state, random);
      if (!tr) continue;
      state = state.apply(tr);
      expect(drawn(textDecorationsKey.getState(state)!), `after edit ${i} (${name})`).toEqual(drawn(textDecorations(state.doc)));
    }
  });
});

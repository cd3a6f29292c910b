import { boxLabels, type Label, N } from '@accord/text';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Mapping } from '@tiptap/pm/transform';
import { type Decoration, DecorationSet } from '@tiptap/pm/view';
import { type ChangedBlock, changedBlocks } from './changed-blocks';
import { blockPlan, decorationsOf, type FootnoteSpec, footnoteCount, textDecorations } from './text-decorations';

/**
 * The text's decorations kept up to date edit by edit. Drawing them again over the whole document on
 * every keystroke (labels, sponsors, footnotes of 500 paragraphs) cost more than the keystroke
 * itself; an edit inside paragraphs changes what only those paragraphs draw, so the previous set is
 * mapped past them and only theirs are planned again. Anything that can change another block's
 * drawing (a paragraph added, removed or moved, its attributes changed, a footnote added or removed)
 * plans the whole document again, as before.
 */

export const textDecorationsKey = new PluginKey<DecorationSet>('accordTextDecorations');

export function textDecorationsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: textDecorationsKey,
    state: {
      init: (_config, state) => textDecorations(state.doc),
      apply: (tr, previous) => (tr.docChanged ? updatedTextDecorations(previous, tr.before, tr.doc) : previous),
    },
    props: {
      decorations: (state) => textDecorationsKey.getState(state),
    },
  });
}

/** The decorations of `after`, from those of `before`: always equal to textDecorations(after). */
export function updatedTextDecorations(previous: DecorationSet, before: Node, after: Node): DecorationSet {
  const changes = changedBlocks(before, after);
  // Attributes carry labels, statuses and alternatives, which other paragraphs' labels depend on.
  if (!changes || changes.blocks.some((block) => !block.before.sameMarkup(block.after))) return textDecorations(after);
  if (changes.blocks.length === 0) return previous;
  const firstFootnotes: number[] = [];
  for (const block of changes.blocks) {
    const first = firstFootnote(previous, block);
    if (first === null) return textDecorations(after);
    firstFootnotes.push(first);
  }
  let set = previous.map(new Mapping([changes.map]), after);
  const labels = new Map<number, Label[]>();
  changes.blocks.forEach((block, i) => {
    const from = block.afterPos;
    const to = from + block.after.nodeSize;
    const stale = set.find(from, to).filter((d) => d.from >= from && d.to <= to);
    const fresh = decorationsOf(blockPlan(after, block.after, from, labelsOfBox(after, block, labels), firstFootnotes[i]!));
    set = set.remove(stale).add(after, fresh);
  });
  return set;
}

/**
 * The number of the block's first footnote, from the footnotes it drew before; null when it now
 * holds another number of footnotes (every later footnote is numbered again) or gained its first.
 */
function firstFootnote(previous: DecorationSet, block: ChangedBlock): number | null {
  const count = footnoteCount(block.after);
  const from = block.beforePos;
  const to = from + block.before.nodeSize;
  const numbers = previous
    .find(from, to, (spec: Partial<FootnoteSpec>) => spec.footnote !== undefined)
    .filter((d) => d.from >= from && d.to <= to)
    .map((d: Decoration) => (d.spec as FootnoteSpec).footnote);
  if (numbers.length !== count) return null;
  return count === 0 ? 1 : Math.min(...numbers);
}

function labelsOfBox(doc: Node, block: ChangedBlock, cache: Map<number, Label[]>): Label[] {
  let labels = cache.get(block.boxIndex);
  if (!labels) {
    let boxNumber = 0;
    for (let b = 0; b <= block.boxIndex; b++) if (doc.child(b).type.name === N.box) boxNumber++;
    const box = doc.child(block.boxIndex);
    labels = box.type.name === N.box ? boxLabels(box, block.boxPos, boxNumber) : [];
    cache.set(block.boxIndex, labels);
  }
  return labels;
}

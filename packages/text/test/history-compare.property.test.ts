/**
 * compareTexts under random edits of the demo text (insertions, deletions, moves, rewordings, brackets
 * agreed, statuses). Rules checked after every sequence:
 *   SAME       a text compared with itself has no change;
 *   COUNTS     inserted and deleted are the set difference of ids (a sub-paragraph counted only when
 *              its paragraph is on both sides: otherwise it folds into its paragraph);
 *   ONCE       one entry per unit and kind, and no unit both moved and relabelled;
 *   ORDERED    the changes of units still in the text follow its order;
 *   CAUSED     only reworded units are modified, only units whose status was set have a status change;
 *   SUMMED     the summary's counts are the changes' counts;
 *   REDLINE    a modified unit's redline spells both wordings: what it keeps and deletes is the old
 *              one's words, footnotes and brackets, what it keeps and inserts the new one's;
 *   RESTORED   restoring any paragraph or sub-paragraph of the first text into the edited one gives a
 *              valid text in which it compares unchanged with the first (at most moved, where it was
 *              replaced in place, or relabelled, where its label was taken since), its sub-paragraphs
 *              too; a sub-paragraph whose paragraph is gone is refused with a TextModelError.
 * Replay a failure with FC_SEED=<seed>.
 */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { compareTexts, restoreBlock } from '../src/history/index.js';
import { computeLabels, PARAGRAPH_STATUSES, TextModelError, toJSON, validateDocument, type ParagraphStatus } from '../src/index.js';
import { addFootnoteAtEnd, agreeBracket, bracketsIn, bracketWords, demo, editFootnote, inlineRange, insertAfter, moveAfter, newParagraph, newSubparagraph, remove, repairLabels, replaceWords, setAttrs, setSponsors } from './history-edits.js';
import { fcParams } from './support/fc-params.js';

type Edit =
  | { kind: 'delete'; at: number }
  | { kind: 'insertParagraph'; at: number }
  | { kind: 'insertSub'; at: number }
  | { kind: 'move'; at: number; to: number }
  | { kind: 'reword'; at: number }
  | { kind: 'agree'; at: number }
  | { kind: 'sponsors'; at: number; sponsors: string[] }
  | { kind: 'bracket'; at: number }
  | { kind: 'cut'; at: number }
  | { kind: 'footnote'; at: number; text: string | null }
  | { kind: 'status'; at: number; status: ParagraphStatus };

const at = fc.nat({ max: 1000 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at }),
  fc.record({ kind: fc.constant('insertParagraph' as const), at }),
  fc.record({ kind: fc.constant('insertSub' as const), at }),
  fc.record({ kind: fc.constant('move' as const), at, to: at }),
  fc.record({ kind: fc.constant('reword' as const), at }),
  fc.record({ kind: fc.constant('agree' as const), at }),
  fc.record({ kind: fc.constant('sponsors' as const), at, sponsors: fc.subarray(['Arandia', 'Kestria', 'Solmar', 'Veloria']) }),
  fc.record({ kind: fc.constant('bracket' as const), at }),
  fc.record({ kind: fc.constant('cut' as const), at }),
  fc.record({ kind: fc.constant('footnote' as const), at, text: fc.option(fc.constantFrom('A note.', 'The Chair understands this broadly.'), { nil: null }) }),
  fc.record({ kind: fc.constant('status' as const), at, status: fc.constantFrom(...PARAGRAPH_STATUSES) }),
);

interface Applied {
  doc: Node;
  reworded: Set<string>;
  statusSet: Set<string>;
}

function ids(doc: Node, kind: 'paragraph' | 'subparagraph'): string[] {
  return computeLabels(doc)
    .list.filter((l) => l.kind === kind && l.id !== null)
    .map((l) => l.id!);
}

function pick<T>(list: T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** Sub-paragraph id → its paragraph's id. */
function parents(doc: Node): Map<string, string | null> {
  return new Map(computeLabels(doc).list.flatMap((l) => (l.kind === 'subparagraph' && l.id !== null ? [[l.id, l.paragraphId ?? null] as const] : [])));
}

/** What a redline must spell for one side: the words, the footnotes' texts, how many brackets. */
function wordingOf(doc: Node, id: string): { text: string; footnotes: string[]; brackets: number } {
  const { node } = inlineRange(doc, id);
  const footnotes: string[] = [];
  const brackets = new Set<unknown>();
  node.forEach((child) => {
    if (child.type.name === 'footnote') footnotes.push(child.attrs.text as string);
    for (const mark of child.marks) if (mark.type.name === 'bracket') brackets.add(mark.attrs.id);
  });
  return { text: node.textContent, footnotes, brackets: brackets.size };
}

function apply(doc: Node, e: Edit, applied: Applied): Node {
  const paragraphs = ids(doc, 'paragraph');
  const subs = ids(doc, 'subparagraph');
  const units = [...paragraphs, ...subs];
  switch (e.kind) {
    case 'delete': {
      const id = pick(units, e.at);
      // A box keeps at least one paragraph, so a move always has somewhere to go.
      return id && paragraphs.length > 5 ? remove(doc, id) : doc;
    }
    case 'insertParagraph': {
      const id = pick(paragraphs, e.at);
      return id ? insertAfter(doc, id, newParagraph(`New paragraph ${e.at}.`)) : doc;
    }
    case 'insertSub': {
      const id = pick(subs, e.at);
      return id ? insertAfter(doc, id, newSubparagraph(`new sub-paragraph ${e.at};`)) : doc;
    }
    case 'move': {
      const id = pick(paragraphs, e.at);
      const after = pick(paragraphs, e.to);
      if (!id || !after || id === after) return doc;
      // Not between two alternatives; the one moved leaves its group, as the editor's cut and paste makes it.
      const labels = computeLabels(doc);
      const next = labels.list.find((l) => l.kind === 'paragraph' && l.pos > labels.byId.get(after)!.pos);
      if (labels.byId.get(after)!.alt && next?.alt?.group === labels.byId.get(after)!.alt!.group) return doc;
      return moveAfter(setAttrs(doc, id, { alt: null }), id, after);
    }
    case 'reword': {
      const id = pick(units, e.at);
      if (!id) return doc;
      const first = /[\p{L}]+/u.exec(inlineRange(doc, id).node.textContent)?.[0];
      if (!first) return doc;
      applied.reworded.add(id);
      return replaceWords(doc, id, first, `${first}x`);
    }
    case 'agree': {
      const id = pick(units, e.at);
      if (!id || bracketsIn(doc, id).length === 0) return doc;
      applied.reworded.add(id);
      return agreeBracket(doc, id, e.at % bracketsIn(doc, id).length);
    }
    case 'sponsors': {
      const id = pick(units, e.at);
      if (!id || bracketsIn(doc, id).length === 0) return doc;
      applied.reworded.add(id);
      return setSponsors(doc, id, e.at % bracketsIn(doc, id).length, e.sponsors);
    }
    case 'bracket':
    case 'cut': {
      const id = pick(units, e.at);
      // Words of one text node (the search for them does not cross nodes); brackets do not nest.
      const words: string[] = [];
      if (id) {
        inlineRange(doc, id).node.forEach((child) => {
          if (e.kind === 'bracket' && child.marks.some((m) => m.type.name === 'bracket')) return;
          words.push(...(child.text?.match(/[\p{L}]+/gu) ?? []));
        });
      }
      if (!id || words.length === 0) return doc;
      const word = words[e.at % words.length]!;
      applied.reworded.add(id);
      return e.kind === 'bracket' ? bracketWords(doc, id, word, ['Solmar']) : replaceWords(doc, id, word, '');
    }
    case 'footnote': {
      const id = pick(units, e.at);
      if (!id) return doc;
      applied.reworded.add(id);
      let hasFootnote = false;
      inlineRange(doc, id).node.forEach((child) => {
        hasFootnote ||= child.type.name === 'footnote';
      });
      if (hasFootnote && e.at % 2 === 0) return editFootnote(doc, id, e.text);
      return e.text === null ? doc : addFootnoteAtEnd(doc, id, e.text);
    }
    case 'status': {
      const id = pick(paragraphs, e.at);
      if (!id) return doc;
      applied.statusSet.add(id);
      return setAttrs(doc, id, { status: e.status });
    }
  }
}

describe('compareTexts under random edits', () => {
  const base = demo();
  process.stdout.write(`history compare property: seed ${fcParams.seed} (FC_SEED=${fcParams.seed} to replay), ${fcParams.numRuns} runs\n`);

  it('SAME, COUNTS, ONCE, ORDERED, CAUSED, SUMMED, REDLINE', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const applied: Applied = { doc: base, reworded: new Set(), statusSet: new Set() };
        for (const e of edits) applied.doc = repairLabels(apply(applied.doc, e, applied));
        const after = applied.doc;

        expect(compareTexts(after, after).changes).toEqual([]);
        const { changes, summary } = compareTexts(base, after);

        const beforeParagraphs = new Set(ids(base, 'paragraph'));
        const afterParagraphs = new Set(ids(after, 'paragraph'));
        const parentBefore = parents(base);
        const parentAfter = parents(after);
        const newSubs = [...parentAfter].filter(([id, parent]) => !parentBefore.has(id) && beforeParagraphs.has(parent!));
        const goneSubs = [...parentBefore].filter(([id, parent]) => !parentAfter.has(id) && afterParagraphs.has(parent!));
        const inserted = [...afterParagraphs].filter((id) => !beforeParagraphs.has(id)).length + newSubs.length;
        const deleted = [...beforeParagraphs].filter((id) => !afterParagraphs.has(id)).length + goneSubs.length;
        expect(summary.inserted).toBe(inserted);
        expect(summary.deleted).toBe(deleted);

        const keys = changes.map((c) => `${c.paragraphId} ${c.kind}`);
        expect(new Set(keys).size).toBe(keys.length);
        const moved = new Set(changes.filter((c) => c.kind === 'moved').map((c) => c.paragraphId));
        expect(changes.filter((c) => c.kind === 'relabelled' && moved.has(c.paragraphId))).toEqual([]);

        const position = new Map(computeLabels(after).list.map((l, i) => [l.id, i]));
        const positions = changes.filter((c) => c.kind !== 'deleted').map((c) => position.get(c.paragraphId)!);
        expect(positions).toEqual(positions.toSorted((x, y) => x - y));

        for (const change of changes.filter((c) => c.kind === 'modified')) expect(applied.reworded).toContain(change.paragraphId);
        for (const change of changes.filter((c) => c.kind === 'status')) expect(applied.statusSet).toContain(change.paragraphId);

        for (const change of changes.filter((c) => c.kind === 'modified')) {
          for (const [doc, skip] of [[base, 'insert'], [after, 'delete']] as const) {
            const side = change.redline!.filter((p) => p.op !== skip);
            const wording = wordingOf(doc, change.paragraphId);
            expect(side.filter((p) => p.kind === 'text').map((p) => p.text).join('')).toBe(wording.text);
            expect(side.filter((p) => p.kind === 'footnote').map((p) => p.text)).toEqual(wording.footnotes);
            expect(side.filter((p) => p.kind === 'open').length).toBe(wording.brackets);
            expect(side.filter((p) => p.kind === 'close').length).toBe(wording.brackets);
          }
        }

        for (const kind of ['inserted', 'deleted', 'moved', 'modified', 'relabelled', 'status'] as const) {
          expect(summary[kind]).toBe(changes.filter((c) => c.kind === kind).length);
          expect(summary.byBox.reduce((sum, row) => sum + row[kind], 0)).toBe(summary[kind]);
        }
      }),
      fcParams,
    );
  });

  it('RESTORED', () => {
    const all = [...ids(base, 'paragraph'), ...ids(base, 'subparagraph')];
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.nat({ max: all.length - 1 }), (edits, which) => {
        const applied: Applied = { doc: base, reworded: new Set(), statusSet: new Set() };
        for (const e of edits) applied.doc = repairLabels(apply(applied.doc, e, applied));
        const id = all[which]!;
        const label = computeLabels(base).byId.get(id)!;
        if (label.kind === 'subparagraph' && !ids(applied.doc, 'paragraph').includes(label.paragraphId!)) {
          expect(() => restoreBlock(applied.doc, base, id)).toThrow(TextModelError);
          return;
        }
        const edited = validateDocument(toJSON(applied.doc));
        expect(edited.ok ? [] : edited.problems).toEqual([]);
        const restored = restoreBlock(applied.doc, base, id);
        const valid = validateDocument(toJSON(restored));
        expect(valid.ok ? [] : valid.problems).toEqual([]);
        const subs = label.kind === 'paragraph' ? computeLabels(base).list.filter((l) => l.kind === 'subparagraph' && l.paragraphId === id).map((l) => l.id) : [];
        const changes = compareTexts(base, restored).changes;
        expect(changes.filter((c) => c.paragraphId === id && c.kind !== 'moved' && c.kind !== 'relabelled')).toEqual([]);
        expect(changes.filter((c) => subs.includes(c.paragraphId))).toEqual([]);
      }),
      fcParams,
    );
  });
});

/**
 * Random edits between two revisions, for the redline's property tests: the history tests' edits
 * (packages/text/test/history-edits.ts) plus what only a printed redline sees — a box retitled,
 * added or removed, a sub-paragraph moved to another paragraph, emphasis.
 */
import { computeLabels, newId, PARAGRAPH_STATUSES, schema, type ParagraphStatus } from '@accord/text';
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import {
  addFootnoteAtEnd,
  agreeBracket,
  bracketsIn,
  bracketWords,
  editFootnote,
  inlineRange,
  insertAfter,
  moveAfter,
  newParagraph,
  newSubparagraph,
  remove,
  repairLabels,
  replaceWords,
  setAttrs,
  setSponsors,
} from '../../text/test/history-edits.js';

export type Edit =
  | { kind: 'delete' | 'insertParagraph' | 'insertSub' | 'reword' | 'agree' | 'bracket' | 'cut' | 'emphasis' | 'retitle' | 'deleteBox' | 'insertBox'; at: number }
  | { kind: 'move' | 'moveSub'; at: number; to: number }
  | { kind: 'sponsors'; at: number; sponsors: string[] }
  | { kind: 'footnote'; at: number; text: string | null }
  | { kind: 'status'; at: number; status: ParagraphStatus };

const at = fc.nat({ max: 1000 });
export const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete', 'insertParagraph', 'insertSub', 'reword', 'agree', 'bracket', 'cut', 'emphasis', 'retitle', 'deleteBox', 'insertBox'), at }),
  fc.record({ kind: fc.constantFrom('move', 'moveSub'), at, to: at }),
  fc.record({ kind: fc.constant('sponsors' as const), at, sponsors: fc.subarray(['Arandia', 'Kestria', 'Solmar', 'Veloria']) }),
  fc.record({ kind: fc.constant('footnote' as const), at, text: fc.option(fc.constantFrom('A note.', 'The Chair understands this broadly.'), { nil: null }) }),
  fc.record({ kind: fc.constant('status' as const), at, status: fc.constantFrom(...PARAGRAPH_STATUSES) }),
);

function ids(doc: Node, kind: 'paragraph' | 'subparagraph'): string[] {
  return computeLabels(doc)
    .list.filter((l) => l.kind === kind && l.id !== null)
    .map((l) => l.id!);
}

function pick<T>(list: T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function boxPos(doc: Node, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/** One edit, then the label repairs the editor makes after it. */
export function applyEdit(doc: Node, e: Edit): Node {
  return repairLabels(edited(doc, e));
}

function edited(doc: Node, e: Edit): Node {
  const paragraphs = ids(doc, 'paragraph');
  const subs = ids(doc, 'subparagraph');
  const units = [...paragraphs, ...subs];
  switch (e.kind) {
    case 'delete': {
      const id = pick(units, e.at);
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
    case 'move':
    case 'moveSub': {
      const list = e.kind === 'move' ? paragraphs : subs;
      const id = pick(list, e.at);
      const after = pick(list, e.to);
      if (!id || !after || id === after) return doc;
      const labels = computeLabels(doc);
      if (e.kind === 'move') {
        const next = labels.list.find((l) => l.kind === 'paragraph' && l.pos > labels.byId.get(after)!.pos);
        if (labels.byId.get(after)!.alt && next?.alt?.group === labels.byId.get(after)!.alt!.group) return doc;
        return moveAfter(setAttrs(doc, id, { alt: null }), id, after);
      }
      // A sub-paragraph cut into another paragraph gives up its letter there.
      const moved = labels.byId.get(id)!.paragraphId !== labels.byId.get(after)!.paragraphId;
      return moveAfter(moved ? setAttrs(doc, id, { num: null }) : doc, id, after);
    }
    case 'reword': {
      const id = pick(units, e.at);
      const first = id ? /[\p{L}]+/u.exec(inlineRange(doc, id).node.textContent)?.[0] : undefined;
      return id && first ? replaceWords(doc, id, first, `${first}x`) : doc;
    }
    case 'agree': {
      const id = pick(units, e.at);
      return id && bracketsIn(doc, id).length > 0 ? agreeBracket(doc, id, e.at % bracketsIn(doc, id).length) : doc;
    }
    case 'sponsors': {
      const id = pick(units, e.at);
      return id && bracketsIn(doc, id).length > 0 ? setSponsors(doc, id, e.at % bracketsIn(doc, id).length, e.sponsors) : doc;
    }
    case 'bracket':
    case 'cut': {
      const id = pick(units, e.at);
      const words: string[] = [];
      if (id) {
        inlineRange(doc, id).node.forEach((child) => {
          if (e.kind === 'bracket' && child.marks.some((m) => m.type.name === 'bracket')) return;
          words.push(...(child.text?.match(/[\p{L}]+/gu) ?? []));
        });
      }
      if (!id || words.length === 0) return doc;
      const word = words[e.at % words.length]!;
      return e.kind === 'bracket' ? bracketWords(doc, id, word, ['Solmar']) : replaceWords(doc, id, word, '');
    }
    case 'emphasis': {
      const id = pick(units, e.at);
      if (!id) return doc;
      const { from, to } = inlineRange(doc, id);
      if (to - from < 4) return doc;
      const start = from + (e.at % (to - from - 2));
      return EditorState.create({ doc }).tr.addMark(start, start + 2, schema.marks.em!.create()).doc;
    }
    case 'footnote': {
      const id = pick(units, e.at);
      if (!id) return doc;
      let hasFootnote = false;
      inlineRange(doc, id).node.forEach((child) => {
        hasFootnote ||= child.type.name === 'footnote';
      });
      if (hasFootnote && e.at % 2 === 0) return editFootnote(doc, id, e.text);
      return e.text === null ? doc : addFootnoteAtEnd(doc, id, e.text);
    }
    case 'status': {
      const id = pick(paragraphs, e.at);
      return id ? setAttrs(doc, id, { status: e.status }) : doc;
    }
    case 'retitle': {
      const index = e.at % doc.childCount;
      const title = doc.child(index).firstChild!;
      const pos = boxPos(doc, index) + 1;
      return EditorState.create({ doc }).tr.replaceWith(pos + 1, pos + 1 + title.content.size, schema.text(`Retitled ${e.at}`)).doc;
    }
    case 'deleteBox': {
      if (doc.childCount < 3) return doc;
      const index = e.at % doc.childCount;
      const pos = boxPos(doc, index);
      return EditorState.create({ doc }).tr.delete(pos, pos + doc.child(index).nodeSize).doc;
    }
    case 'insertBox': {
      const index = e.at % (doc.childCount + 1);
      const box = schema.nodes.box!.create({ id: newId() }, [schema.nodes.boxTitle!.create(null, schema.text(`New box ${e.at}`)), newParagraph(`First paragraph of a new box ${e.at}.`)]);
      return EditorState.create({ doc }).tr.insert(boxPos(doc, index), box).doc;
    }
  }
}

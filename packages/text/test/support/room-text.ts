/** A small text for the rules of the room, and edits on it made as the editor makes them (transactions). */
import type { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { bracketOf, computeLabels, M } from '../../src/index.js';
import { rollingText } from './fixtures.js';

export const ROOM_TEXT = rollingText(`
  Box I. Characterisation

  1. The characterisation is without prejudice to international law. {agreed}
  2. Weapons [identified]{Arandia} are [tested]{Veloria} and [reviewed]{Arandia, Veloria} [regularly].
  3. Any characterisation should be technology-neutral and should not hamper peaceful uses. {agreed ad ref}

  Box II. Application of international humanitarian law

  1 Alt 1. International humanitarian law applies in full. {agreed}
  1 Alt 2. International humanitarian law applies to all weapon systems. {agreed}
  2. Decisions on the use of force remain human decisions.

  Box III. Prohibitions and requirements

  1. States shall comply with international law.
  2. In particular, States [shall][should] not employ weapon systems.
  3. States shall ensure that:
     (a) systems operate under [meaningful]{Veloria} human control;
     (b) operators are trained.
`);

export const chair = { role: 'chair', affiliation: null };
export const secretariat = { role: 'secretariat', affiliation: null };
export const arandia = { role: 'delegate', affiliation: 'Republic of Arandia' };
export const veloria = { role: 'delegate', affiliation: 'Kingdom of Veloria' };
export const observer = { role: 'observer', affiliation: null };
export const civilSociety = { role: 'civil_society', affiliation: 'Article 36' };

/** The paragraph (or sub-paragraph) a citation names, with its position. */
export function cited(doc: Node, citation: string): { pos: number; node: Node } {
  const label = computeLabels(doc).list.find((l) => l.citation === citation);
  if (!label) throw new Error(`no ${citation}`);
  return { pos: label.pos, node: doc.nodeAt(label.pos)! };
}

/** Where `words` start in a cited paragraph (its text or sub-paragraphs). */
export function wordsAt(doc: Node, citation: string, words: string): number {
  const { pos, node } = cited(doc, citation);
  let found = -1;
  node.descendants((child, offset) => {
    if (found >= 0) return false;
    const index = child.isText ? child.text!.indexOf(words) : -1;
    if (index >= 0) found = pos + 1 + offset + index;
    return !child.isText;
  });
  if (found < 0) throw new Error(`no "${words}" in ${citation}`);
  return found;
}

export function edit(doc: Node, change: (tr: Transaction) => void): Node {
  const tr = EditorState.create({ doc }).tr;
  change(tr);
  return tr.doc;
}

export const typeIn = (doc: Node, citation: string, words: string, typed = 'x') => edit(doc, (tr) => tr.insertText(typed, wordsAt(doc, citation, words)));

export const deleteWords = (doc: Node, citation: string, words: string) =>
  edit(doc, (tr) => {
    const from = wordsAt(doc, citation, words);
    tr.delete(from, from + words.length);
  });

export const setStatus = (doc: Node, citation: string, status: string) => edit(doc, (tr) => tr.setNodeAttribute(cited(doc, citation).pos, 'status', status));

export const deleteParagraph = (doc: Node, citation: string) =>
  edit(doc, (tr) => {
    const { pos, node } = cited(doc, citation);
    tr.delete(pos, pos + node.nodeSize);
  });

/** Takes the bracket away from the words (the words stay): agreeing them. */
export const unbracket = (doc: Node, citation: string, words: string) =>
  edit(doc, (tr) => {
    const from = wordsAt(doc, citation, words);
    tr.removeMark(from, from + words.length, doc.type.schema.marks[M.bracket]!);
  });

/** Sets the sponsors of the bracket around `words`. */
export const sponsor = (doc: Node, citation: string, words: string, sponsors: string[]) =>
  edit(doc, (tr) => {
    const from = wordsAt(doc, citation, words);
    const mark = bracketOf(doc.nodeAt(from))!;
    tr.addMark(from, from + words.length, mark.type.create({ ...mark.attrs, sponsors }));
  });

/** The edits a chair makes between two revisions, on ProseMirror documents of the rolling text. */
import type { Mark, Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { computeLabels, fromPlainText, labelRepairs, loneAlternatives, newId, schema, type ParagraphStatus } from '../src/index.js';
import { demoRollingText } from '../src/demo-rolling-text.js';

export function demo(): Node {
  return fromPlainText(demoRollingText);
}

/** The id of the paragraph or sub-paragraph cited so: "Box III(2bis)", "Box II(4, Alt 2)", "Box III(2)(a)". */
export function idAt(doc: Node, citation: string): string {
  const label = computeLabels(doc).list.find((l) => l.citation === citation);
  if (!label?.id) throw new Error(`no ${citation} in the text`);
  return label.id;
}

export function posOf(doc: Node, id: string): number {
  const label = computeLabels(doc).byId.get(id);
  if (!label) throw new Error(`no unit ${id}`);
  return label.pos;
}

/** A new paragraph (no label claim yet, as the editor makes one) in the plain-text inline format. */
export function newParagraph(text: string, status: ParagraphStatus = 'under_negotiation'): Node {
  return schema.nodes.paragraph!.create({ id: newId(), num: null, sfx: 0, status, alt: null }, [schema.nodes.paragraphText!.create(null, text ? schema.text(text) : null)]);
}

export function newSubparagraph(text: string): Node {
  return schema.nodes.subparagraph!.create({ id: newId(), num: null, sfx: 0 }, text ? schema.text(text) : null);
}

export function insertAfter(doc: Node, id: string, node: Node): Node {
  const pos = posOf(doc, id);
  const tr = EditorState.create({ doc }).tr;
  return tr.insert(pos + doc.nodeAt(pos)!.nodeSize, node).doc;
}

/** Inserts at the start of a box's paragraphs (after its title). */
export function insertFirstInBox(doc: Node, boxIndex: number, node: Node): Node {
  let pos = 0;
  for (let i = 0; i < boxIndex; i++) pos += doc.child(i).nodeSize;
  const tr = EditorState.create({ doc }).tr;
  return tr.insert(pos + 1 + doc.child(boxIndex).firstChild!.nodeSize, node).doc;
}

export function remove(doc: Node, id: string): Node {
  const pos = posOf(doc, id);
  return EditorState.create({ doc }).tr.delete(pos, pos + doc.nodeAt(pos)!.nodeSize).doc;
}

/** Cut and pasted after `afterId`: the paragraph keeps its id and claim, as a cut-and-paste does. */
export function moveAfter(doc: Node, id: string, afterId: string): Node {
  const node = doc.nodeAt(posOf(doc, id))!;
  return insertAfter(remove(doc, id), afterId, node);
}

export function setAttrs(doc: Node, id: string, attrs: Record<string, unknown>): Node {
  const pos = posOf(doc, id);
  return EditorState.create({ doc }).tr.setNodeMarkup(pos, undefined, { ...doc.nodeAt(pos)!.attrs, ...attrs }).doc;
}

/** The inline content of a paragraph's text line or a sub-paragraph: [from, to) in the document. */
export function inlineRange(doc: Node, id: string): { from: number; to: number; node: Node } {
  const pos = posOf(doc, id);
  const node = doc.nodeAt(pos)!;
  if (node.type.name === 'paragraph') return { from: pos + 2, to: pos + 2 + node.firstChild!.content.size, node: node.firstChild! };
  return { from: pos + 1, to: pos + 1 + node.content.size, node };
}

/** Replaces the first occurrence of `words` in the unit's wording (within one text node) by `by`. */
export function replaceWords(doc: Node, id: string, words: string, by: string): Node {
  const { from, node } = inlineRange(doc, id);
  let at = -1;
  let marks: readonly Mark[] = [];
  node.forEach((child, offset) => {
    const i = child.text?.indexOf(words) ?? -1;
    if (at < 0 && i >= 0) {
      at = from + offset + i;
      marks = child.marks;
    }
  });
  if (at < 0) throw new Error(`"${words}" not found`);
  const tr = EditorState.create({ doc }).tr;
  if (by === '') return tr.delete(at, at + words.length).doc;
  return tr.replaceWith(at, at + words.length, schema.text(by, marks)).doc;
}

/** The brackets of a unit in order: their marks. */
export function bracketsIn(doc: Node, id: string): Mark[] {
  const found: Mark[] = [];
  inlineRange(doc, id).node.forEach((child) => {
    const mark = child.marks.find((m) => m.type.name === 'bracket');
    if (mark && !found.some((m) => m.attrs.id === mark.attrs.id)) found.push(mark);
  });
  return found;
}

/** Agreement: the bracket's mark taken off its words, which stay. */
export function agreeBracket(doc: Node, id: string, bracketIndex: number): Node {
  const { from, to } = inlineRange(doc, id);
  const mark = bracketsIn(doc, id)[bracketIndex]!;
  return EditorState.create({ doc }).tr.removeMark(from, to, mark).doc;
}

export function setSponsors(doc: Node, id: string, bracketIndex: number, sponsors: string[]): Node {
  const { from, node } = inlineRange(doc, id);
  const mark = bracketsIn(doc, id)[bracketIndex]!;
  const tr = EditorState.create({ doc }).tr;
  const replacement = schema.marks.bracket!.create({ ...mark.attrs, sponsors });
  node.forEach((child, offset) => {
    if (!child.marks.some((m) => m.eq(mark))) return;
    tr.removeMark(from + offset, from + offset + child.nodeSize, mark);
    tr.addMark(from + offset, from + offset + child.nodeSize, replacement);
  });
  return tr.doc;
}

/** Brackets words of a unit's wording (their first occurrence outside any bracket: brackets do not nest) with a new bracket. */
export function bracketWords(doc: Node, id: string, words: string, sponsors: string[] = []): Node {
  const { from, node } = inlineRange(doc, id);
  let at = -1;
  node.forEach((child, offset) => {
    if (child.marks.some((m) => m.type.name === 'bracket')) return;
    const i = child.text?.indexOf(words) ?? -1;
    if (at < 0 && i >= 0) at = from + offset + i;
  });
  if (at < 0) throw new Error(`"${words}" not found`);
  return EditorState.create({ doc }).tr.addMark(at, at + words.length, schema.marks.bracket!.create({ id: newId(), sponsors })).doc;
}

/** Rewrites the text of the unit's first footnote (its id kept), or removes it with `null`. */
export function editFootnote(doc: Node, id: string, text: string | null): Node {
  const { from, node } = inlineRange(doc, id);
  let pos = -1;
  node.forEach((child, offset) => {
    if (pos < 0 && child.type.name === 'footnote') pos = from + offset;
  });
  if (pos < 0) throw new Error('no footnote');
  const tr = EditorState.create({ doc }).tr;
  if (text === null) return tr.delete(pos, pos + 1).doc;
  return tr.setNodeMarkup(pos, undefined, { ...doc.nodeAt(pos)!.attrs, text }).doc;
}

export function addFootnoteAtEnd(doc: Node, id: string, text: string): Node {
  const { to } = inlineRange(doc, id);
  return EditorState.create({ doc }).tr.insert(to, schema.nodes.footnote!.create({ id: newId(), text })).doc;
}

/**
 * What the editor does after every change: clear the group of an alternative left alone, and store
 * each computed label in its node (a moved paragraph whose claim was taken gives it up).
 */
export function repairLabels(doc: Node): Node {
  const tr = EditorState.create({ doc }).tr;
  for (const pos of loneAlternatives(doc)) tr.setNodeMarkup(pos, undefined, { ...tr.doc.nodeAt(pos)!.attrs, alt: null });
  for (const { pos, num, sfx } of labelRepairs(tr.doc)) tr.setNodeMarkup(pos, undefined, { ...tr.doc.nodeAt(pos)!.attrs, num, sfx });
  return tr.doc;
}

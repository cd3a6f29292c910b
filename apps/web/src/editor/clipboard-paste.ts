import { N, paragraphSlots, writeInline } from '@accord/text';
import { recognizeFragment, type SourceLine } from '@accord/text/recognize';
import { Fragment, type Node, type ResolvedPos, Slice } from '@tiptap/pm/model';
import { type EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';

/**
 * A paste from outside Accord (text in the rolling-text format, an e-mail, Word's HTML) read by the
 * same recognizer as the import: numbered lines become paragraphs, lettered ones sub-paragraphs,
 * "[..]{..}" brackets and "^[..]" footnotes, all with new ids and no label of their own (the label
 * repairs give each the label it takes where it lands: 2bis between 2 and 3). Lines it cannot read
 * are plain paragraphs. One line of words stays words in the text being written.
 *
 * The transaction goes through the same guards as typing (write access, the rules of the room, the
 * size limit): nothing here decides who may paste.
 */
export function pasteLines(state: EditorState, lines: readonly SourceLine[]): Transaction | null {
  if (lines.length === 0) return null;
  const { blocks } = recognizeFragment(lines);
  if (blocks.length === 0) return null;
  const nodes = blocks.map((block) => state.schema.nodeFromJSON(block.toJSON()));
  const tr = state.tr;
  if (!tr.selection.empty) tr.deleteSelection();
  const words = lines.length === 1 ? wordsOnly(lines[0]!, nodes) : null;
  if (words) pasteWords(tr, words);
  else if (!pasteBlocks(tr, nodes)) return null;
  return pasted(tr);
}

/**
 * Accord's own copy of whole paragraphs or sub-paragraphs (as ProseMirror read it from the HTML,
 * ids already settled by pastePlugin), placed as the recognizer's blocks are: ProseMirror's own
 * fitting would pour the first paragraph's words into the one at the cursor and its sub-paragraphs
 * into that paragraph. Null for words from inside one paragraph, which ProseMirror pastes as words.
 */
export function pasteSlice(state: EditorState, slice: Slice): Transaction | null {
  const blocks = blocksOf(slice);
  if (!blocks || blocks.length === 0) return null;
  const tr = state.tr;
  if (!tr.selection.empty) tr.deleteSelection();
  if (!pasteBlocks(tr, blocks, true)) return null;
  return pasted(tr);
}

function pasted(tr: Transaction): Transaction {
  return tr.scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste');
}

/** The paragraphs (or sub-paragraphs) a slice holds; box titles are not pasted. */
function blocksOf(slice: Slice): Node[] | null {
  let content = slice.content;
  let parent: Node | null = null;
  let depth = 0;
  while (content.childCount === 1 && depth < slice.openStart && depth < slice.openEnd && !content.firstChild!.isInline) {
    parent = content.firstChild!;
    content = parent.content;
    depth++;
  }
  if (parent?.isTextblock || content.firstChild?.isInline) return null;
  const openStart = slice.openStart > depth;
  const openEnd = slice.openEnd > depth;
  const blocks: Node[] = [];
  const add = (node: Node, edge: boolean): void => {
    // An empty paragraph at an open edge is where the selection began or ended.
    if (edge && node.textContent === '' && node.childCount <= 1) return;
    blocks.push(node);
  };
  const addParagraphs = (box: Node, first: boolean, last: boolean): void =>
    box.forEach((child, _offset, i) => {
      if (child.type.name === N.paragraph) add(child, (first && i === 0) || (last && i === box.childCount - 1));
    });
  if (parent?.type.name === N.paragraph) {
    // A paragraph's text and sub-paragraphs: that paragraph, or its sub-paragraphs alone.
    if (content.firstChild?.type.name === N.paragraphText) blocks.push(parent.copy(content));
    else content.forEach((sub, _offset, i) => sub.type.name === N.subparagraph && add(sub, (openStart && i === 0) || (openEnd && i === content.childCount - 1)));
  } else if (parent?.type.name === N.box) {
    addParagraphs(parent.copy(content), openStart, openEnd);
  } else {
    content.forEach((box, _offset, i) => box.type.name === N.box && addParagraphs(box, openStart && i === 0, openEnd && i === content.childCount - 1));
  }
  return blocks;
}

/** One line read as a paragraph with nothing but its words: no label, status or sub-paragraph. */
function wordsOnly(line: SourceLine, nodes: Node[]): Node | null {
  const [node] = nodes;
  if (nodes.length !== 1 || line.numbering || line.heading || node!.type.name !== N.paragraph || node!.childCount !== 1) return null;
  if (node!.attrs.status !== 'under_negotiation') return null;
  const source = line.runs.map((r) => ('text' in r ? r.text : '')).join('');
  // The recognizer takes a label ("5.", "(a)") off the front of the words; then this is a paragraph.
  const recognized = node!.firstChild!;
  const withoutNotes = recognized.type.create(null, filterInline(recognized, (child) => child.isText));
  const same = squash(writeInline(withoutNotes)) === squash(source.replace(/\^\[[^\]]*\]/g, '')) || squash(writeInline(recognized)) === squash(source);
  if (!same) return null;
  // The recognizer trims a line; pasted between two words, the spaces around it are the person's.
  const space = (at: 'start' | 'end'): Node[] => ((at === 'start' ? /^\s/ : /\s$/).test(source) ? [recognized.type.schema.text(' ')] : []);
  const content: Node[] = [...space('start')];
  recognized.forEach((child) => content.push(child));
  content.push(...space('end'));
  return recognized.type.create(null, content);
}

function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function filterInline(block: Node, keep: (child: Node) => boolean): Node[] {
  const out: Node[] = [];
  block.forEach((child) => keep(child) && out.push(child));
  return out;
}

/** Inline content at the cursor; a box title takes its words only. */
function pasteWords(tr: Transaction, words: Node): void {
  const { $from } = tr.selection;
  if ($from.parent.type.name === N.boxTitle) {
    tr.insertText(words.textContent.replace(/[\r\n]+/g, ' '));
    return;
  }
  tr.replaceSelection(new Slice(words.content, 0, 0));
}

interface Place {
  /** The paragraph the cursor is in (null in a box title). */
  paragraph: { node: Node; pos: number } | null;
  box: { node: Node; pos: number };
  $pos: ResolvedPos;
}

function placeOf($pos: ResolvedPos): Place | null {
  let paragraph: Place['paragraph'] = null;
  for (let d = $pos.depth; d > 0; d--) {
    const node = $pos.node(d);
    if (node.type.name === N.paragraph) paragraph = { node, pos: $pos.before(d) };
    if (node.type.name === N.box) return { paragraph, box: { node, pos: $pos.before(d) }, $pos };
  }
  return null;
}

function isEmptyParagraph(paragraph: Node): boolean {
  return paragraph.childCount === 1 && paragraph.firstChild!.content.size === 0;
}

/**
 * Whole paragraphs and sub-paragraphs where the cursor is:
 * - sub-paragraphs read before any paragraph go into the paragraph at the cursor (after the
 *   sub-paragraph the cursor is in, or first), and replace an empty sub-paragraph the cursor is in;
 * - paragraphs go after the cursor's paragraph (after its whole Alt group), before it when the
 *   cursor is at the very start of its text, and an empty paragraph the cursor is in takes the first
 *   pasted one's content and status, keeping its own id and label (replaced by it when the pasted
 *   one has an identity of its own: Accord's copy or cut).
 */
function pasteBlocks(tr: Transaction, nodes: Node[], ownIdentity = false): boolean {
  const place = placeOf(tr.selection.$from);
  if (!place) return false;
  const schema = tr.doc.type.schema;
  const leadingSubs: Node[] = [];
  let i = 0;
  while (i < nodes.length && nodes[i]!.type.name === N.subparagraph) leadingSubs.push(nodes[i++]!);
  let paragraphs = nodes.slice(i);
  let cursorAt: number | null = null;

  if (leadingSubs.length > 0) {
    if (place.paragraph) {
      const { $pos } = place;
      const inSub = $pos.parent.type.name === N.subparagraph;
      let at: number;
      let replace = 0;
      if (inSub && $pos.parent.content.size === 0) {
        at = $pos.before();
        replace = $pos.parent.nodeSize;
      } else if (inSub) at = $pos.parentOffset === 0 ? $pos.before() : $pos.after();
      else at = place.paragraph.pos + 1 + place.paragraph.node.firstChild!.nodeSize;
      const $at = tr.doc.resolve(at);
      tr.replaceWith(at, at + replace, claimsInOrder(leadingSubs, $at.parent, $at.index(), replace > 0));
      cursorAt = at + Fragment.from(leadingSubs).size;
    } else {
      // In a box title there is no paragraph to hold them: each becomes a paragraph of its words.
      paragraphs = [...leadingSubs.map((sub) => schema.nodes[N.paragraph]!.create(null, schema.nodes[N.paragraphText]!.create(null, sub.content))), ...paragraphs];
    }
  }

  if (paragraphs.length > 0) {
    const current = placeOf(tr.doc.resolve(tr.mapping.map(tr.selection.from)));
    if (!current) return false;
    let at: number;
    if (!current.paragraph) {
      at = current.box.pos + 1 + current.box.node.firstChild!.nodeSize;
    } else if (leadingSubs.length === 0 && isEmptyParagraph(current.paragraph.node) && paragraphs[0]!.attrs.alt === null) {
      // The empty paragraph a delegate made to paste into: it becomes the first pasted one.
      const { node, pos } = current.paragraph;
      const $at = tr.doc.resolve(pos);
      const [first, ...rest] = ownIdentity ? claimsInOrder(paragraphs, $at.parent, $at.index(), true) : paragraphs;
      // A paragraph cut elsewhere keeps its own identity (a move); one read from text takes the empty one's.
      const merged = ownIdentity ? first! : node.type.create({ ...node.attrs, status: first!.attrs.status }, first!.content);
      tr.replaceWith(pos, pos + node.nodeSize, merged);
      at = pos + merged.nodeSize;
      paragraphs = rest;
      cursorAt = at - 1;
    } else if (leadingSubs.length === 0 && atTextStart(current.$pos)) {
      at = slotStart(current.box, current.paragraph.pos);
    } else {
      at = slotEnd(current.box, current.paragraph.pos);
    }
    if (paragraphs.length > 0) {
      const $at = tr.doc.resolve(at);
      paragraphs = claimsInOrder(paragraphs, $at.parent, $at.index(), false);
      tr.insert(at, paragraphs);
      cursorAt = at + Fragment.from(paragraphs).size - 1;
    }
  }
  if (cursorAt !== null) tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(cursorAt, tr.doc.content.size)), -1));
  return true;
}

function atTextStart($pos: ResolvedPos): boolean {
  return $pos.parent.type.name === N.paragraphText && $pos.parentOffset === 0 && $pos.parent.content.size > 0;
}

/** The paragraphs of one Alt group stay together: nothing is pasted between them. */
function slotOf(box: { node: Node; pos: number }, paragraphPos: number): ReturnType<typeof paragraphSlots>[number] {
  return paragraphSlots(box.node, box.pos).find((slot) => slot.some((p) => p.pos === paragraphPos)) ?? [];
}

function slotStart(box: { node: Node; pos: number }, paragraphPos: number): number {
  return slotOf(box, paragraphPos)[0]?.pos ?? paragraphPos;
}

function slotEnd(box: { node: Node; pos: number }, paragraphPos: number): number {
  const last = slotOf(box, paragraphPos).at(-1);
  return last ? last.pos + last.node.nodeSize : paragraphPos;
}

type Claim = { num: number; sfx: number };

function claimOf(node: Node): Claim | null {
  const { num, sfx } = node.attrs as { num: unknown; sfx: unknown };
  return typeof num === 'number' && Number.isSafeInteger(num) && num >= 0 ? { num, sfx: typeof sfx === 'number' && Number.isSafeInteger(sfx) ? sfx : 0 } : null;
}

function isBefore(a: Claim, b: Claim): boolean {
  return a.num < b.num || (a.num === b.num && a.sfx < b.sfx);
}

/**
 * A pasted paragraph or sub-paragraph that carries a label (one cut and pasted back: a move) keeps
 * it only where it reads in order, between the labels before and after the place it lands;
 * elsewhere (another box, or out of order) it is labelled as new, as a copy is. Otherwise a
 * paragraph 6 moved between 1 and 2 of another box would read "1, 6, 2".
 * `replacing`: the sibling at `index` is the one being replaced, not a neighbour.
 */
function claimsInOrder(nodes: Node[], parent: Node, index: number, replacing: boolean): Node[] {
  const type = nodes[0]?.type;
  let low: Claim | null = null;
  let high: Claim | null = null;
  parent.forEach((child, _offset, i) => {
    if (child.type !== type || (replacing && i === index)) return;
    const claim = claimOf(child);
    if (!claim) return;
    if (i < index) low = claim;
    else if (!high) high = claim;
  });
  let last: Claim | null = low;
  let lastAlt: unknown = null;
  return nodes.map((node) => {
    const claim = claimOf(node);
    if (!claim || node.type !== type) return node;
    const sameSlot = last !== null && node.attrs.alt !== null && node.attrs.alt === lastAlt && claim.num === last.num && claim.sfx === last.sfx;
    const fits = (last === null || isBefore(last, claim) || sameSlot) && (high === null || isBefore(claim, high));
    if (fits) {
      last = claim;
      lastAlt = node.attrs.alt;
      return node;
    }
    return node.type.create({ ...node.attrs, num: null, sfx: 0 }, node.content, node.marks);
  });
}

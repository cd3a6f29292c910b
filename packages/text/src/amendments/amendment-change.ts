/**
 * What accepting an amendment does to the text, as a pure function from the document to the next one.
 * The server writes the result into the live Y.Doc with applyDocumentChange (@accord/text/yjs).
 */
import type { Node } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { TextModelError } from '../errors.js';
import { newId } from '../ids.js';
import { computeLabels, paragraphSlots } from '../labels.js';
import { N, schema } from '../schema.js';
import { inlineChildren, requireBlock, type PlacedBlock } from './block.js';
import { inlineOptions } from './bracketed-replace.js';
import { bracketUnbracketed, checkSponsors, deletionFootnote, footnote } from './bracketing.js';
import { parseBlockText } from './parse-block-text.js';

export type AmendmentKind = 'replace' | 'insert_after' | 'delete';
export type AcceptMode = 'as_proposed' | 'bracketed';

export interface AmendmentChange {
  /** The paragraph or sub-paragraph id. */
  targetId: string;
  kind: AmendmentKind;
  /** The block's new wording in the plain-text format; null for a deletion. */
  text: string | null;
  mode: AcceptMode;
  /** The delegations a bracketed option is sponsored by. */
  sponsors: string[];
  /** In bracketed mode, a footnote after the new wording (for a deletion, after "Proposed for deletion"). */
  note?: string;
}

interface Context {
  target: PlacedBlock;
  sponsors: string[];
  note: string | undefined;
  /** New paragraphs and sub-paragraphs, whose first label is stored in them. */
  created: string[];
}

/**
 * The document with the amendment applied (see the README). Throws a TextModelError naming the field
 * (`paragraphId`, `text`, `sponsors`, `note`) or a TextFormatError for wording that does not parse.
 */
export function amendmentChange(doc: Node, a: AmendmentChange): Node {
  const target = requireBlock(doc, computeLabels(doc), a.targetId);
  const wording = wordingOf(a);
  const note = a.note?.trim() || undefined;
  const context: Context = { target, sponsors: checkSponsors(a.sponsors), note, created: [] };
  const tr = EditorState.create({ doc }).tr;
  const bracketed = a.mode === 'bracketed';
  if (a.kind === 'replace') {
    if (bracketed) replaceBracketed(tr, context, wording!);
    else replaceContent(tr, target, wording!);
  } else if (a.kind === 'insert_after') {
    insertAfter(tr, context, bracketed ? withNote(bracketUnbracketed(wording!, context.sponsors), note) : wording!);
  } else if (bracketed) deleteBracketed(tr, context);
  else deleteBlock(tr, target);
  return storeFirstLabels(tr, context.created);
}

function wordingOf(a: AmendmentChange): Node[] | null {
  if (a.kind === 'delete') {
    if (a.text !== null && a.text !== undefined) throw new TextModelError('text: a deletion takes no text', 'text');
    return null;
  }
  if (typeof a.text !== 'string' || a.text.trim() === '') {
    throw new TextModelError(`text: must not be empty: ${a.kind === 'replace' ? 'a replacement' : 'a new paragraph'} needs its wording`, 'text');
  }
  return parseBlockText(a.text);
}

function withNote(content: Node[], note: string | undefined): Node[] {
  return note ? [...content, footnote(note, 'note')] : content;
}

function replaceContent(tr: Transaction, target: PlacedBlock, content: readonly Node[]): void {
  const from = target.contentStart;
  tr.replaceWith(from, from + target.inline.content.size, [...content]);
}

/**
 * Inline options per hunk where possible; otherwise a new version of the whole block: an alternative
 * to a paragraph, or a sub-paragraph after the sub-paragraph.
 */
function replaceBracketed(tr: Transaction, context: Context, wording: Node[]): void {
  const { target, sponsors, note } = context;
  const noteNode = note ? footnote(note, 'note') : null;
  const inline = inlineOptions(inlineChildren(target.inline), wording, sponsors, noteNode);
  if (inline.kind === 'unchanged') return;
  if (inline.kind === 'inline') {
    replaceContent(tr, target, inline.content);
    return;
  }
  const content = withNote(bracketUnbracketed(wording, sponsors), note);
  if (target.block.kind === 'subparagraph') {
    insertAfter(tr, context, content);
    return;
  }
  const slot = slotOf(tr.doc, target);
  let group: unknown = target.paragraph.attrs.alt;
  if (slot.length < 2 || typeof group !== 'string') {
    group = newId();
    tr.setNodeMarkup(target.paragraphPos, undefined, { ...target.paragraph.attrs, alt: group });
  }
  insertParagraph(tr, context, slotEnd(slot), content, group as string);
}

/** After a paragraph (after its whole alternative group), or after a sub-paragraph. */
function insertAfter(tr: Transaction, context: Context, content: Node[]): void {
  const { target } = context;
  if (target.block.kind === 'paragraph') {
    insertParagraph(tr, context, slotEnd(slotOf(tr.doc, target)), content, null);
    return;
  }
  const id = newId();
  context.created.push(id);
  tr.insert(target.pos + target.node.nodeSize, schema.nodes[N.subparagraph]!.create({ id, num: null, sfx: 0 }, content));
}

function insertParagraph(tr: Transaction, context: Context, pos: number, content: Node[], alt: string | null): void {
  const id = newId();
  context.created.push(id);
  const text = schema.nodes[N.paragraphText]!.create(null, content);
  tr.insert(pos, schema.nodes[N.paragraph]!.create({ id, num: null, sfx: 0, status: 'under_negotiation', alt }, text));
}

/** A paragraph with its sub-paragraphs; the last other alternative of its group becomes a plain paragraph. */
function deleteBlock(tr: Transaction, target: PlacedBlock): void {
  if (target.block.kind === 'paragraph') {
    const slot = slotOf(tr.doc, target);
    if (slot.length === 2) {
      const other = slot.find((p) => p.pos !== target.pos)!;
      tr.setNodeMarkup(other.pos, undefined, { ...other.node.attrs, alt: null });
    }
  }
  tr.delete(target.pos, target.pos + target.node.nodeSize);
}

/**
 * The wording proposed for deletion in brackets (existing brackets kept) and a footnote saying so.
 * A paragraph's sub-paragraphs are bracketed too: deleting the paragraph deletes them.
 */
function deleteBracketed(tr: Transaction, context: Context): void {
  const { target, sponsors, note } = context;
  const blocks: Array<{ start: number; node: Node; footnote: boolean }> = [{ start: target.contentStart, node: target.inline, footnote: true }];
  if (target.block.kind === 'paragraph') {
    target.node.forEach((child, offset) => {
      if (child.type.name === N.subparagraph) blocks.push({ start: target.pos + 1 + offset + 1, node: child, footnote: false });
    });
  }
  // From the last, so the positions of the earlier ones stay valid.
  for (const block of blocks.toReversed()) {
    const content = bracketUnbracketed(inlineChildren(block.node), []);
    if (block.footnote) content.push(deletionFootnote(sponsors, note));
    tr.replaceWith(block.start, block.start + block.node.content.size, content);
  }
}

function slotOf(doc: Node, target: PlacedBlock): Array<{ node: Node; pos: number }> {
  const boxPos = doc.resolve(target.paragraphPos).before();
  const slots = paragraphSlots(doc.nodeAt(boxPos)!, boxPos);
  return slots.find((slot) => slot.some((p) => p.pos === target.paragraphPos))!;
}

function slotEnd(slot: ReadonlyArray<{ node: Node; pos: number }>): number {
  const last = slot.at(-1)!;
  return last.pos + last.node.nodeSize;
}

/**
 * A new paragraph's label (2bis, (b bis), 4 Alt 3) stored in it, as the editor stores the label of a
 * paragraph typed there: it keeps that label whatever is inserted before it later.
 */
function storeFirstLabels(tr: Transaction, created: readonly string[]): Node {
  if (created.length === 0) return tr.doc;
  const labels = computeLabels(tr.doc);
  for (const id of created) {
    const label = labels.byId.get(id)!;
    const node = tr.doc.nodeAt(label.pos)!;
    if (node.attrs.num !== label.num || node.attrs.sfx !== label.sfx) tr.setNodeMarkup(label.pos, undefined, { ...node.attrs, num: label.num, sfx: label.sfx });
  }
  return tr.doc;
}

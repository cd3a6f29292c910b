/**
 * The blocks a comment can be anchored to, read straight from the Y.Doc (never through ProseMirror,
 * so that reading changes nothing and a tombstone's Yjs item can still be looked at).
 *
 * A paragraph's text is its paragraphText's characters; a sub-paragraph's, its own characters. Text
 * nested below (a paragraph's sub-paragraphs) is not part of it, and a footnote in the text counts
 * as nothing: offsets count characters only. A footnote's text is its `text` attribute.
 */
import * as Y from 'yjs';
import { firstChildItem, itemOf, parentOf } from './comment-anchor-items.js';
import { N } from './schema.js';
import { ROLLING_TEXT_FIELD } from './yjs-root.js';

export type AnchorBlockKind = 'paragraph' | 'subparagraph' | 'footnote';

export interface TextBlock {
  kind: 'paragraph' | 'subparagraph';
  id: string;
  /** The paragraph or sub-paragraph element: its id attribute names the block. */
  element: Y.XmlElement;
  /** The element whose children hold the characters: paragraphText, or the sub-paragraph itself. */
  container: Y.XmlElement;
}

export interface FootnoteBlock {
  kind: 'footnote';
  id: string;
  element: Y.XmlElement;
}

export type Block = TextBlock | FootnoteBlock;

/**
 * One Yjs item of a block's text, in document order: visible characters, tombstones (deleted items
 * keep their id and length, not their content once collected) and visible footnotes.
 */
export interface Unit {
  item: Y.Item;
  text: Y.XmlText | null;
  kind: 'chars' | 'tombstone' | 'element';
  /** Characters: the string; a tombstone: its length; an element: 0. */
  length: number;
  str: string;
  /** Visible characters of the block before this unit. */
  offset: number;
  /** Visible characters of its Y.XmlText before this unit (for relative positions). */
  textIndex: number;
}

export interface BlockText {
  block: TextBlock;
  plain: string;
  units: Unit[];
  unitOf: Map<Y.Item, number>;
}

function idOf(element: Y.XmlElement): string | null {
  const id: unknown = element.getAttribute('id');
  return typeof id === 'string' && id !== '' ? id : null;
}

function childElements(parent: Y.XmlElement | Y.XmlFragment): Y.XmlElement[] {
  return parent.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
}

/** Every visible block of a rolling text by id, built once and shared by many anchors. */
export class BlockIndex {
  readonly byId = new Map<string, Block>();
  readonly byContainer = new Map<Y.XmlElement, TextBlock>();
  /** Text blocks in document order, with their box, for neighbours. */
  readonly order: TextBlock[] = [];
  readonly positionOf = new Map<TextBlock, number>();
  private readonly texts = new Map<TextBlock, BlockText>();

  constructor(readonly ydoc: Y.Doc) {
    for (const box of childElements(ydoc.getXmlFragment(ROLLING_TEXT_FIELD))) {
      if (box.nodeName !== N.box) continue;
      for (const paragraph of childElements(box)) {
        if (paragraph.nodeName !== N.paragraph) continue;
        const children = childElements(paragraph);
        const paragraphText = children.find((c) => c.nodeName === N.paragraphText);
        if (paragraphText) this.addText('paragraph', paragraph, paragraphText);
        for (const sub of children) if (sub.nodeName === N.subparagraph) this.addText('subparagraph', sub, sub);
      }
    }
  }

  private addText(kind: TextBlock['kind'], element: Y.XmlElement, container: Y.XmlElement): void {
    const id = idOf(element);
    const block: TextBlock = { kind, id: id ?? '', element, container };
    this.byContainer.set(container, block);
    this.positionOf.set(block, this.order.length);
    this.order.push(block);
    // The first in document order keeps a repeated id, as identityRepairs decides.
    if (id !== null && !this.byId.has(id)) this.byId.set(id, block);
    for (const child of childElements(container)) {
      const footnoteId = child.nodeName === N.footnote ? idOf(child) : null;
      if (footnoteId !== null && !this.byId.has(footnoteId)) this.byId.set(footnoteId, { kind: 'footnote', id: footnoteId, element: child });
    }
  }

  text(block: TextBlock): BlockText {
    let text = this.texts.get(block);
    if (!text) this.texts.set(block, (text = readText(block)));
    return text;
  }

  /** The live text block an item of text lies in (a tombstone too), or null. */
  blockOfItem(item: Y.Item): TextBlock | null {
    const text = parentOf(item);
    const textItem = text instanceof Y.XmlText ? itemOf(text) : null;
    if (!textItem || textItem.deleted) return null;
    const container = parentOf(textItem);
    return container instanceof Y.XmlElement ? (this.byContainer.get(container) ?? null) : null;
  }
}

function readText(block: TextBlock): BlockText {
  const units: Unit[] = [];
  let offset = 0;
  for (let child = firstChildItem(block.container); child !== null; child = child.right) {
    if (child.deleted) continue;
    const type = child.content instanceof Y.ContentType ? child.content.type : null;
    if (type instanceof Y.XmlText) {
      let textIndex = 0;
      for (let item = firstChildItem(type); item !== null; item = item.right) {
        if (item.deleted) {
          units.push({ item, text: type, kind: 'tombstone', length: item.length, str: '', offset, textIndex });
        } else if (item.content instanceof Y.ContentString) {
          const str = item.content.str;
          units.push({ item, text: type, kind: 'chars', length: str.length, str, offset, textIndex });
          offset += str.length;
          textIndex += str.length;
        } else if (item.countable) {
          // An embed: y-tiptap writes none, but Yjs counts it in the text's indexes.
          textIndex += item.length;
        }
      }
    } else if (type instanceof Y.XmlElement) {
      units.push({ item: child, text: null, kind: 'element', length: 0, str: '', offset, textIndex: 0 });
    }
  }
  const unitOf = new Map<Y.Item, number>();
  units.forEach((u, i) => unitOf.set(u.item, i));
  return { block, plain: units.map((u) => u.str).join(''), units, unitOf };
}

/** The plain text of a block: a footnote's text attribute, or the characters of a text block. */
export function plainTextOf(index: BlockIndex, block: Block): string {
  if (block.kind === 'footnote') {
    const text: unknown = block.element.getAttribute('text');
    return typeof text === 'string' ? text : '';
  }
  return index.text(block).plain;
}

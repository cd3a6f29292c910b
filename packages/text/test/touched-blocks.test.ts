import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Node } from 'prosemirror-model';
import { listBlocks } from '../src/amendments/index.js';
import { demoRollingText } from '../src/demo-rolling-text.js';
import { fromPlainText } from '../src/plain-text.js';
import { fromJSON, toJSON } from '../src/json.js';
import { applyDocumentChange, fromYDoc, toYUpdate, touchedBlocks } from '../src/yjs.js';

/** A Y.Doc of the demo text and what the last transaction on it touched. */
function demo(): { doc: Y.Doc; touched: () => string[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, toYUpdate(fromPlainText(demoRollingText)));
  let last: string[] = [];
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    last = touchedBlocks(transaction);
  });
  return { doc, touched: () => last.toSorted() };
}

/** The document with `edit` applied to its JSON: ids stay, so the change is minimal. */
function edited(doc: Y.Doc, edit: (json: any) => void): Node {
  const json = toJSON(fromYDoc(doc)) as any;
  edit(json);
  return fromJSON(json);
}

const boxes = (json: any) => json.content as any[];
const paragraphsOf = (box: any) => (box.content as any[]).filter((n) => n.type === 'paragraph');

describe('touchedBlocks: which paragraphs a transaction changed', () => {
  it('typing in a sub-paragraph names the sub-paragraph and its paragraph, nothing else', () => {
    const { doc, touched } = demo();
    const blocks = listBlocks(fromYDoc(doc));
    const sub = blocks.find((b) => b.kind === 'subparagraph')!;
    applyDocumentChange(
      doc,
      edited(doc, (json) => {
        const paragraph = paragraphsOf(boxes(json)[0]).find((p) => p.attrs.id === sub.paragraphId)!;
        const node = paragraph.content.find((n: any) => n.attrs?.id === sub.id);
        node.content[0].text = `NEW ${node.content[0].text}`;
      }),
    );
    expect(touched()).toEqual([sub.id, sub.paragraphId].toSorted());
  });

  it('deleting a paragraph names it and its sub-paragraphs', () => {
    const { doc, touched } = demo();
    const before = listBlocks(fromYDoc(doc));
    const target = before.find((b) => b.citation === 'Box I(2bis)')!;
    applyDocumentChange(
      doc,
      edited(doc, (json) => {
        const box = boxes(json)[0];
        box.content = box.content.filter((n: any) => n.attrs?.id !== target.id);
      }),
    );
    const expected = before.filter((b) => b.paragraphId === target.id).map((b) => b.id);
    expect(touched()).toEqual(expected.toSorted());
  });

  it("changing a paragraph's status names that paragraph", () => {
    const { doc, touched } = demo();
    const target = listBlocks(fromYDoc(doc)).find((b) => b.citation === 'Box III(1)')!;
    applyDocumentChange(
      doc,
      edited(doc, (json) => {
        paragraphsOf(boxes(json)[2]).find((p) => p.attrs.id === target.id)!.attrs.status = 'agreed_ad_ref';
      }),
    );
    expect(touched()).toEqual([target.id]);
  });
});

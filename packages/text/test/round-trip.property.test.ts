/**
 * Round trips. Rules:
 *   PLAIN  fromPlainText(toPlainText(d)) keeps boxes, titles, paragraphs, sub-paragraphs, their text
 *          and footnotes, statuses, brackets with their sponsors, and every label; writing it again
 *          gives the same plain text.
 *   YJS    toYUpdate → Y.Doc → fromYDoc gives back exactly the same document (toJSON equal).
 * Replay a failure with FC_SEED=<seed>.
 */
import * as fc from 'fast-check';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { computeLabels, fromPlainText, openBrackets, toJSON, toPlainText, validateDocument } from '../src/index.js';
import { fromYDoc, toYUpdate } from '../src/yjs.js';
import { fcParams } from './support/fc-params.js';
import { randomText } from './support/random-text.js';

function footnotesOf(node: Node): string[] {
  const notes: string[] = [];
  node.descendants((n) => {
    if (n.type.name === 'footnote') notes.push(n.attrs.text as string);
  });
  return notes;
}

/** Everything plain text promises to keep. */
function summary(doc: Node) {
  const labels = computeLabels(doc);
  return {
    labels: labels.list.map((l) => l.citation),
    boxes: labels.list
      .filter((l) => l.kind === 'box')
      .map((l) => doc.nodeAt(l.pos)!.firstChild!.textContent),
    blocks: labels.list
      .filter((l) => l.kind !== 'box')
      .map((l) => {
        const node = doc.nodeAt(l.pos)!;
        const block = l.kind === 'paragraph' ? node.firstChild! : node;
        return { citation: l.citation, status: node.attrs.status as unknown, text: block.textContent, footnotes: footnotesOf(block) };
      }),
    brackets: openBrackets(doc).map((b) => b.brackets.map(({ text, sponsors, citation }) => ({ text, sponsors, citation }))),
  };
}

describe('round trips of random rolling texts', () => {
  it('PLAIN: plain text keeps structure, text, statuses, sponsors and labels', () => {
    fc.assert(
      fc.property(randomText({ emphasis: true }), (doc) => {
        const written = toPlainText(doc);
        const read = fromPlainText(written);
        expect(summary(read)).toEqual(summary(doc));
        expect(toPlainText(read)).toBe(written);
        expect(validateDocument(toJSON(read)).ok).toBe(true);
      }),
      fcParams,
    );
  });

  it('YJS: a Y.Doc gives back exactly the document written into it', () => {
    fc.assert(
      fc.property(randomText({ emphasis: true }), (doc) => {
        const ydoc = new Y.Doc();
        Y.applyUpdate(ydoc, toYUpdate(doc));
        expect(toJSON(fromYDoc(ydoc))).toEqual(toJSON(doc));
      }),
      fcParams,
    );
  });
});

/**
 * Markdown round trips: a text exported by toMarkdown and imported by readMarkdown and the recognizer
 * gives the same plain text and front matter; random texts too, with every character the formats
 * give a meaning to. Replay with FC_SEED=<seed>.
 */
import { fromJSON, fromPlainText, toJSON, toPlainText, type RollingTextNodeJSON } from '@accord/text';
import type { Node } from 'prosemirror-model';
import { demoRollingText } from '@accord/text/demo';
import { recognizeText } from '@accord/text/recognize';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomText } from '../../text/test/support/random-text.js';
import { readMarkdown } from '../src/import/index.js';
import { toMarkdown } from '../src/markdown.js';
import { printText } from '../src/printed.js';
import { FRONT } from './support/front.js';

/**
 * What Markdown cannot carry, taken out of the random texts: a printed sponsor list is names joined by
 * ", " with no escape (a comma inside a name is replaced here; the plain-text format alone writes one,
 * as "\\,"), a footnote definition is one trimmed line (spaces at a footnote's ends go), and spaces
 * between a label and its text are one separator, as Markdown renders them (a text's leading spaces go,
 * and a heading's spaces at its ends).
 */
function markdownable(doc: Node): Node {
  const walk = (node: RollingTextNodeJSON): void => {
    if (node.type === 'footnote' && node.attrs && typeof node.attrs.text === 'string') node.attrs.text = node.attrs.text.trim();
    for (const mark of node.marks ?? []) {
      if (Array.isArray(mark.attrs?.sponsors)) mark.attrs.sponsors = (mark.attrs.sponsors as string[]).map((n) => n.replace(/,/g, ';'));
    }
    if (node.type === 'boxTitle' && node.content?.[0] && typeof node.content[0].text === 'string') {
      node.content[0].text = node.content[0].text.trim();
      if (node.content[0].text === '') node.content = [];
    }
    if (node.type === 'paragraphText' || node.type === 'subparagraph') {
      while (node.content?.[0]?.type === 'text' && typeof node.content[0].text === 'string') {
        node.content[0].text = node.content[0].text.trimStart();
        if (node.content[0].text !== '') break;
        node.content.shift();
      }
    }
    node.content?.forEach(walk);
  };
  const json = structuredClone(toJSON(doc));
  walk(json);
  return fromJSON(json);
}

describe('Markdown round trip', () => {
  it('the demo text → toMarkdown → readMarkdown → recognizeText gives the same plain text and front matter', () => {
    const demo = fromPlainText(demoRollingText);
    const { doc, report } = recognizeText(readMarkdown(toMarkdown(printText(demo, FRONT, { sponsors: true }))));
    expect(toPlainText(doc)).toBe(toPlainText(demo));
    expect(report.unrecognized).toEqual([]);
    expect(report.front).toMatchObject({ symbol: FRONT.symbol, revision: 'Rev.1', statusDate: FRONT.statusDate, title: FRONT.title });
  });

  it('random valid texts come back with the same plain text', () => {
    fc.assert(
      fc.property(randomText({ emphasis: true }).map(markdownable), (doc) => {
        const md = toMarkdown(printText(doc, FRONT, { sponsors: true }));
        expect(toPlainText(recognizeText(readMarkdown(md)).doc)).toBe(toPlainText(doc));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200), seed: Number(process.env.FC_SEED ?? 11) },
    );
  });
});

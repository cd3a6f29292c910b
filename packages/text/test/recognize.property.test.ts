/**
 * The recognizer's promises, on random input. Replay a failure with FC_SEED=<seed>.
 *   ROUND   recognizeText(linesFromPlainText(toPlainText(d))) writes the same plain text for any valid d.
 *   SAFE    any lines at all (garbage characters, the format's syntax at random, Word-like runs with
 *           emphasis, footnotes, numbering and headings) never throw, give a valid document, and
 *           never fall back to the all-plain safety net (which would mean a recognizer bug).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJSON, toPlainText, validateDocument } from '../src/index.js';
import { linesFromPlainText, recognizeFragment, recognizeText, type SourceLine, type SourceRun } from '../src/recognize/index.js';
import { fcParams } from './support/fc-params.js';
import { randomText } from './support/random-text.js';

const FALLBACK = /recognizer failed|did not validate/;

const syntax = fc.constantFrom('[', ']', '{', '}', '^[', '\\', ',', '(a)', '(b bis)', 'a)', '5.', '5 bis.', '2 ter', 'Alt 2', '3 Alt 1.', 'Box I.', 'BOX II – ', 'I. ', ' {agreed}', '{agreed ad ref}', '\t', ' ', 'x', 'word ', '\u2028', '\u0000', '😀', 'é');
const line = fc.array(syntax, { maxLength: 12 }).map((parts) => parts.join(''));
const garbageText = fc.oneof(fc.array(line, { maxLength: 15 }).map((ls) => ls.join('\n')), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }));

const run: fc.Arbitrary<SourceRun> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ text: line, em: fc.boolean(), strong: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ footnote: line }) },
);
const sourceLines: fc.Arbitrary<SourceLine[]> = fc.array(
  fc.record({
    runs: fc.array(run, { maxLength: 4 }),
    heading: fc.boolean(),
    numbering: fc.option(fc.constantFrom('1.', '2.', '(a)', 'a)', 'I.', 'iv.', '5 bis'), { nil: undefined }),
  }),
  { maxLength: 20 },
).map((ls) => ls.map((l, i) => ({ line: i + 1, ...l })));

describe('recognizer properties', () => {
  it('ROUND: a valid text written as plain text is recognized back to the same plain text', () => {
    fc.assert(
      fc.property(randomText({ emphasis: false }), (doc) => {
        const written = toPlainText(doc);
        const { doc: read, report } = recognizeText(linesFromPlainText(written));
        expect(toPlainText(read)).toBe(written);
        expect(report.unrecognized).toEqual([]);
      }),
      fcParams,
    );
  });

  it('SAFE: garbage text never throws and always validates', () => {
    fc.assert(
      fc.property(garbageText, (text) => {
        const { doc, report } = recognizeText(linesFromPlainText(text));
        expect(validateDocument(toJSON(doc)).ok).toBe(true);
        expect(report.unrecognized.filter((u) => FALLBACK.test(u.reason))).toEqual([]);
        const fragment = recognizeFragment(linesFromPlainText(text));
        for (const block of fragment.blocks) block.check();
      }),
      fcParams,
    );
  });

  it('SAFE: Word-like lines (emphasis, footnote runs, numbering, headings) never throw and always validate', () => {
    fc.assert(
      fc.property(sourceLines, (lines) => {
        const { doc, report } = recognizeText(lines);
        expect(validateDocument(toJSON(doc)).ok).toBe(true);
        expect(report.unrecognized.filter((u) => FALLBACK.test(u.reason))).toEqual([]);
        // What was read is stable: recognizing its own plain text again gives the same text.
        const written = toPlainText(doc);
        expect(toPlainText(recognizeText(linesFromPlainText(written)).doc)).toBe(written);
      }),
      fcParams,
    );
  });
});

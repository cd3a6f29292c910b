/**
 * The lenient recognizer (@accord/text/recognize) on texts as they come from Word, e-mails and pastes.
 */
import { describe, expect, it } from 'vitest';
import { demoRollingText } from '../src/demo-rolling-text.js';
import { fromPlainText, toJSON, toPlainText, validateDocument } from '../src/index.js';
import { linesFromPlainText, recognizeFragment, recognizeText, type SourceLine } from '../src/recognize/index.js';

const read = (text: string) => recognizeText(linesFromPlainText(text));

describe('recognizeText', () => {
  it('reads the demo text exactly as fromPlainText does, with nothing unrecognized', () => {
    const { doc, report } = read(demoRollingText);
    expect(toPlainText(doc)).toBe(toPlainText(fromPlainText(demoRollingText)));
    expect(report.unrecognized).toEqual([]);
    expect(report.recognized.boxes.count).toBe(5);
    expect(report.recognized.alternatives.count).toBe(2);
    expect(report.recognized.footnotes.count).toBe(2);
    expect(report.recognized.sponsors.examples[0]).toBe('[with lethal force]{Veloria}');
    // Examples cite their box, and an alternative group is one example.
    expect(report.recognized.alternatives.examples).toEqual(['Box II(4): Alt 1, Alt 2']);
    expect(report.recognized.statuses.examples[0]).toBe('Box I(1): agreed');
    expect(validateDocument(toJSON(doc)).ok).toBe(true);
  });

  it('reads front matter: symbol, revision, status date and title; drops and reports the rest', () => {
    const { report, doc } = read(
      ['CCW/GGE.1/2026/WP.1/Rev.1', 'Distr.: General', 'Status: 1 September 2026', 'Draft elements on LAWS', '', 'Box I. First', '1. Text.'].join('\n'),
    );
    expect(report.front).toEqual({ symbol: 'CCW/GGE.1/2026/WP.1/Rev.1', revision: 'Rev.1', statusDate: '2026-09-01', title: 'Draft elements on LAWS', lines: [1, 3, 4] });
    expect(report.unrecognized).toEqual([{ line: 2, text: 'Distr.: General', reason: expect.stringContaining('before the first box') as string, keptAs: 'dropped' }]);
    expect(toPlainText(doc)).toBe('Box I. First\n\n1. Text.\n');
  });

  it('reads loose labels: "BOX II – title", "5 bis.", "5bis.", "2 ter", "3 Alt 1.", "Alt 2", "(b bis)", "a)"', () => {
    const text = [
      'BOX I – Scope',
      '1.\tFirst.',
      '1 bis. Inserted.',
      '1ter) Third.',
      '2 quater Fourth {Agreed Ad Ref}',
      'a) one;',
      '(a bis) one and a half;',
      '(b)second',
      '3 Alt 1. First alternative.',
      'Alt 2 Second alternative.',
      'box ii: Next',
      '1. x',
      'BOX III',
      '1. y',
    ].join('\n');
    const { doc, report } = read(text);
    expect(toPlainText(doc)).toBe(
      [
        'Box I. Scope',
        '',
        '1. First.',
        '1bis. Inserted.',
        '1ter. Third.',
        '2quater. Fourth {agreed ad ref}',
        '   (a) one;',
        '   (a bis) one and a half;',
        '   (b) second',
        '3 Alt 1. First alternative.',
        '3 Alt 2. Second alternative.',
        '',
        'Box II. Next',
        '',
        '1. x',
        '',
        'Box III.',
        '',
        '1. y',
        '',
      ].join('\n'),
    );
    expect(report.unrecognized).toEqual([]);
  });

  it('reads Word\'s "a." letters as sub-paragraphs, numbered or typed', () => {
    const lines: SourceLine[] = [
      { line: 1, runs: [{ text: 'Box I. T' }] },
      { line: 2, numbering: '1.', runs: [{ text: 'Chapeau:' }] },
      { line: 3, numbering: 'a.', runs: [{ text: 'one;' }] },
      { line: 4, runs: [{ text: 'b. two.' }] },
    ];
    expect(toPlainText(recognizeText(lines).doc)).toBe('Box I. T\n\n1. Chapeau:\n   (a) one;\n   (b) two.\n');
  });

  it('keeps what it cannot read as plain text, reported with the line', () => {
    const text = ['Box I. T', '1. An [unclosed bracket and a stray } here.', 'Some words with no number.', '1. Repeated number.', '2 Alt 1. Lonely alternative.'].join('\n');
    const { doc, report } = read(text);
    expect(validateDocument(toJSON(doc)).ok).toBe(true);
    expect(toPlainText(doc)).toBe(
      ['Box I. T', '', '1. An \\[unclosed bracket and a stray \\} here.', '2. Some words with no number.', '3. Repeated number.', '2. Lonely alternative.', ''].join('\n').replace('2. Some', '1bis. Some').replace('3. Repeated', '1ter. Repeated'),
    );
    expect(report.unrecognized.map((u) => [u.line, u.keptAs])).toEqual([
      [2, 'paragraph'],
      [3, 'paragraph'],
      [4, 'paragraph'],
      [5, 'paragraph'],
    ]);
    expect(report.unrecognized[0]!.reason).toMatch(/never closed/);
  });

  it('reads Word auto-numbering, headings, emphasis and footnote runs', () => {
    const lines: SourceLine[] = [
      { line: 1, runs: [{ text: 'The title', strong: true }] },
      { line: 2, runs: [{ text: 'I. Scope' }], heading: true },
      { line: 3, numbering: '1.', runs: [{ text: 'States ' }, { text: '[shall]', em: true }, { text: '[should]{A, B} act' }, { footnote: 'A note.' }, { text: '.' }] },
      { line: 4, numbering: '(a)', runs: [{ text: 'first;' }] },
      { line: 5, runs: [{ text: 'Definitions' }], heading: true },
      { line: 6, numbering: '1.', runs: [{ text: 'Second box.' }] },
    ];
    const { doc, report } = recognizeText(lines);
    expect(toPlainText(doc)).toBe('Box I. Scope\n\n1. States [shall][should]{A, B} act^[A note.].\n   (a) first;\n\nBox II. Definitions\n\n1. Second box.\n');
    expect(report.front.title).toBe('The title');
    expect(report.recognized.brackets.count).toBe(2);
    expect(JSON.stringify(toJSON(doc))).toContain('"em"');
  });

  it('puts paragraphs without a box heading into one box, and reports it', () => {
    const { doc, report } = read('1. One.\n2. Two.');
    expect(toPlainText(doc)).toBe('Box I.\n\n1. One.\n2. Two.\n');
    expect(report.unrecognized[0]!.reason).toMatch(/no box heading/);
  });

  it('lists at most 200 unrecognized lines, the rest summed up in the last entry', () => {
    const { report } = read(['Box I. T', ...Array.from({ length: 1000 }, (_, i) => `line ${i} of prose`)].join('\n'));
    expect(report.unrecognized).toHaveLength(200);
    expect(report.unrecognized.at(-1)!.reason).toMatch(/^801 more lines/);
  });

  it('keeps prose with no structure at all as paragraphs, not as front matter to drop', () => {
    const { doc, report } = recognizeText([
      { line: 1, runs: [{ text: 'A title', strong: true }] },
      { line: 2, runs: [{ text: 'First thought.' }] },
      { line: 3, runs: [{ text: 'Second thought.' }] },
    ]);
    expect(toPlainText(doc)).toBe('Box I.\n\n1. First thought.\n2. Second thought.\n');
    expect(report.front.title).toBe('A title');
    expect(report.unrecognized.map((u) => [u.line, u.keptAs])).toEqual([
      [2, 'paragraph'],
      [3, 'paragraph'],
    ]);
  });

  it('gives a valid empty document for no lines', () => {
    const { doc } = recognizeText([]);
    expect(validateDocument(toJSON(doc)).ok).toBe(true);
  });
});

describe('recognizeFragment', () => {
  it('reads a structured paste into paragraphs and sub-paragraphs with no labels kept', () => {
    const { blocks, structured } = recognizeFragment(linesFromPlainText('5. States [shall][should] act:\n(a) first item;\n(b) second.'));
    expect(structured).toBe(true);
    expect(blocks.map((b) => b.type.name)).toEqual(['paragraph']);
    expect(blocks[0]!.childCount).toBe(3);
    expect(blocks[0]!.attrs.num).toBeNull();
  });

  it('says unstructured for ordinary prose', () => {
    const { blocks, structured } = recognizeFragment(linesFromPlainText('Hello world.\nSecond line.'));
    expect(structured).toBe(false);
    expect(blocks).toHaveLength(2);
  });

  it('keeps leading sub-paragraphs as sub-paragraphs, and alternatives as one group', () => {
    const { blocks } = recognizeFragment(linesFromPlainText('(c) third;\n4 Alt 1. One.\n4 Alt 2. Two.'));
    expect(blocks.map((b) => b.type.name)).toEqual(['subparagraph', 'paragraph', 'paragraph']);
    expect(blocks[1]!.attrs.alt).not.toBeNull();
    expect(blocks[1]!.attrs.alt).toBe(blocks[2]!.attrs.alt);
  });
});

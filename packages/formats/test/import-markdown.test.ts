/** readMarkdown through the recognizer: what a Markdown rolling text displays is what is imported. */
import { fromPlainText, toPlainText } from '@accord/text';
import { demoRollingText } from '@accord/text/demo';
import { recognizeText } from '@accord/text/recognize';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../src/import/index.js';

const recognized = (md: string) => recognizeText(readMarkdown(md));

describe('readMarkdown', () => {
  it('reads headings, bold labels, lists, escaped brackets, emphasis and footnotes', () => {
    const md = [
      '# Draft elements on LAWS',
      '',
      'CCW/GGE.1/2026/WP.1/Rev.1',
      '',
      '## Box I. Characterisation',
      '',
      '**1.** States \\[shall\\]\\[should\\]{Arandia} act *now*.[^n1] {agreed}',
      '',
      '**1bis.** A text with a [link](https://example.org) and `code [x]`.',
      '',
      '- (a) first;',
      '- (b) __second__.',
      '',
      '## Box II. Other',
      '',
      '1. Only one.',
      '',
      '[^n1]: The note',
      '    continues here.',
    ].join('\n');
    const { doc, report } = recognized(md);
    expect(toPlainText(doc)).toBe(
      [
        'Box I. Characterisation',
        '',
        '1. States [shall][should]{Arandia} act now.^[The note continues here.] {agreed}',
        '1bis. A text with a link and code \\[x\\].',
        '   (a) first;',
        '   (b) second.',
        '',
        'Box II. Other',
        '',
        '1. Only one.',
        '',
      ].join('\n'),
    );
    expect(report.front).toMatchObject({ title: 'Draft elements on LAWS', symbol: 'CCW/GGE.1/2026/WP.1/Rev.1' });
    expect(report.unrecognized).toEqual([]);
  });

  it('the demo text written as Markdown-ish lines (its plain text) reads back the same', () => {
    expect(toPlainText(recognized(demoRollingText).doc)).toBe(toPlainText(fromPlainText(demoRollingText)));
  });

  it('a displayed backslash stays a character', () => {
    expect(toPlainText(recognized('Box I. T\n\n1. a \\\\ b').doc)).toBe('Box I. T\n\n1. a \\\\ b\n');
  });
});

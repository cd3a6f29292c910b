/**
 * The recognizer runs on the server for an import and in the editor for a paste: a hostile line must
 * read in well under a second, never in time that grows with the square of its length. Found by
 * review: a line of "^[^[^[…" (footnotes that never close) took 75 s for 100 KB, stopping the server.
 */
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../src/index.js';
import { linesFromPlainText, recognizeFragment, recognizeText } from '../src/recognize/index.js';

/** Well under a second on an idle machine; this one is shared, so the bound has room. */
const QUICK_MS = 1000;
const SIZE = 100_000;

const cases: Record<string, string> = {
  'footnotes that never close': '^['.repeat(SIZE / 2),
  'footnotes that never close, each around a bracket': '^[['.repeat(SIZE / 3),
  'footnotes that never close, escapes between': '^[\\['.repeat(SIZE / 4),
  'one footnote closed at the very end': `${'^['.repeat(SIZE / 2)}]`,
  'brackets that never close': '['.repeat(SIZE),
  'sponsors that never close': '[a]{'.repeat(SIZE / 4),
  'labels without end': '(a)'.repeat(SIZE / 3),
};

describe('the recognizer reads hostile lines in linear time', () => {
  for (const [name, line] of Object.entries(cases)) {
    it(`${name}`, () => {
      const text = `Box I. Scope\n\n1. ${line}`;
      let start = performance.now();
      const { doc } = recognizeText(linesFromPlainText(text));
      const whole = performance.now() - start;
      start = performance.now();
      recognizeFragment(linesFromPlainText(line));
      const fragment = performance.now() - start;
      process.stdout.write(`recognize ${name}: ${whole.toFixed(0)} ms as a text, ${fragment.toFixed(0)} ms as a paste (${line.length} characters)\n`);
      expect(whole).toBeLessThan(QUICK_MS);
      expect(fragment).toBeLessThan(QUICK_MS);
      // The characters are kept, not lost (a footnote is cut at its longest, and says so).
      expect(toPlainText(doc).length).toBeGreaterThan(10_000);
    });
  }

  it('an unclosed "^[" before a closed one still reads the closed one as a footnote', () => {
    const { report } = recognizeText(linesFromPlainText('Box I. Scope\n\n1. a ^[b ^[c] d ^[e] f ^[g'));
    expect(report.recognized.footnotes.count).toBe(2);
  });

  it('a "^[" whose read stops at a footnote run is read again after it', () => {
    const { report } = recognizeText([
      { line: 1, runs: [{ text: 'Box I. Scope' }] },
      { line: 2, runs: [{ text: '1. a ^[b ' }, { footnote: 'from Word' }, { text: ' ^[c] d' }] },
    ]);
    expect(report.recognized.footnotes.count).toBe(2);
  });
});

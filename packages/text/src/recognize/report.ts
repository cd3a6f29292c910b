import type { RecognitionReport, RecognizedKindName } from './types.js';

/** How many examples of each kind a report lists. */
export const EXAMPLES = 5;
/** How long an example or unrecognized line is quoted. */
const QUOTE = 120;

export function quote(text: string): string {
  const chars = [...text.trim()];
  return chars.length > QUOTE ? `${chars.slice(0, QUOTE - 1).join('')}…` : chars.join('');
}

const emptyKind = (): { count: number; examples: string[] } => ({ count: 0, examples: [] });

export function emptyReport(): RecognitionReport {
  return {
    front: { symbol: null, title: null, statusDate: null, revision: null, lines: [] },
    recognized: {
      boxes: emptyKind(),
      paragraphs: emptyKind(),
      subparagraphs: emptyKind(),
      alternatives: emptyKind(),
      brackets: emptyKind(),
      sponsors: emptyKind(),
      footnotes: emptyKind(),
      statuses: emptyKind(),
    },
    unrecognized: [],
  };
}

/** One more of a kind; `example` (none: the one already given for its group) among the first few. */
export function count(report: RecognitionReport, kind: RecognizedKindName, example: string | null): void {
  const entry = report.recognized[kind];
  entry.count++;
  if (example !== null && entry.examples.length < EXAMPLES) entry.examples.push(quote(example));
}

/**
 * `@accord/text/history`: the text model of the revision history. Pure functions over the rolling
 * text: comparing two texts as a redline, the concordance of a renumbered text, each box's progress,
 * restoring a paragraph as a revision had it.
 */
export { compareTexts } from './compare.js';
export { concordance, labelsOf } from './concordance.js';
export { longestIncreasing } from './moves.js';
export { progressOf } from './progress.js';
export { restoreBlock } from './restore.js';
export {
  COMPARISON_KINDS,
  type BoxProgress,
  type ComparisonChange,
  type ComparisonCounts,
  type ComparisonKind,
  type ComparisonNote,
  type ComparisonNoteKind,
  type ComparisonSummary,
  type ConcordanceRow,
  type RedlinePart,
  type TextComparison,
  type UnitKind,
} from './types.js';

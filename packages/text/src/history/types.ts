/**
 * What a comparison, a concordance and a progress report return. The same shapes as the contract's
 * comparisonChangeSchema, comparisonSummarySchema, redlinePartSchema, comparisonNoteSchema,
 * concordanceRowSchema and boxProgressSchema (packages/contract/src/history.ts), declared here
 * because the text model depends on no other package; the contract mirrors them.
 */

export const COMPARISON_KINDS = ['inserted', 'deleted', 'moved', 'modified', 'relabelled', 'status'] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

export type UnitKind = 'paragraph' | 'subparagraph';

/** One piece of a redline: words, or a bracket boundary or footnote as itself (never "[" or "^["). */
export interface RedlinePart {
  op: 'equal' | 'insert' | 'delete';
  kind: 'text' | 'open' | 'close' | 'footnote';
  /** The words; for a footnote its text; empty for a bracket boundary. */
  text: string;
  /** For an opening bracket: its sponsors. */
  sponsors?: string[];
  inBracket: boolean;
}

export type ComparisonNoteKind =
  | 'bracket_added'
  | 'bracket_removed'
  | 'sponsor_added'
  | 'sponsor_removed'
  | 'alternative_added'
  | 'alternative_dropped'
  | 'footnote_added'
  | 'footnote_removed'
  | 'footnote_changed';

export interface ComparisonNote {
  kind: ComparisonNoteKind;
  /** The bracket's words, the footnote's text, or the alternative's label ("Alt 2"). */
  text: string;
  sponsor?: string;
}

export interface ComparisonChange {
  paragraphId: string;
  blockKind: UnitKind;
  kind: ComparisonKind;
  /** "III": the box on the `to` side; on the `from` side when deleted. */
  box: string;
  /** Citations: "Box III(2bis)". */
  fromLabel?: string;
  toLabel?: string;
  fromStatus?: string;
  toStatus?: string;
  redline?: RedlinePart[];
  /** For inserted and deleted: the wording, in the plain-text format. */
  text?: string;
  notes?: ComparisonNote[];
}

export type ComparisonCounts = Record<ComparisonKind, number>;

export interface ComparisonSummary extends ComparisonCounts {
  byBox: Array<{ box: string; title: string } & ComparisonCounts>;
}

export interface TextComparison {
  summary: ComparisonSummary;
  /** In the order of the `to` text; deletions where they stood. */
  changes: ComparisonChange[];
}

export interface ConcordanceRow {
  paragraphId: string;
  kind: UnitKind;
  /** "Box I(2bis)". */
  from: string;
  /** "Box I(3)". */
  to: string;
  changed: boolean;
}

export interface BoxProgress {
  /** "III". */
  box: string;
  title: string;
  openBrackets: number;
  agreed: number;
  agreedAdRef: number;
  underNegotiation: number;
}

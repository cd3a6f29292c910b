/** What the recognizer reads and reports: the shapes the DOCX and Markdown readers produce. */

/** A piece of one source line: text (with the emphasis it had), or a footnote from a DOCX or Markdown file. */
export type SourceRun = { text: string; em?: boolean; strong?: boolean } | { footnote: string };

export interface SourceLine {
  /** 1-based, in the source (a DOCX paragraph's index, a text file's line). */
  line: number;
  runs: SourceRun[];
  /** A Word heading style or a Markdown "#". */
  heading?: boolean;
  /** A Word auto-number as printed, such as "5." or "(a)": read as if typed before the text. */
  numbering?: string;
}

export interface RecognizedKind {
  count: number;
  /** The first few, as read. */
  examples: string[];
}

export type RecognizedKindName = 'boxes' | 'paragraphs' | 'subparagraphs' | 'alternatives' | 'brackets' | 'sponsors' | 'footnotes' | 'statuses';

export interface UnrecognizedLine {
  line: number;
  text: string;
  reason: string;
  keptAs: 'paragraph' | 'dropped';
}

export interface RecognitionReport {
  front: {
    symbol: string | null;
    title: string | null;
    /** ISO (2026-09-01) when the date reads as one, else as written. */
    statusDate: string | null;
    /** "Rev.1" */
    revision: string | null;
    /** The source lines read as front matter. */
    lines: number[];
  };
  recognized: Record<RecognizedKindName, RecognizedKind>;
  unrecognized: UnrecognizedLine[];
}

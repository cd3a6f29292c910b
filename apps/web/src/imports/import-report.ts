import { type ImportReport, type ImportSource, MAX_IMPORT_BYTES } from '@accord/contract';
import { plural } from '../history/history-words';

/** What the file field offers: the readers the server has (Word, Markdown, the plain-text format). */
export const IMPORT_ACCEPT = [
  '.docx',
  '.md',
  '.markdown',
  '.txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/markdown',
  'text/plain',
].join(',');

const sources: [RegExp, ImportSource][] = [
  [/\.docx$/i, 'docx'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.txt$/i, 'plain'],
];

/** The reader a file name calls for; null for a kind of file Accord does not import. */
export function importSourceOf(fileName: string): ImportSource | null {
  return sources.find(([pattern]) => pattern.test(fileName.trim()))?.[1] ?? null;
}

/** What is wrong with a file before it is sent: its kind, or its size. null when it may be sent. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (importSourceOf(file.name) === null) {
    if (/\.(doc|docm|dotx|dotm|rtf|odt)$/i.test(file.name)) return 'Accord imports Word documents saved as .docx. Open this file in Word, save it as a Word Document (.docx) and choose that.';
    return 'Choose a Word document (.docx), a Markdown file (.md) or a plain-text file (.txt).';
  }
  if (file.size > MAX_IMPORT_BYTES) return `This file is ${megabytes(file.size)}; Accord imports files of up to ${megabytes(MAX_IMPORT_BYTES)}.`;
  if (file.size === 0) return 'This file is empty.';
  return null;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0).replace(/\.0$/, '')} MB`;
}

export type RecognizedKind = keyof ImportReport['recognized'];

/** The kinds in the order of the text's anatomy, named as negotiators name them. */
export const recognizedKindLabels: Record<RecognizedKind, string> = {
  boxes: 'Boxes',
  paragraphs: 'Paragraphs',
  subparagraphs: 'Sub-paragraphs',
  alternatives: 'Alternatives (Alt 1 / Alt 2)',
  brackets: 'Square brackets',
  sponsors: 'Sponsors',
  footnotes: 'Footnotes',
  statuses: 'Statuses',
};

export interface RecognizedRow {
  kind: RecognizedKind;
  label: string;
  count: number;
  /** The first few, as the server quoted them. */
  examples: string[];
  /** How many more there are beyond the examples shown. */
  more: number;
}

/** One row per kind, every kind shown (a zero says "none found" as plainly as a count). */
export function recognizedRows(report: ImportReport, shown = 3): RecognizedRow[] {
  return (Object.keys(recognizedKindLabels) as RecognizedKind[]).map((kind) => {
    const { count, examples } = report.recognized[kind];
    const first = examples.slice(0, shown);
    return { kind, label: recognizedKindLabels[kind], count, examples: first, more: Math.max(0, count - first.length) };
  });
}

/** "Kept as a plain paragraph" or "Left out": what became of a line the import did not recognize. */
export function keptAsText(keptAs: ImportReport['unrecognized'][number]['keptAs']): string {
  return keptAs === 'paragraph' ? 'Kept as a plain paragraph' : 'Left out';
}

export function trackedChangeCount(report: ImportReport): number {
  const { insertions, deletions, moves } = report.trackedChanges;
  return insertions + deletions + moves;
}

/** "3 insertions, 2 deletions and 1 move": the kinds found, none named when there are none of it. */
export function trackedChangesSummary(report: ImportReport): string {
  const { insertions, deletions, moves } = report.trackedChanges;
  const parts = [
    insertions > 0 ? plural(insertions, 'insertion') : null,
    deletions > 0 ? plural(deletions, 'deletion') : null,
    moves > 0 ? plural(moves, 'move') : null,
  ].filter((part): part is string => part !== null);
  if (parts.length <= 1) return parts[0] ?? 'no tracked changes';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export interface ImportChoices {
  trackedChanges: 'accept' | 'reject' | undefined;
  commentsDropped: boolean;
  title: string;
  symbol: string;
}

export type ChoiceField = 'title' | 'symbol' | 'trackedChanges' | 'comments';

/**
 * What must still be chosen or typed before the document can be created, as words for each field.
 * The server says what the file needs (`needs`, and the counts); title and symbol are the chair's.
 */
export function missingChoices(report: ImportReport, choices: ImportChoices): Partial<Record<ChoiceField, string>> {
  const missing: Partial<Record<ChoiceField, string>> = {};
  if (choices.title.trim() === '') missing.title = 'Give the document a title.';
  if (choices.symbol.trim() === '') missing.symbol = 'Give the document a symbol, e.g. CCW/GGE.1/2026/WP.1.';
  const hasTrackedChanges = report.needs.includes('trackedChanges') || trackedChangeCount(report) > 0;
  if (hasTrackedChanges && choices.trackedChanges === undefined) missing.trackedChanges = 'Choose whether to accept or reject the tracked changes.';
  const hasComments = report.needs.includes('comments') || report.comments.count > 0;
  if (hasComments && !choices.commentsDropped) missing.comments = 'Confirm that the comments are not imported.';
  return missing;
}

/** The title and symbol to start from: what the chair typed, else what the file's front matter says. */
export function prefill(current: { title: string; symbol: string }, suggested: ImportReport['suggested']): { title: string; symbol: string } {
  return {
    title: current.title.trim() !== '' ? current.title : (suggested.title ?? ''),
    symbol: current.symbol.trim() !== '' ? current.symbol : (suggested.symbol ?? ''),
  };
}

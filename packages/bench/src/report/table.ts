/** The console table: one block per workload, columns aligned by hand (console.table quotes strings). */
import type { ComparisonRow, WorkloadRun } from './comparison.js';

export interface Column<Row = ComparisonRow> {
  title: string;
  text(row: Row): string;
  /** Left-aligned (labels, targets); numbers are right-aligned. */
  left?: boolean;
}

/**
 * Accord and Hocuspocus always have a column ("not run" when left out); Accord without its schema
 * check (Au) only where it ran, with its ratio to Hocuspocus and the check's cost A / Au.
 */
export function formatTable(run: WorkloadRun, rows: readonly ComparisonRow[]): string {
  const unchecked = run.servers.includes('accord-unchecked');
  const withoutRules = run.servers.includes('accord-without-rules');
  // R1, A1, W4 and D1 have no peer on Hocuspocus: no column for it.
  const hocuspocus = run.spec.kind !== 'r1' && run.spec.kind !== 'a1' && run.spec.kind !== 'w4' && run.spec.kind !== 'd1' && run.spec.kind !== 'e1';
  const columns: Column[] = [
    { title: '', text: (row) => row.metric, left: true },
    { title: 'Accord', text: (row) => (run.servers.includes('accord') ? cell(row.accord, row.digits, run.errors.accord) : 'not run') },
    ...(unchecked ? [{ title: 'Accord unchecked', text: (row: ComparisonRow) => cell(row.accordUnchecked, row.digits, run.errors['accord-unchecked']) }] : []),
    ...(withoutRules ? [{ title: 'Accord without rules', text: (row: ComparisonRow) => cell(row.accordWithoutRules, row.digits, run.errors['accord-without-rules']) }] : []),
    ...(hocuspocus
      ? [
          {
            title: 'Hocuspocus',
            text: (row: ComparisonRow) => (run.servers.includes('hocuspocus') ? cell(row.hocuspocus, row.digits, run.errors.hocuspocus) : 'not run'),
          },
          { title: 'A / H', text: (row: ComparisonRow) => times(row.ratio) },
        ]
      : []),
    ...(withoutRules ? [{ title: 'A / Ar', text: (row: ComparisonRow) => times(row.rulesCost) }] : []),
    ...(unchecked
      ? [
          { title: 'Au / H', text: (row: ComparisonRow) => times(row.uncheckedRatio) },
          { title: 'A / Au', text: (row: ComparisonRow) => times(row.checkCost) },
        ]
      : []),
    { title: 'target', text: (row) => row.target ?? '', left: true },
    { title: '', text: (row) => (row.met === null ? '' : row.met ? 'met' : 'MISSED') },
  ];
  const legend = [
    ...(unchecked ? ['Au: Accord without its schema check (the figure before it); A / Au: what the check costs.'] : []),
    ...(withoutRules ? ['Ar: Accord without the rules of the room (a policy that allows everything), schema check on in both; A / Ar: what the rules cost.'] : []),
  ];
  return [run.title, ...alignColumns(columns, rows), ...legend].join('\n');
}

/** The header, a rule and one line per row, each column as wide as its widest cell. */
export function alignColumns<Row>(columns: ReadonlyArray<Column<Row>>, rows: readonly Row[]): string[] {
  const cells = rows.map((row) => columns.map((column) => column.text(row)));
  const header = columns.map((column) => column.title);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const format = (line: readonly string[]) =>
    line.map((text, i) => (columns[i]!.left ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  return [format(header), rule, ...cells.map(format)];
}

export const times = (ratio: number | null) => (ratio === null ? '' : `${ratio.toFixed(2)}×`);

export function cell(value: ComparisonRow['accord'], digits: number, error: string | undefined): string {
  if (error !== undefined) return 'error';
  if (value === null) return 'n/a';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

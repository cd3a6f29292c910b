/** The console table: one block per workload, columns aligned by hand (console.table quotes strings). */
import type { ServerKind } from '../protocol.js';
import type { ComparisonRow, WorkloadRun } from './comparison.js';

const HEADER = ['', 'Accord', 'Hocuspocus', 'A / H', 'target', ''];

export function formatTable(run: WorkloadRun, rows: readonly ComparisonRow[], servers: readonly ServerKind[]): string {
  const cells = rows.map((row) => [
    row.metric,
    servers.includes('accord') ? cell(row.accord, row.digits, run.errors.accord) : 'not run',
    servers.includes('hocuspocus') ? cell(row.hocuspocus, row.digits, run.errors.hocuspocus) : 'not run',
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`,
    row.target ?? '',
    row.met === null ? '' : row.met ? 'met' : 'MISSED',
  ]);
  const widths = HEADER.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const format = (line: readonly string[]) =>
    line.map((text, i) => (i === 0 || i === 4 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = '─'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  return [run.title, format(HEADER), rule, ...cells.map(format)].join('\n');
}

function cell(value: ComparisonRow['accord'], digits: number, error: string | undefined): string {
  if (error !== undefined) return 'error';
  if (value === null) return 'n/a';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

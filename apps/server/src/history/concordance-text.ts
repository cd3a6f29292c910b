import type { ConcordanceRow, Revision } from '@accord/contract';

/**
 * A concordance as plain text, for an e-mail or a delegation's notes: a heading naming the revision,
 * then one line per paragraph and sub-paragraph, old label to new, in the order of the new text.
 */
export function concordanceText(revision: Pick<Revision, 'label' | 'symbol' | 'statusDate'>, rows: readonly ConcordanceRow[]): string {
  const heading = [`Concordance: ${revision.label}`, revision.symbol, revision.statusDate ? `status ${revision.statusDate}` : null].filter(Boolean).join(', ');
  const width = Math.max('Previous label'.length, ...rows.map((r) => r.from.length));
  const line = (from: string, to: string, mark = '') => `${from.padEnd(width)}  ${to}${mark}`;
  return [heading, '', line('Previous label', 'New label'), ...rows.map((r) => line(r.from, r.to, r.changed ? '' : '  (unchanged)'))].join('\n') + '\n';
}

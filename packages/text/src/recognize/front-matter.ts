/**
 * The lines before the first box of a working paper: its symbol ("CCW/GGE.1/2026/WP.1/Rev.1"), the
 * revision, the status date and the title. Everything else there (distribution, "Original: English",
 * the meeting's name) is front matter Accord does not keep.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const SYMBOL = /^[A-Z][A-Z0-9.-]*(?:\/[A-Za-z0-9.()-]+)+$/;
const REVISION_IN_SYMBOL = /\/Rev\.?\s*(\d+)/i;
const REVISION_LINE = /^Rev(?:ision)?\.?\s*(\d+)\.?$/i;
const STATUS_LINE = /^(?:status(?:\s+date)?|date)\s*[:\-\u2013]\s*(.+)$/i;
const DATE = new RegExp(`^(\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})$`, 'i');
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type FrontLine = { kind: 'symbol'; symbol: string; revision: string | null } | { kind: 'revision'; revision: string } | { kind: 'date'; date: string } | { kind: 'other' };

export function classifyFront(text: string): FrontLine {
  const line = text.trim();
  if (SYMBOL.test(line) && line.includes('/')) {
    const rev = REVISION_IN_SYMBOL.exec(line);
    return { kind: 'symbol', symbol: line, revision: rev ? `Rev.${Number(rev[1])}` : null };
  }
  const rev = REVISION_LINE.exec(line);
  if (rev) return { kind: 'revision', revision: `Rev.${Number(rev[1])}` };
  const status = STATUS_LINE.exec(line);
  if (status) return { kind: 'date', date: isoDate(status[1]!.trim()) ?? status[1]!.trim() };
  const date = isoDate(line);
  if (date) return { kind: 'date', date };
  return { kind: 'other' };
}

/** "1 September 2026" or "2026-09-01" as "2026-09-01"; null for anything else or an impossible day. */
export function isoDate(text: string): string | null {
  let year: number;
  let month: number;
  let day: number;
  const written = DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  if (written) {
    day = Number(written[1]);
    month = MONTHS.indexOf(written[2]!.toLowerCase()) + 1;
    year = Number(written[3]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

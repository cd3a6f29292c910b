const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-09-01" → "1 September 2026", as a UN document prints it; anything else as given. */
export function formatStatusDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** The date part of an ISO date or date-time when it is one ("2026-09-01"), else null. */
export function isoDay(value: string | null | undefined): string | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value) : null;
  return m ? m[1]! : null;
}

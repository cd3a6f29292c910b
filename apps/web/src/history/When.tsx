import { formatDateTime } from '../labels';
import { relativeTime } from './history-words';

/** A moment as people say it ("5 minutes ago"), the exact date and time on hover and for machines. */
export function When({ iso, className }: { iso: string; className?: string }) {
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact} className={className}>
      {relativeTime(iso)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}

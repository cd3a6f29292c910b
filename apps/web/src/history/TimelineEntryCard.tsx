import type { HistoryEntry } from '@accord/contract';
import { entryParagraphs } from './entry-paragraphs';
import { historyAuthorText, plural, relativeTime, sourceLabels } from './history-words';
import { Link } from '../router';
import { When } from './When';

interface TimelineEntryCardProps {
  entry: HistoryEntry;
  viewing: boolean;
  /** Where the paragraph is cited now, null once it is gone: only a paragraph still there is a link. */
  citationNow: (id: string) => string | null;
  onGoTo: (id: string) => void;
  onView: (seq: number) => void;
  /** The redline of what the entry changed, if it has a point before it to compare with. */
  redlineHref: string | null;
}

/**
 * One entry of the timeline: when, who (exactly as the server sent them: under the Chatham House Rule
 * a category only), what made it, the paragraphs it touched, and the amendments accepted and revisions
 * named meanwhile.
 */
export function TimelineEntryCard({ entry, viewing, citationNow, onGoTo, onView, redlineHref }: TimelineEntryCardProps) {
  const source = sourceLabels[entry.source];
  // Named for screen readers and tests: who, when and what made it, as the card shows them.
  const name = `${historyAuthorText(entry.author)}, ${relativeTime(entry.to)}${source ? `, ${source}` : ''}`;
  return (
    <article className={viewing ? 'history-entry history-entry-viewing' : 'history-entry'} aria-current={viewing ? 'true' : undefined} aria-label={name}>
      <p className="history-entry-head">
        <When iso={entry.to} className="history-when" />
        {source && <span className={`history-source history-source-${entry.source}`}>{source}</span>}
      </p>
      <p className="history-who">
        <span className="comment-author">{historyAuthorText(entry.author)}</span>
        <span className="history-updates"> · {plural(entry.updates, 'change')}</span>
      </p>
      {entry.paragraphs.length > 0 && (
        <ul className="history-paragraphs" aria-label="Paragraphs changed">
          {entryParagraphs(entry.paragraphs, citationNow).map(({ paragraphId, label, now }) => (
            <li key={paragraphId}>
              {now ? (
                <button type="button" className="button-link" title={now === label ? `Go to ${now} in the text` : `Now ${now}: go to it in the text`} onClick={() => onGoTo(paragraphId)}>
                  {label}
                </button>
              ) : (
                <span className="history-gone" title="No longer in the text">
                  {label}
                  <span className="visually-hidden"> (no longer in the text)</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {(entry.amendments.length > 0 || entry.revisions.length > 0) && (
        <ul className="history-chips">
          {entry.amendments.map((a) => (
            <li key={a.id} className="history-chip history-chip-amendment">
              Amendment to {a.label} accepted
            </li>
          ))}
          {entry.revisions.map((r) => (
            <li key={r.id} className="history-chip history-chip-revision" title={`${r.label} was named on the text as it stood after this`}>
              The text after this is {r.label}
            </li>
          ))}
        </ul>
      )}
      <div className="history-entry-actions">
        <button type="button" className="button-secondary button-small" aria-pressed={viewing} onClick={() => onView(entry.toSeq)}>
          {viewing ? 'Shown in the text' : 'Show the text after this'}
        </button>
        {redlineHref && <Link href={redlineHref}>Redline</Link>}
      </div>
    </article>
  );
}

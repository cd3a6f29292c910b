import type { ComparisonChange, ComparisonNote } from '@accord/contract';
import { HistoryRedline } from './HistoryRedline';
import { kindLabels, statusText } from './history-words';
import { plainTextParts } from './plain-text-parts';

interface ChangeCardProps {
  change: ComparisonChange;
  /** Offered to stewards when the `from` side is a revision and the `to` side the text now. */
  onRestore?: () => void;
  restoreLabel?: string;
}

/** One paragraph's change between two points: what kind, where from, and the redline of its words. */
export function ChangeCard({ change, onRestore, restoreLabel }: ChangeCardProps) {
  const label = change.toLabel ?? change.fromLabel ?? (change.blockKind === 'paragraph' ? 'A paragraph' : 'A sub-paragraph');
  return (
    <article className={`change change-${change.kind}`}>
      <header className="change-head">
        <h3 className="change-label">{label}</h3>
        <span className={`change-kind change-kind-${change.kind}`}>{kindLabels[change.kind]}</span>
        {change.kind === 'moved' && change.fromLabel && <span className="change-moved">moved from {change.fromLabel}</span>}
        {change.kind === 'relabelled' && change.fromLabel && change.toLabel && (
          <span className="change-relabel">
            {change.fromLabel} <span aria-hidden="true">→</span>
            <span className="visually-hidden"> became </span> {change.toLabel}
          </span>
        )}
        {change.kind === 'status' && (
          <span className="change-status">
            <span className={`rt-status-badge rt-status-${change.fromStatus ?? 'under_negotiation'}`}>{statusText(change.fromStatus)}</span>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> became </span>
            <span className={`rt-status-badge rt-status-${change.toStatus ?? 'under_negotiation'}`}>{statusText(change.toStatus)}</span>
          </span>
        )}
      </header>
      {change.redline ? (
        <HistoryRedline parts={change.redline} label={`Changes to ${label}`} />
      ) : (
        (change.kind === 'inserted' || change.kind === 'deleted') &&
        change.text !== undefined && <HistoryRedline parts={plainTextParts(change.text, change.kind === 'inserted' ? 'insert' : 'delete')} label={`${label}, ${change.kind}`} />
      )}
      {change.notes && change.notes.length > 0 && (
        <ul className="change-notes" aria-label="In brief">
          {change.notes.map((note, i) => (
            <li key={i} className={`change-note change-note-${note.kind}`} title={note.text}>
              {noteText(note)}
            </li>
          ))}
        </ul>
      )}
      {onRestore && (
        <button type="button" className="button-secondary button-small change-restore" onClick={onRestore}>
          {restoreLabel ?? 'Restore this paragraph'}
        </button>
      )}
    </article>
  );
}

const MAX_NOTE = 80;
const short = (text: string) => (text.length > MAX_NOTE ? `${text.slice(0, MAX_NOTE - 1)}…` : text);

/** "bracket removed: [shall]", "sponsor added: Veloria": a note in the words the room uses. */
export function noteText(note: ComparisonNote): string {
  switch (note.kind) {
    case 'bracket_added':
      return `bracket added: [${short(note.text)}]`;
    case 'bracket_removed':
      return `bracket removed: [${short(note.text)}]`;
    case 'sponsor_added':
      return `sponsor added: ${note.sponsor ?? note.text}`;
    case 'sponsor_removed':
      return `sponsor removed: ${note.sponsor ?? note.text}`;
    case 'alternative_added':
      return `alternative added: ${note.text}`;
    case 'alternative_dropped':
      return `alternative dropped: ${note.text}`;
    case 'footnote_added':
      return `footnote added: ${short(note.text)}`;
    case 'footnote_removed':
      return `footnote removed: ${short(note.text)}`;
    case 'footnote_changed':
      return `footnote changed: ${short(note.text)}`;
  }
}

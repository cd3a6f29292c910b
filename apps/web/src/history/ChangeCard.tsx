import type { ComparisonChange, ComparisonNote } from '@accord/contract';
import { useId } from 'react';
import { HistoryRedline } from './HistoryRedline';
import { kindLabels, statusText } from './history-words';
import { plainTextParts } from './plain-text-parts';

interface ChangeCardProps {
  /** One paragraph's changes, as the server listed them one after another: at least one. */
  changes: readonly ComparisonChange[];
  /** Offered to stewards when the `from` side is a revision and the `to` side the text now. */
  onRestore?: () => void;
  restoreLabel?: string;
}

/**
 * One paragraph's changes between two points, on one card: its label, every kind of change it went
 * through (with where it moved from, its old number, its old and new status), then the redline of its
 * words and what happened to its brackets, sponsors and footnotes.
 */
export function ChangeCard({ changes, onRestore, restoreLabel }: ChangeCardProps) {
  const headingId = useId();
  const first = changes[0]!;
  const label = first.toLabel ?? first.fromLabel ?? (first.blockKind === 'paragraph' ? 'A paragraph' : 'A sub-paragraph');
  const worded = changes.find((c) => c.redline !== undefined || ((c.kind === 'inserted' || c.kind === 'deleted') && c.text !== undefined));
  const notes = changes.flatMap((c) => c.notes ?? []);
  return (
    <article className={['change', ...changes.map((c) => `change-${c.kind}`)].join(' ')} aria-labelledby={headingId}>
      <header className="change-head">
        <h3 className="change-label" id={headingId}>
          {label}
        </h3>
        {changes.map((c, i) => (
          <span key={`${c.kind}-${i}`} className="change-what">
            <span className={`change-kind change-kind-${c.kind}`}>{kindLabels[c.kind]}</span>
            <ChangeDetail change={c} />
          </span>
        ))}
      </header>
      {worded?.redline ? (
        <HistoryRedline parts={worded.redline} label={`Changes to ${label}`} />
      ) : (
        worded?.text !== undefined && <HistoryRedline parts={plainTextParts(worded.text, worded.kind === 'inserted' ? 'insert' : 'delete')} label={`${label}, ${worded.kind}`} />
      )}
      {notes.length > 0 && (
        <ul className="change-notes" aria-label="In brief">
          {notes.map((note, i) => (
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

/** Beside its kind: where the paragraph moved from, its old and new number, its old and new status. */
function ChangeDetail({ change }: { change: ComparisonChange }) {
  if (change.kind === 'moved' && change.fromLabel) return <span className="change-moved">moved from {change.fromLabel}</span>;
  if (change.kind === 'relabelled' && change.fromLabel && change.toLabel) {
    return (
      <span className="change-relabel">
        {change.fromLabel} <span aria-hidden="true">→</span>
        <span className="visually-hidden"> became </span> {change.toLabel}
      </span>
    );
  }
  if (change.kind === 'status') {
    return (
      <span className="change-status">
        <span className={`rt-status-badge rt-status-${change.fromStatus ?? 'under_negotiation'}`}>{statusText(change.fromStatus)}</span>
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden"> became </span>
        <span className={`rt-status-badge rt-status-${change.toStatus ?? 'under_negotiation'}`}>{statusText(change.toStatus)}</span>
      </span>
    );
  }
  return null;
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

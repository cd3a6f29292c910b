import type { Revision } from '@accord/contract';
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { accord } from '../api';
import type { LiveEvents } from '../comments/live-events';
import { formatDate } from '../labels';
import { Link } from '../router';
import { compareHref } from './history-links';
import { changeCount, plural } from './history-words';
import { useRevisions } from './use-revisions';

/** How long the text must stay still before "N changes since" is counted again: a comparison is not free. */
const RECOUNT_AFTER_MS = 15_000;

interface RevisionLineProps {
  dialogueId: string;
  documentId: string;
  events: LiveEvents | null;
  online: boolean;
  /** The live document, whose changes make the count stale; null before it is open. */
  doc: Y.Doc | null;
}

/** Under the title: the latest named revision, and how much the text changed since (a link to the redline). */
export function RevisionLine({ dialogueId, documentId, events, online, doc }: RevisionLineProps) {
  const [state] = useRevisions(dialogueId, documentId, events, online);
  const latest = state.status === 'ready' ? (state.revisions.at(-1) ?? null) : null;
  const changes = useChangesSince(dialogueId, documentId, latest, doc);
  if (!latest) return null;

  return (
    <p className="revision-line">
      <span>
        Latest revision: <strong>{latest.label}</strong>
        {latest.statusDate && <> of {formatDate(latest.statusDate)}</>}
      </span>
      {changes.stale ? (
        // The text moved since the last count: no number rather than a wrong one, until it is counted again.
        <Link href={compareHref(dialogueId, documentId, latest.id, 'current')} title="Counted again once the text has been still for a moment">
          Changes since {latest.label}
        </Link>
      ) : (
        changes.count !== null && (
          <Link href={compareHref(dialogueId, documentId, latest.id, 'current')}>
            {changes.count === 0 ? `No changes since ${latest.label}` : `${plural(changes.count, 'change')} since ${latest.label}`}
          </Link>
        )
      )}
    </p>
  );
}

/**
 * How many changes since `latest`, and whether the text changed after that count was taken (`stale`):
 * then the number is not shown until the recount, RECOUNT_AFTER_MS after the last edit, answers.
 */
function useChangesSince(dialogueId: string, documentId: string, latest: Revision | null, doc: Y.Doc | null): { count: number | null; stale: boolean } {
  const [count, setCount] = useState<{ revisionId: string; changes: number } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [stale, setStale] = useState(false);
  // Edits seen so far: a count asked for before the latest edit is stale as soon as it answers.
  const edits = useRef(0);

  useEffect(() => {
    if (!doc) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      edits.current++;
      setStale(true);
      clearTimeout(timer);
      timer = setTimeout(() => setGeneration((n) => n + 1), RECOUNT_AFTER_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc]);

  const revisionId = latest?.id ?? null;
  useEffect(() => {
    if (!revisionId) return;
    const abort = new AbortController();
    const asked = edits.current;
    void (async () => {
      try {
        const comparison = await accord.history.compare(dialogueId, documentId, revisionId, 'current', { signal: abort.signal });
        setCount({ revisionId, changes: changeCount(comparison.summary) });
        if (edits.current === asked) setStale(false);
      } catch {
        // The line is a convenience: without an answer it shows the revision alone, and the History tab says why.
      }
    })();
    return () => abort.abort();
  }, [dialogueId, documentId, revisionId, generation]);

  return { count: count && count.revisionId === revisionId ? count.changes : null, stale: stale && revisionId !== null };
}

import { type AuthorCategory, authorCategories } from '@accord/contract';
import { useEffect, useId, useState } from 'react';
import { SidePanelHead } from '../components/document/SidePanelHead';
import { historyErrorMessage } from './history-errors';
import { compareHref } from './history-links';
import { RevisionsSection } from './RevisionsSection';
import { StepThrough } from './StepThrough';
import { TimelineEntryCard } from './TimelineEntryCard';
import type { HistoryWorkspace } from './use-history-workspace';

type View = 'timeline' | 'revisions';

/**
 * The document's history beside the text: the timeline of who changed which paragraphs and when
 * (filtered by paragraph or by category), a slider that shows the text as it stood at any of its
 * points, and the chair's named revisions with their progress.
 */
export function HistoryPanel({ workspace }: { workspace: HistoryWorkspace }) {
  const [expanded, setExpanded] = useState(false);
  const [shown, setShown] = useState<View>('timeline');
  const bodyId = useId();
  const revisionCount = workspace.revisions.status === 'ready' ? workspace.revisions.revisions.length : null;

  return (
    <section aria-label="History" className={expanded ? 'amendments-panel history-panel amendments-expanded' : 'amendments-panel history-panel'}>
      <SidePanelHead
        title="History"
        count={revisionCount === null ? '' : revisionCount === 1 ? '1 revision' : `${revisionCount} revisions`}
        expanded={expanded}
        onToggle={() => setExpanded((e) => !e)}
        bodyId={bodyId}
      />
      <div id={bodyId} className="comments-body amendments-body">
        <div role="radiogroup" aria-label="Show" className="segmented history-views">
          {(
            [
              ['timeline', 'Timeline'],
              ['revisions', 'Revisions'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className={shown === value ? 'segment segment-on' : 'segment'}>
              <input type="radio" name={`${bodyId}-view`} checked={shown === value} onChange={() => setShown(value)} />
              {label}
            </label>
          ))}
        </div>
        {shown === 'timeline' ? <TimelineSection workspace={workspace} /> : <RevisionsSection workspace={workspace} />}
      </div>
    </section>
  );
}

const CURSOR = 'cursor';

function TimelineSection({ workspace }: { workspace: HistoryWorkspace }) {
  const { timeline, filter, setFilter, paragraphs, cursorBlock, citationNow, viewing, view, goToParagraph } = workspace;
  const paragraphId = useId();
  const categoryId = useId();
  const { state, older } = timeline;
  const cursorCitation = cursorBlock ? citationNow(cursorBlock) : null;
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [filter]);

  function onParagraph(value: string) {
    const chosen = value === CURSOR ? cursorBlock : value || null;
    setFilter({ ...filter, paragraphId: chosen });
  }

  return (
    <>
      <StepThrough workspace={workspace} />
      <div className="comments-filters history-filters">
        <label htmlFor={paragraphId} className="visually-hidden">
          Changes to
        </label>
        <select id={paragraphId} value={filter.paragraphId ?? ''} onChange={(e) => onParagraph(e.target.value)}>
          <option value="">Every paragraph</option>
          {cursorBlock && cursorCitation && cursorBlock !== filter.paragraphId && <option value={CURSOR}>The paragraph at the cursor ({cursorCitation})</option>}
          {filter.paragraphId && !citationNow(filter.paragraphId) && <option value={filter.paragraphId}>A paragraph no longer in the text</option>}
          {paragraphs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.citation}
            </option>
          ))}
        </select>
        <label htmlFor={categoryId} className="visually-hidden">
          Changes by
        </label>
        <select id={categoryId} value={filter.category ?? ''} onChange={(e) => setFilter({ ...filter, category: (e.target.value || null) as AuthorCategory | null })}>
          <option value="">Everyone</option>
          {authorCategories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className={notice ? 'amendments-notice' : 'visually-hidden'}>
        {notice}
      </p>
      {state.status === 'loading' && <p role="status">Loading the history…</p>}
      {state.status === 'error' && (
        <div role="alert" className="alert alert-error">
          <p>{historyErrorMessage(state.error)}</p>
          <button type="button" className="button-secondary button-small" onClick={timeline.refresh}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && state.timeline.entries.length === 0 && (
        <p className="comments-empty">{filter.paragraphId || filter.category ? 'Nothing in the history matches this filter.' : 'No changes yet.'}</p>
      )}
      {state.status === 'ready' && (
        <ol className="history-list">
          {state.timeline.entries.map((entry) => (
            <li key={`${entry.fromSeq}-${entry.toSeq}`}>
              <TimelineEntryCard
                entry={entry}
                viewing={viewing === entry.toSeq}
                citationNow={citationNow}
                onGoTo={(id) => {
                  if (!goToParagraph(id)) setNotice('That paragraph is no longer in the text.');
                }}
                onView={(seq) => view(seq === state.timeline.seq ? null : seq)}
                redlineHref={entry.fromSeq > 1 ? compareHref(workspace.setup.dialogueId, workspace.setup.documentId, `seq:${entry.fromSeq - 1}`, `seq:${entry.toSeq}`) : null}
              />
            </li>
          ))}
        </ol>
      )}
      {state.status === 'ready' && state.timeline.next !== null && (
        <button type="button" className="button-secondary comments-new" onClick={timeline.loadOlder} disabled={older.pending}>
          {older.pending ? 'Loading older changes…' : 'Load older'}
        </button>
      )}
      {older.error !== null && (
        <p role="alert" className="amendment-error">
          {historyErrorMessage(older.error)}
        </p>
      )}
    </>
  );
}

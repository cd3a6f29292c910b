import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { SidePanelHead } from '../components/document/SidePanelHead';
import { audienceLabels, commentAudiences } from './audience';
import { commentErrorMessage } from './comment-errors';
import { ThreadCard } from './ThreadCard';
import { type AudienceFilter, filterThreads, type StatusFilter, type ThreadFilter } from './thread-places';
import type { CommentWorkspace } from './use-comment-workspace';

const statusFilters: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

/**
 * The threads beside the text, in the order of their paragraphs. On a narrow screen the list folds
 * behind a toggle, as the outline does.
 */
export function CommentsPanel({ workspace }: { workspace: CommentWorkspace }) {
  const { state, ordered, citationOf, filter, setFilter: onFilter, activeId, isOrphaned, activate, showInText, actions, reveal, follow } = workspace;
  const onComment = workspace.setup.canComment ? workspace.compose : undefined;
  const [expanded, setExpanded] = useState(false);
  const bodyId = useId();
  const audienceId = useId();
  const list = useRef<HTMLOListElement>(null);
  const panel = useRef<HTMLElement>(null);
  const shown = useMemo(() => (state.status === 'ready' ? filterThreads(ordered, filter) : []), [state, ordered, filter]);
  const open = state.status === 'ready' ? state.threads.filter((t) => t.status === 'open').length : 0;

  useEffect(() => {
    // A highlight was clicked in the text (or a thread just posted): bring its thread into view.
    if (reveal === 0) return;
    setExpanded(true);
    requestAnimationFrame(() => {
      list.current?.querySelector('.thread-active')?.scrollIntoView({ block: 'nearest' });
    });
  }, [reveal]);

  useEffect(() => {
    // The caret moved into a thread's words: show its card if the panel scrolls on its own (the side
    // column), without unfolding it on a narrow screen or scrolling the page away from the caret.
    if (follow === 0) return;
    requestAnimationFrame(() => {
      const card = list.current?.querySelector('.thread-active');
      if (panel.current && card) scrollWithin(panel.current, card);
    });
  }, [follow]);

  return (
    <aside ref={panel} aria-label="Comments" className={expanded ? 'comments-panel comments-expanded' : 'comments-panel'}>
      <SidePanelHead title="Comments" count={state.status === 'ready' ? `${open} open` : ''} expanded={expanded} onToggle={() => setExpanded((e) => !e)} bodyId={bodyId} />
      <div id={bodyId} className="comments-body">
        {onComment && (
          <button
            type="button"
            className="button-secondary comments-new"
            // Keeps the selection in the text, which the comment will be on.
            onMouseDown={(event) => event.preventDefault()}
            onClick={onComment}
          >
            Comment on the selection
          </button>
        )}
        <div className="comments-filters">
          <div role="radiogroup" aria-label="Show threads" className="segmented">
            {statusFilters.map(({ value, label }) => (
              <label key={value} className={filter.status === value ? 'segment segment-on' : 'segment'}>
                <input
                  type="radio"
                  name={`${bodyId}-status`}
                  value={value}
                  checked={filter.status === value}
                  onChange={() => onFilter({ ...filter, status: value })}
                />
                {label}
              </label>
            ))}
          </div>
          <label htmlFor={audienceId} className="visually-hidden">
            Audience
          </label>
          <select id={audienceId} value={filter.audience} onChange={(e) => onFilter({ ...filter, audience: e.target.value as AudienceFilter })}>
            <option value="all">Every audience</option>
            {commentAudiences.map((a) => (
              <option key={a} value={a}>
                {audienceLabels[a]}
              </option>
            ))}
          </select>
        </div>
        {state.status === 'loading' && <p role="status">Loading comments…</p>}
        {state.status === 'error' && (
          <div role="alert" className="alert alert-error">
            <p>{commentErrorMessage(state.error)}</p>
            <button type="button" className="button-secondary button-small" onClick={actions.reload}>
              Try again
            </button>
          </div>
        )}
        {state.status === 'ready' && shown.length === 0 && <p className="comments-empty">{emptyText(filter, state.threads.length)}</p>}
        <ol className="thread-list" ref={list}>
          {shown.map((thread) => (
            <li key={thread.id}>
              <ThreadCard
                thread={thread}
                citation={citationOf(thread)}
                orphaned={isOrphaned(thread)}
                active={thread.id === activeId}
                onActivate={activate}
                showInText={showInText}
                actions={actions}
              />
            </li>
          ))}
        </ol>
      </div>
    </aside>
  );
}

/** Scrolls `box` itself (never the page) just enough to show `item`, when `box` scrolls at all. */
function scrollWithin(box: HTMLElement, item: Element): void {
  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowY);
  if (!scrolls || box.scrollHeight <= box.clientHeight) return;
  const outer = box.getBoundingClientRect();
  const inner = item.getBoundingClientRect();
  if (inner.top < outer.top) box.scrollTop -= outer.top - inner.top;
  else if (inner.bottom > outer.bottom) box.scrollTop += Math.min(inner.bottom - outer.bottom, inner.top - outer.top);
}

function emptyText(filter: ThreadFilter, total: number): string {
  if (total === 0) return 'No comments yet. Select words in the text and choose Comment.';
  if (filter.status === 'open') return 'No open threads here.';
  if (filter.status === 'resolved') return 'No resolved threads here.';
  return 'No threads for this audience.';
}

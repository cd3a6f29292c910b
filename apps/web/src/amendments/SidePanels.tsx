import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import type { CommentWorkspace } from '../comments/use-comment-workspace';
import type { AmendmentWorkspace, SidePanel } from './use-amendment-workspace';

interface SidePanelsProps {
  comments: CommentWorkspace;
  amendments: AmendmentWorkspace;
  commentsPanel: ReactNode;
  amendmentsPanel: ReactNode;
  historyPanel: ReactNode;
}

const order: SidePanel[] = ['comments', 'amendments', 'history'];

/**
 * The margin beside the text: comments, amendments and the history, one at a time behind tabs (the ARIA tabs
 * pattern: arrow keys move between them). A comment chosen in the text brings its tab forward, as a
 * marker of amendments brings theirs.
 */
export function SidePanels({ comments, amendments, commentsPanel, amendmentsPanel, historyPanel }: SidePanelsProps) {
  const { panel, setPanel } = amendments;
  const id = useId();
  const tabs = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (comments.reveal > 0) setPanel('comments');
  }, [comments.reveal, setPanel]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = order.indexOf(panel);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: order.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const chosen = order[(next + order.length) % order.length]!;
    setPanel(chosen);
    tabs.current?.querySelector<HTMLElement>(`[data-panel="${chosen}"]`)?.focus();
  }

  const openComments = comments.state.status === 'ready' ? comments.state.threads.filter((t) => t.status === 'open').length : null;
  const tab = (name: SidePanel, label: string, count: number | null) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${name}-tab`}
      data-panel={name}
      aria-selected={panel === name}
      aria-controls={`${id}-${name}`}
      tabIndex={panel === name ? 0 : -1}
      className={panel === name ? 'side-tab side-tab-on' : 'side-tab'}
      onClick={() => setPanel(name)}
    >
      {label}
      {count !== null && count > 0 && (
        <span className="side-tab-count">
          <span className="visually-hidden">, </span>
          {count}
          <span className="visually-hidden"> open</span>
        </span>
      )}
    </button>
  );

  return (
    <div className="side-panels">
      <div role="tablist" aria-label="Beside the text" className="side-tabs" ref={tabs} onKeyDown={onKeyDown}>
        {tab('comments', 'Comments', openComments)}
        {tab('amendments', 'Amendments', amendments.state.status === 'ready' ? amendments.openTotal : null)}
        {tab('history', 'History', null)}
      </div>
      <div role="tabpanel" id={`${id}-comments`} aria-labelledby={`${id}-comments-tab`} hidden={panel !== 'comments'} className="side-tabpanel">
        {commentsPanel}
      </div>
      <div role="tabpanel" id={`${id}-amendments`} aria-labelledby={`${id}-amendments-tab`} hidden={panel !== 'amendments'} className="side-tabpanel">
        {amendmentsPanel}
      </div>
      <div role="tabpanel" id={`${id}-history`} aria-labelledby={`${id}-history-tab`} hidden={panel !== 'history'} className="side-tabpanel">
        {historyPanel}
      </div>
    </div>
  );
}

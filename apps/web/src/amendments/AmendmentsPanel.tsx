import { useEffect, useId, useRef, useState } from 'react';
import { SidePanelHead } from '../components/document/SidePanelHead';
import type { Amendment } from '@accord/contract';
import { isOpen, type StatusFilter } from './amendment-list';
import { amendmentErrorMessage } from './amendment-errors';
import { AmendmentCard, amendmentTitle } from './AmendmentCard';
import type { AmendmentWorkspace } from './use-amendment-workspace';

const statusFilters: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'decided', label: 'Decided' },
  { value: 'all', label: 'All' },
];

/**
 * The amendments beside the text: of the whole text or of one paragraph (a marker's, or the one at
 * the cursor), open or decided, each with what the viewer may do about it.
 */
export function AmendmentsPanel({ workspace }: { workspace: AmendmentWorkspace }) {
  const { state, shown, filter, setFilter, citationOf, citationOfBlock, cursorBlock, reveal, actions, openTotal, setup } = workspace;
  const [expanded, setExpanded] = useState(false);
  // What the viewer just did, said here: a decided amendment leaves the list of open ones.
  const [notice, setNotice] = useState('');
  useDecidedElsewhere(state.status === 'ready' ? state.amendments : null, citationOf, setNotice);
  const bodyId = useId();
  const list = useRef<HTMLOListElement>(null);
  // The paragraph the "this paragraph" choice means: the one chosen, else the one at the cursor.
  const block = filter.blockId ?? cursorBlock;
  const blockCitation = block ? citationOfBlock(block) : null;

  // A marker was chosen: unfold, and once the panel is shown (its tab chosen, its body unfolded) bring
  // its top into view.
  const pendingReveal = useRef(false);
  useEffect(() => {
    if (reveal === 0) return;
    setExpanded(true);
    pendingReveal.current = true;
  }, [reveal]);
  useEffect(() => {
    const panel = list.current?.closest<HTMLElement>('.amendments-panel');
    // Scrolled only once unfolded: unfolding after would push the text down under the reader's eyes.
    if (!pendingReveal.current || !expanded || !panel || panel.offsetParent === null) return;
    pendingReveal.current = false;
    panel.scrollTo({ top: 0 });
    // On a narrow screen the panel stands above the text: bring it into view (beside the text, it already is).
    if (window.matchMedia('(max-width: 59.99rem)').matches) panel.scrollIntoView({ block: 'start' });
  });

  return (
    <section aria-label="Amendments" className={expanded ? 'amendments-panel amendments-expanded' : 'amendments-panel'}>
      <SidePanelHead title="Amendments" count={state.status === 'ready' ? `${openTotal} open` : ''} expanded={expanded} onToggle={() => setExpanded((e) => !e)} bodyId={bodyId} />
      <div id={bodyId} className="comments-body amendments-body">
        {workspace.canPropose && (
          <button
            type="button"
            className="button-secondary comments-new"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => workspace.propose(block ?? undefined)}
          >
            {blockCitation ? `Propose an amendment to ${blockCitation}` : 'Propose an amendment'}
          </button>
        )}
        <div className="comments-filters">
          <div role="radiogroup" aria-label="Amendments of" className="segmented">
            <label className={filter.blockId === null ? 'segment segment-on' : 'segment'}>
              <input type="radio" name={`${bodyId}-scope`} checked={filter.blockId === null} onChange={() => setFilter({ ...filter, blockId: null })} />
              Whole text
            </label>
            {block && blockCitation && (
              <label className={filter.blockId !== null ? 'segment segment-on' : 'segment'}>
                <input type="radio" name={`${bodyId}-scope`} checked={filter.blockId !== null} onChange={() => setFilter({ ...filter, blockId: block })} />
                {blockCitation}
              </label>
            )}
          </div>
          <div role="radiogroup" aria-label="Show amendments" className="segmented">
            {statusFilters.map(({ value, label }) => (
              <label key={value} className={filter.status === value ? 'segment segment-on' : 'segment'}>
                <input type="radio" name={`${bodyId}-status`} value={value} checked={filter.status === value} onChange={() => setFilter({ ...filter, status: value })} />
                {label}
              </label>
            ))}
          </div>
        </div>
        <p role="status" className={notice ? 'amendments-notice' : 'visually-hidden'}>
          {notice}
        </p>
        {state.status === 'loading' && <p role="status">Loading amendments…</p>}
        {state.status === 'error' && (
          <div role="alert" className="alert alert-error">
            <p>{amendmentErrorMessage(state.error)}</p>
            <button type="button" className="button-secondary button-small" onClick={actions.reload}>
              Try again
            </button>
          </div>
        )}
        {state.status === 'ready' && shown.length === 0 && (
          <p className="comments-empty">{emptyText(filter.status, filter.blockId ? blockCitation : null, workspace.canPropose)}</p>
        )}
        <ol className="amendment-list" ref={list}>
          {shown.map((amendment) => (
            <li key={amendment.id}>
              <AmendmentCard amendment={amendment} citation={citationOf(amendment)} role={setup.role} actions={actions} onDone={setNotice} />
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/**
 * Someone else decided an open amendment (the chair accepted it, its proposer withdrew it): it leaves
 * the list of open ones while the reader may be looking at it, so the panel says what became of it.
 */
function useDecidedElsewhere(amendments: readonly Amendment[] | null, citationOf: (a: Amendment) => string, say: (notice: string) => void): void {
  const seen = useRef<Map<string, Amendment['status']> | null>(null);
  useEffect(() => {
    if (!amendments) return;
    const before = seen.current;
    seen.current = new Map(amendments.map((a) => [a.id, a.status]));
    if (!before) return;
    for (const amendment of amendments) {
      const was = before.get(amendment.id);
      if (!was || !isOpen(was) || isOpen(amendment.status) || amendment.decidedBy?.you) continue;
      say(`${amendmentTitle(amendment, citationOf(amendment))} was ${decidedWords(amendment)}.`);
    }
  }, [amendments, citationOf, say]);
}

function decidedWords(amendment: Amendment): string {
  switch (amendment.status) {
    case 'accepted':
      return amendment.mode === 'bracketed' ? 'accepted in brackets' : 'accepted';
    case 'rejected':
      return 'rejected';
    default:
      return 'withdrawn by its proposer';
  }
}

function emptyText(status: StatusFilter, citation: string | null, canPropose: boolean): string {
  const where = citation ? ` to ${citation}` : '';
  if (status === 'open') return `No open amendments${where}.${canPropose ? ' Put the cursor in a paragraph and choose Propose amendment.' : ''}`;
  if (status === 'decided') return `No decided amendments${where}.`;
  return `No amendments${where} yet.`;
}

import type { Comparison, ComparisonKind, Revision } from '@accord/contract';
import { comparisonKinds } from '@accord/contract';
import { useId, useState } from 'react';
import { accord, api, type Dialogue } from '../api';
import { LoadFailed, Loading } from '../components/Status';
import { isApiError } from '../errors';
import { useDocumentTitle, useResource } from '../hooks';
import { isSteward } from '../labels';
import { Link, navigate, useSearch } from '../router';
import { DocumentBreadcrumb } from '../components/document/DocumentBreadcrumb';
import { ChangeCard } from './ChangeCard';
import { changesByBox, changesByParagraph, type RefChoice, refChoices, restorable } from './compare-refs';
import { historyErrorMessage } from './history-errors';
import { compareHref, concordanceHref, documentHref } from './history-links';
import { changeCount, kindLabels, plural } from './history-words';
import { RestoreDialog, type RestoreRequest } from './RestoreDialog';
import { ExportMenu } from '../exports/ExportMenu';

interface CompareFrame {
  dialogue: Dialogue;
  title: string;
  revisions: Revision[];
}

async function loadFrame(dialogueId: string, documentId: string, signal: AbortSignal): Promise<CompareFrame> {
  const [dialogue, documents, revisions] = await Promise.all([
    api.getDialogue(dialogueId, signal),
    api.listDocuments(dialogueId, signal),
    accord.history.revisions(dialogueId, documentId, { signal }),
  ]);
  const document = documents.find((d) => d.id === documentId);
  return { dialogue, title: document ? `${document.symbol} ${document.title}` : 'Document', revisions };
}

/**
 * Two points of a document side by side as a redline: a summary per box, then every paragraph that
 * changed in the order of the text. Either side is a revision, a point of the log or the text now.
 */
export function ComparePage({ dialogueId, documentId }: { dialogueId: string; documentId: string }) {
  const search = new URLSearchParams(useSearch());
  const [frame, reloadFrame] = useResource((signal) => loadFrame(dialogueId, documentId, signal), `${dialogueId}/${documentId}`);
  const revisions = frame.status === 'ready' ? frame.data.revisions : null;
  // Without a `from`, the latest revision against the text now: what changed since the chair last named it.
  const from = search.get('from') ?? revisions?.at(-1)?.id ?? null;
  const to = search.get('to') ?? 'current';
  const ready = from !== null;
  const [comparison, reloadComparison] = useResource(
    (signal) => (ready ? accord.history.compare(dialogueId, documentId, from, to, { signal }) : Promise.resolve(null)),
    `${dialogueId}/${documentId}/${from ?? ''}/${to}`,
  );
  useDocumentTitle(frame.status === 'ready' ? `Compare: ${frame.data.title}` : 'Compare');

  if (frame.status === 'loading') return <Loading label="Opening the comparison…" />;
  if (frame.status === 'error') {
    const missing = isApiError(frame.error, 'NOT_FOUND', 'VALIDATION_FAILED');
    const permanent = missing || isApiError(frame.error, 'NOT_A_MEMBER', 'ROLE_FORBIDDEN');
    return (
      <LoadFailed title={missing ? 'Document not found' : 'The comparison is not available'} error={missing ? undefined : frame.error} retry={permanent ? undefined : reloadFrame}>
        <p>
          <Link href={`/dialogues/${encodeURIComponent(dialogueId)}`}>Back to the dialogue</Link>
        </p>
      </LoadFailed>
    );
  }

  const { dialogue, title } = frame.data;
  const choices = refChoices(frame.data.revisions, [from ?? '', to]);
  const choose = (side: 'from' | 'to', ref: string) => navigate(compareHref(dialogueId, documentId, side === 'from' ? ref : (from ?? 'current'), side === 'to' ? ref : to), { replace: true });
  const back = documentHref(dialogueId, documentId);

  return (
    <article className="compilation compare">
      <DocumentBreadcrumb dialogue={dialogue} documentHref={back} title={title} />
      <header className="compilation-header">
        <h1>
          Redline <span className="compilation-title">{title}</span>
        </h1>
        <div className="compare-pickers">
          <RefPicker label="From" value={from ?? ''} choices={choices} onChange={(ref) => choose('from', ref)} />
          <button type="button" className="button-secondary compare-swap" onClick={() => from && navigate(compareHref(dialogueId, documentId, to, from), { replace: true })} disabled={!from}>
            <span aria-hidden="true">⇄</span> Swap
          </button>
          <RefPicker label="To" value={to} choices={choices} onChange={(ref) => choose('to', ref)} />
        </div>
        <div className="compilation-actions">
          {from !== null && (
            <ExportMenu
              dialogueId={dialogueId}
              documentId={documentId}
              sections={[{ kind: 'redline', label: `Redline from ${pointName(choices, from)} to ${pointName(choices, to)}`, revision: to, compare: from }]}
              align="start"
            />
          )}
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" className="button-secondary" onClick={reloadComparison}>
            Refresh
          </button>
          <Link href={back}>Back to the text</Link>
        </div>
      </header>
      {!ready && <p className="empty">No revision has been named yet: choose two points to compare, or name a revision from the History beside the text.</p>}
      {ready && comparison.status === 'loading' && <Loading label="Comparing…" />}
      {ready && comparison.status === 'error' && (
        <div role="alert" className="alert alert-error">
          <p>{historyErrorMessage(comparison.error)}</p>
          <button type="button" className="button-secondary" onClick={reloadComparison}>
            Try again
          </button>
        </div>
      )}
      {comparison.status === 'ready' && comparison.data && (
        <CompareBody comparison={comparison.data} dialogue={dialogue} documentId={documentId} revisions={frame.data.revisions} onRestored={reloadComparison} />
      )}
    </article>
  );
}

/** A side of the comparison as the pickers name it ("Rev.1 of 3 Dec 2026", "now"). */
function pointName(choices: RefChoice[], ref: string): string {
  if (ref === 'current') return 'now';
  return choices.find((c) => c.ref === ref)?.label ?? 'the point in the address';
}

function RefPicker({ label, value, choices, onChange }: { label: string; value: string; choices: RefChoice[]; onChange: (ref: string) => void }) {
  const id = useId();
  const known = choices.some((c) => c.ref === value);
  return (
    <div className="field compare-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {!known && <option value={value}>{value ? 'The point in the address' : 'Choose…'}</option>}
        {choices.map((c) => (
          <option key={c.ref} value={c.ref}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CompareBodyProps {
  comparison: Comparison;
  dialogue: Dialogue;
  documentId: string;
  revisions: Revision[];
  onRestored: () => void;
}

const sideName = (side: Comparison['from']) => side.revision?.label ?? (side.ref === 'current' ? 'now' : `change ${side.seq}`);

function CompareBody({ comparison, dialogue, documentId, revisions, onRestored }: CompareBodyProps) {
  const [restoring, setRestoring] = useState<RestoreRequest | null>(null);
  const [notice, setNotice] = useState('');
  const { summary, changes } = comparison;
  const fromRevision = comparison.from.revision ? revisions.find((r) => r.id === comparison.from.revision!.id) : undefined;
  const toRevision = comparison.to.revision ? revisions.find((r) => r.id === comparison.to.revision!.id) : undefined;
  const canRestore = isSteward(dialogue.myRole) && fromRevision !== undefined && comparison.to.ref === 'current';
  const total = changeCount(summary);

  return (
    <>
      <p className="meta compare-meta">
        <span>
          From <strong>{sideName(comparison.from)}</strong> to <strong>{sideName(comparison.to)}</strong>: {plural(total, 'change')}
        </span>
        {toRevision?.renumbered && <Link href={concordanceHref(dialogue.id, documentId, toRevision.id)}>{toRevision.label} renumbered the text: see the concordance</Link>}
      </p>
      <p role="status" className={notice ? 'amendments-notice' : 'visually-hidden'}>
        {notice}
      </p>
      {summary.byBox.length > 0 && total > 0 && <SummaryTable summary={summary} />}
      {changes.length === 0 && <p className="empty">Nothing changed between these two points.</p>}
      {changesByBox(changes).map((group, i) => {
        const box = summary.byBox.find((b) => b.box === group.box);
        return (
          <section key={`${group.box}-${i}`} className="compilation-box" aria-label={`Box ${group.box}`}>
            <h2>
              Box {group.box}
              {box?.title ? `. ${box.title}` : ''}
            </h2>
            <ol className="change-list">
              {changesByParagraph(group.changes).map((paragraph, j) => (
                <li key={`${paragraph[0]!.paragraphId}-${paragraph[0]!.blockKind}-${j}`}>
                  <ChangeCard
                    changes={paragraph}
                    {...(canRestore && paragraph.some(restorable)
                      ? {
                          onRestore: () => {
                            const { paragraphId, toLabel, fromLabel } = paragraph[0]!;
                            setRestoring({ revision: fromRevision, paragraph: { id: paragraphId, citation: toLabel ?? fromLabel ?? 'this paragraph' } });
                          },
                          restoreLabel: `Restore this paragraph as in ${fromRevision.label}`,
                        }
                      : {})}
                  />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      <RestoreDialog
        request={restoring}
        onRestore={(request) => accord.history.restore(dialogue.id, documentId, request.revision.id, request.paragraph ? { paragraphId: request.paragraph.id } : {})}
        onDone={(text) => {
          setRestoring(null);
          setNotice(text);
          onRestored();
        }}
        onClose={() => setRestoring(null)}
      />
    </>
  );
}

const count = (n: number, kind: ComparisonKind) => (n === 0 ? <span className="compare-zero">0</span> : <span className={`compare-count compare-count-${kind}`}>{n}</span>);

function SummaryTable({ summary }: { summary: Comparison['summary'] }) {
  return (
    <div className="table-scroll compare-summary">
      <table>
        <caption className="visually-hidden">Changes per box</caption>
        <thead>
          <tr>
            <th scope="col">Box</th>
            {comparisonKinds.map((kind) => (
              <th key={kind} scope="col">
                {kindLabels[kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.byBox.map((box) => (
            <tr key={box.box}>
              <th scope="row">
                Box {box.box}
                {box.title && <span className="hint">{box.title}</span>}
              </th>
              {comparisonKinds.map((kind) => (
                <td key={kind}>{count(box[kind], kind)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All boxes</th>
            {comparisonKinds.map((kind) => (
              <td key={kind}>{count(summary[kind], kind)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

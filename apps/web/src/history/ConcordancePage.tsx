import type { Concordance } from '@accord/contract';
import { useState } from 'react';
import { accord, api, type Dialogue } from '../api';
import { LoadFailed, Loading } from '../components/Status';
import { isApiError } from '../errors';
import { useDocumentTitle, useResource } from '../hooks';
import { formatDate } from '../labels';
import { Link } from '../router';
import { DocumentBreadcrumb } from '../components/document/DocumentBreadcrumb';
import { historyErrorMessage } from './history-errors';
import { compareHref, documentHref } from './history-links';
import { plural } from './history-words';

interface ConcordanceData {
  dialogue: Dialogue;
  /** The document's symbol and title, as the compare page's breadcrumb names it. */
  title: string;
  concordance: Concordance;
}

async function load(dialogueId: string, documentId: string, revisionId: string, signal: AbortSignal): Promise<ConcordanceData> {
  const [dialogue, documents, concordance] = await Promise.all([
    api.getDialogue(dialogueId, signal),
    api.listDocuments(dialogueId, signal),
    accord.history.concordance(dialogueId, documentId, revisionId, { signal }),
  ]);
  const document = documents.find((d) => d.id === documentId);
  return { dialogue, title: document ? `${document.symbol} ${document.title}` : 'The text', concordance };
}

/**
 * A clean revision's concordance table: every paragraph's number before and after renumbering, the
 * changed ones stand out, so that delegations can carry their notes and instructions over.
 */
export function ConcordancePage({ dialogueId, documentId, revisionId }: { dialogueId: string; documentId: string; revisionId: string }) {
  const [state, reload] = useResource((signal) => load(dialogueId, documentId, revisionId, signal), `${dialogueId}/${documentId}/${revisionId}`);
  const [download, setDownload] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  useDocumentTitle(state.status === 'ready' ? `Concordance: ${state.data.concordance.revision.label}` : 'Concordance');
  const back = documentHref(dialogueId, documentId);

  if (state.status === 'loading') return <Loading label="Reading the concordance…" />;
  if (state.status === 'error') {
    const missing = isApiError(state.error, 'NOT_FOUND', 'VALIDATION_FAILED');
    const permanent = missing || isApiError(state.error, 'NOT_A_MEMBER', 'ROLE_FORBIDDEN');
    return (
      <LoadFailed title={missing ? 'No concordance here' : 'The concordance is not available'} error={missing ? undefined : state.error} retry={permanent ? undefined : reload}>
        {missing && <p>This revision did not renumber the text, or it does not exist.</p>}
        <p>
          <Link href={back}>Back to the text</Link>
        </p>
      </LoadFailed>
    );
  }

  const { dialogue, title, concordance } = state.data;
  const { revision, concordance: rows } = concordance;
  const changed = rows.filter((r) => r.changed).length;

  async function downloadText() {
    setDownload({ pending: true, error: null });
    try {
      const text = await accord.history.concordanceText(dialogueId, documentId, revisionId);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `concordance-${revision.label.replace(/[^\w.-]+/g, '_')}.txt`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setDownload({ pending: false, error: null });
    } catch (error) {
      setDownload({ pending: false, error });
    }
  }

  return (
    <article className="compilation concordance">
      <DocumentBreadcrumb dialogue={dialogue} documentHref={back} title={title} />
      <header className="compilation-header">
        <h1>
          Concordance <span className="compilation-title">{revision.label}{revision.symbol ? ` · ${revision.symbol}` : ''}</span>
        </h1>
        <p className="meta">
          {revision.statusDate && (
            <>
              <span>Status date {formatDate(revision.statusDate)}</span>
              <span aria-hidden="true" className="meta-separator">
                ·
              </span>
            </>
          )}
          <span>
            {plural(changed, 'number')} changed of {rows.length}
          </span>
        </p>
        <div className="compilation-actions">
          <button type="button" className="button-secondary" onClick={() => void downloadText()} disabled={download.pending}>
            {download.pending ? 'Preparing…' : 'Download as text'}
          </button>
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            Print
          </button>
          {revision.baseSeq !== null && <Link href={compareHref(dialogueId, documentId, `seq:${revision.baseSeq}`, revision.id)}>The redline of the renumbering</Link>}
          <Link href={back}>Back to the text</Link>
        </div>
        {download.error !== null && (
          <p role="alert" className="alert alert-error">
            {historyErrorMessage(download.error)}
          </p>
        )}
      </header>
      <div className="table-scroll">
        <table className="concordance-table">
          <caption className="visually-hidden">Old and new numbers of every paragraph and sub-paragraph</caption>
          <thead>
            <tr>
              <th scope="col">Before {revision.label}</th>
              <th scope="col">
                <span className="visually-hidden">became</span>
              </th>
              <th scope="col">In {revision.label}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.paragraphId} className={row.changed ? 'concordance-changed' : 'concordance-same'}>
                <td className={row.kind === 'subparagraph' ? 'concordance-sub' : undefined}>{row.from}</td>
                <td aria-hidden="true" className="concordance-arrow">
                  →
                </td>
                <td>
                  {row.to}
                  {!row.changed && <span className="visually-hidden"> (unchanged)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

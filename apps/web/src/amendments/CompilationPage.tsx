import type { Compilation } from '@accord/contract';
import { accord, api, type Dialogue } from '../api';
import { LoadFailed, Loading } from '../components/Status';
import { isApiError } from '../errors';
import { useDocumentTitle, useResource } from '../hooks';
import { formatDateTime } from '../labels';
import { Link } from '../router';
import { DocumentBreadcrumb } from '../components/document/DocumentBreadcrumb';
import type { ExportSection } from '../exports/export-menu-items';
import { ExportMenu } from '../exports/ExportMenu';
import { capitalized, totalsText } from './amendment-list';
import { AmendmentCard } from './AmendmentCard';

// Written here rather than taken from @accord/text, which would bring the whole text model to this page.
const statusLabels = { under_negotiation: 'Under negotiation', agreed_ad_ref: 'Agreed ad referendum', agreed: 'Agreed' } as const;

/** The compilation as a working paper (DOCX, PDF, HTML) or an Akoma Ntoso amendment list. */
const COMPILATION_EXPORTS: ExportSection[] = [{ kind: 'compilation', label: 'Compilation of amendments' }];

interface CompilationData {
  dialogue: Dialogue;
  compilation: Compilation;
}

async function load(dialogueId: string, documentId: string, signal: AbortSignal): Promise<CompilationData> {
  const [dialogue, compilation] = await Promise.all([api.getDialogue(dialogueId, signal), accord.amendments.compilation(dialogueId, documentId, { signal })]);
  return { dialogue, compilation };
}

/**
 * The compilation: the text box by box and, under each paragraph, every amendment to it with its
 * status, supporters, justification and redline against the current wording. Read and printed as
 * a document; the same as plain text through "Download as text".
 */
export function CompilationPage({ dialogueId, documentId }: { dialogueId: string; documentId: string }) {
  const [state, reload] = useResource((signal) => load(dialogueId, documentId, signal), `${dialogueId}/${documentId}`);
  const documentHref = `/dialogues/${encodeURIComponent(dialogueId)}/documents/${encodeURIComponent(documentId)}`;
  useDocumentTitle(state.status === 'ready' ? `Compilation: ${state.data.compilation.title}` : 'Compilation');

  if (state.status === 'loading') return <Loading label="Compiling the amendments…" />;
  if (state.status === 'error') {
    const missing = isApiError(state.error, 'NOT_FOUND', 'VALIDATION_FAILED');
    const permanent = missing || isApiError(state.error, 'NOT_A_MEMBER', 'ROLE_FORBIDDEN');
    return (
      <LoadFailed title={missing ? 'Document not found' : 'The compilation is not available'} error={missing ? undefined : state.error} retry={permanent ? undefined : reload}>
        <p>
          <Link href={`/dialogues/${encodeURIComponent(dialogueId)}`}>Back to the dialogue</Link>
        </p>
      </LoadFailed>
    );
  }

  const { dialogue, compilation } = state.data;
  const chatham = compilation.attribution === 'chatham_house';
  const plainHref = `/api/dialogues/${encodeURIComponent(dialogueId)}/documents/${encodeURIComponent(documentId)}/compilation?format=plain`;
  return (
    <article className="compilation">
      <DocumentBreadcrumb dialogue={dialogue} documentHref={documentHref} title={compilation.title} />
      <header className="compilation-header">
        <h1>
          Compilation of amendments <span className="compilation-title">{compilation.title}</span>
        </h1>
        <p className="meta">
          As of {formatDateTime(compilation.generatedAt)} · {capitalized(totalsText(compilation.totals))}
        </p>
        <p className={chatham ? 'compilation-attribution chatham' : 'compilation-attribution'}>
          {chatham
            ? 'Under the Chatham House Rule: proposers and supporters are shown by category and count, never by name or affiliation.'
            : 'Attributed: the delegations and organizations supporting each amendment are named.'}
        </p>
        <div className="compilation-actions">
          <ExportMenu dialogueId={dialogueId} documentId={documentId} sections={COMPILATION_EXPORTS} align="start" />
          <a className="button-secondary" href={plainHref} download={`compilation-${compilation.documentId}.txt`}>
            Download as text
          </a>
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" className="button-secondary" onClick={reload}>
            Refresh
          </button>
          <Link href={documentHref}>Back to the text</Link>
        </div>
      </header>
      {compilation.boxes.map((box) => (
        <section key={box.label} className="compilation-box" aria-labelledby={`box-${box.label}`}>
          <h2 id={`box-${box.label}`}>
            Box {box.label}. {box.title}
          </h2>
          {box.paragraphs.map((paragraph) => (
            <div key={paragraph.paragraphId} className="compilation-paragraph">
              <h3 className="compilation-label">
                {paragraph.label}
                {paragraph.status !== 'under_negotiation' && <span className={`rt-status-badge rt-status-${paragraph.status}`}>{statusLabels[paragraph.status]}</span>}
              </h3>
              <p className="compilation-text">{paragraph.text || '(no text)'}</p>
              {paragraph.amendments.length > 0 ? (
                <ol className="amendment-list compilation-amendments" aria-label={`Amendments to ${paragraph.label}`}>
                  {paragraph.amendments.map((amendment) => (
                    <li key={amendment.id}>
                      <AmendmentCard amendment={amendment} citation={paragraph.label} role={dialogue.myRole} headingLevel={4} />
                    </li>
                  ))}
                </ol>
              ) : null}
            </div>
          ))}
        </section>
      ))}
      {compilation.removed.length > 0 && (
        <section className="compilation-box" aria-labelledby="removed">
          <h2 id="removed">Amendments to paragraphs no longer in the text</h2>
          <ol className="amendment-list compilation-amendments">
            {compilation.removed.map((amendment) => (
              <li key={amendment.id}>
                <AmendmentCard amendment={amendment} citation={amendment.label} role={dialogue.myRole} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

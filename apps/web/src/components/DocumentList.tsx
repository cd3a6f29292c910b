import type { DocumentSummary } from '../api';
import { formatDate } from '../labels';
import { Link } from '../router';

export function DocumentList({ dialogueId, documents }: { dialogueId: string; documents: DocumentSummary[] }) {
  if (documents.length === 0) {
    return <p className="empty">No documents yet. The chair or secretariat opens the rolling texts.</p>;
  }
  return (
    <ul className="document-list">
      {documents.map((document) => (
        <li key={document.id} className="card">
          <span className="symbol">{document.symbol}</span>
          <Link className="document-title" href={`/dialogues/${encodeURIComponent(dialogueId)}/documents/${encodeURIComponent(document.id)}`}>
            {document.title}
          </Link>
          <span className="hint">Opened {formatDate(document.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}

import type { DocumentSummary } from '../api';
import { formatDate } from '../labels';

export function DocumentList({ documents }: { documents: DocumentSummary[] }) {
  if (documents.length === 0) {
    return <p className="empty">No documents yet. The chair or secretariat opens the rolling texts.</p>;
  }
  return (
    <ul className="document-list">
      {documents.map((document) => (
        <li key={document.id} className="card">
          <span className="symbol">{document.symbol}</span>
          <span className="document-title">{document.title}</span>
          <span className="hint">Opened {formatDate(document.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}

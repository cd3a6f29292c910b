import { Link } from '../../router';

/** Above a page about one document (compilation, redline, concordance): its dialogue › the document. */
export function DocumentBreadcrumb({ dialogue, documentHref, title }: { dialogue: { id: string; title: string }; documentHref: string; title: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
      <span aria-hidden="true"> › </span>
      <Link href={documentHref} className="breadcrumb-next">
        {title}
      </Link>
    </nav>
  );
}

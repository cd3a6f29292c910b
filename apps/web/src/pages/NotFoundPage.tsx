import { useDocumentTitle } from '../hooks';
import { Link } from '../router';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <section className="page-narrow">
      <h1>Page not found</h1>
      <p>There is no page at this address. The link may be incomplete or mistyped.</p>
      <p>
        <Link href="/">Go to my dialogues</Link>
      </p>
    </section>
  );
}

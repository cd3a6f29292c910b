import type { ReactNode } from 'react';
import { ErrorAlert } from './Alert';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

interface LoadFailedProps {
  title: string;
  error?: unknown;
  /** Offered only where another try could help: not for "not found" or "not allowed". */
  retry?: () => void;
  children?: ReactNode;
}

/** A page that could not load: says why, and what the reader can do next. */
export function LoadFailed({ title, error, retry, children }: LoadFailedProps) {
  return (
    <section className="page-narrow">
      <h1>{title}</h1>
      <ErrorAlert error={error} />
      {children}
      {retry && (
        <button type="button" className="button-secondary" onClick={retry}>
          Try again
        </button>
      )}
    </section>
  );
}

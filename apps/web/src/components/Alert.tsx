import type { ReactNode } from 'react';
import { errorMessage } from '../errors';

interface ErrorAlertProps {
  error: unknown;
  /** Replaces the usual wording where the form knows more about what went wrong. */
  message?: string;
  children?: ReactNode;
}

/** An error announced to screen readers as it appears. Renders nothing without an error. */
export function ErrorAlert({ error, message, children }: ErrorAlertProps) {
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error">
      <p>{message ?? errorMessage(error)}</p>
      {children}
    </div>
  );
}

/** A polite announcement (success, progress) that does not interrupt. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="alert alert-success">
      {children}
    </div>
  );
}

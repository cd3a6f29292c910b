import { type FormEvent, useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown };

/**
 * Loads data for a page. A reload keeps showing the current data until the new data arrives, so
 * lists do not flash empty after a form adds to them; responses to superseded loads are dropped.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, key: string): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // `key` names everything `load` depends on, so a new closure with the same key is the same load.
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      try {
        const data = await load(controller.signal);
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      } catch (error) {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      }
    })();
    return () => controller.abort();
  }, [key, generation]);

  // A different key is a different thing to show: start from "loading" rather than stale data.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setState({ status: 'loading' });
  }

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}

/**
 * Runs a form's submission: prevents the native post, tracks pending state and keeps the last
 * error for the form to show. Fields stay as typed on failure, unlike React's form actions.
 */
export function useSubmit(action: (form: FormData, element: HTMLFormElement) => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const element = event.currentTarget;
    setPending(true);
    setError(null);
    try {
      await action(new FormData(element), element);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return { onSubmit, pending, error, clearError: () => setError(null) };
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Accord` : 'Accord';
  }, [title]);
}

/** A trimmed text field from a form; empty becomes undefined so optional fields are simply omitted. */
export function textField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

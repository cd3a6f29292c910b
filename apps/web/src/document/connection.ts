import { AccordClient, AccordConnectionError, type DocumentHandle, type DocumentStatus } from '@accord/client';
import { ROLLING_TEXT_FIELD } from '@accord/text/yjs';
import { useCallback, useEffect, useState } from 'react';

/**
 * The live document behind the editor: one socket connection for the page, one handle on the
 * document, and the handle's state as React state.
 */

export type Connection =
  | { phase: 'connecting' }
  | { phase: 'open'; handle: DocumentHandle; client: AccordClient }
  | { phase: 'failed'; error: unknown };

/** Connection refusals after which only signing in again helps. */
const signedOutCodes = new Set(['UNAUTHENTICATED', 'SESSION_REVOKED', 'SESSION_EXPIRED']);

export function isSignedOutError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && signedOutCodes.has(code);
}

/**
 * Connects with the session cookie and opens the document, keeping it in IndexedDB so changes
 * made offline survive a reload. `reopen` starts over with a new connection (after an error, or
 * when the member's access changed under an open handle).
 */
export function useDocumentConnection(documentId: string, userId: string, onSignedOut: () => void): { connection: Connection; reopen: () => void } {
  const [connection, setConnection] = useState<Connection>({ phase: 'connecting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let client: AccordClient | null = null;
    setConnection({ phase: 'connecting' });
    void (async () => {
      try {
        // Routed by the document, so that behind several servers the connection reaches its owner.
        const connected = await AccordClient.connect({ routeKey: documentId });
        if (cancelled) {
          connected.close();
          return;
        }
        client = connected;
        // The offline copy is this person's alone: on a shared computer the next one never sees it.
        setConnection({ phase: 'open', handle: connected.open(documentId, { offline: { owner: userId } }), client: connected });
      } catch (error) {
        if (cancelled) return;
        if (error instanceof AccordConnectionError && isSignedOutError(error)) onSignedOut();
        setConnection({ phase: 'failed', error });
      }
    })();
    return () => {
      cancelled = true;
      client?.close();
    };
    // onSignedOut is the session's stable refresh; a new one must not reconnect.
  }, [documentId, userId, attempt]);

  const reopen = useCallback(() => setAttempt((n) => n + 1), []);
  return { connection, reopen };
}

export interface HandleState {
  status: DocumentStatus;
  /** The handle's document: replaced by a rebuilt one after the server refused a change for good. */
  doc: DocumentHandle['doc'];
  /** The last change the server refused for good; it was taken out of the text. */
  refusal: DocumentHandle['lastRefusal'];
  /** True once this handle has held the server's state: the text can be shown. */
  synced: boolean;
  readOnly: boolean;
  role: DocumentHandle['role'];
  storageAvailable: boolean;
  error: DocumentHandle['error'];
}

function read(handle: DocumentHandle, synced: boolean): HandleState {
  return {
    status: handle.status,
    doc: handle.doc,
    refusal: handle.lastRefusal,
    synced,
    readOnly: handle.readOnly,
    role: handle.role,
    storageAvailable: handle.storageAvailable,
    error: handle.error,
  };
}

/**
 * The handle's state, re-read on every change of status, access or storage. `refresh` re-reads on
 * demand, for when the editor notices that access changed.
 */
export function useHandleState(handle: DocumentHandle): [HandleState, () => void] {
  const [state, setState] = useState(() => read(handle, false));
  useEffect(() => {
    let synced = false;
    let live = true;
    setState(read(handle, synced));
    const offStatus = handle.onStatus(() => setState(read(handle, synced)));
    const offAccess = handle.onAccess(() => setState(read(handle, synced)));
    const offRefused = handle.onRefused(() => setState(read(handle, synced)));
    const offRebuilt = handle.onRebuilt(() => setState(read(handle, synced)));
    void (async () => {
      await handle.synced;
      synced = true;
      if (live) setState(read(handle, synced));
    })();
    return () => {
      live = false;
      offStatus();
      offAccess();
      offRefused();
      offRebuilt();
    };
  }, [handle]);
  const refresh = useCallback(() => setState((current) => read(handle, current.synced)), [handle]);
  return [state, refresh];
}

/** Whether the document's rolling text is empty; watched, since the server may seed it later. */
export function useTextIsEmpty(doc: DocumentHandle['doc']): boolean {
  const fragment = doc.getXmlFragment(ROLLING_TEXT_FIELD);
  const [empty, setEmpty] = useState(() => fragment.length === 0);
  useEffect(() => {
    const check = () => setEmpty(fragment.length === 0);
    check();
    fragment.observe(check);
    return () => fragment.unobserve(check);
  }, [fragment]);
  return empty;
}

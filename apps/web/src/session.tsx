import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { accord, api, type Me, setUnauthenticatedListener } from './api';
import { isApiError } from './errors';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  /** `expired`: the server dropped a session the page thought it had, so sign-in says why it is back. */
  | { status: 'signed-out'; expired: boolean }
  | { status: 'error'; error: unknown };

interface Session {
  state: SessionState;
  /**
   * Signed out on this device, but the server has not been told yet (the network was down): it is
   * told as soon as it can be, before anything else asks who is signed in.
   */
  signOutPending: boolean;
  /** Re-reads who is signed in and their memberships: after signing in, joining or creating a dialogue. */
  refresh(): Promise<void>;
  /** Signs out on this device at once, and on the server now or when the network returns. Never fails. */
  signOut(): Promise<void>;
  /**
   * Runs a request that signs someone in (sign-in, an accepted invitation, a confirmed address, a new
   * password). A pending sign-out is not retried meanwhile: once the browser holds the new session's
   * cookie, a retry would end the new session instead of the old one. On success the old one can no
   * longer be named from this browser, and the pending sign-out is dropped (it ends by its idle timeout).
   */
  signingIn<T>(request: () => Promise<T>): Promise<T>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Remembered across a reload: the session cookie is HttpOnly, so a page loaded while the server still
 * holds the session would otherwise be signed straight back in. Names no one.
 */
const PENDING_SIGN_OUT = 'accord:sign-out-pending';
/** While the server cannot be told, it is tried again this often, and at once when the browser is back online. */
const SIGN_OUT_RETRY_MS = 5000;

function readPending(): boolean {
  try {
    return window.localStorage.getItem(PENDING_SIGN_OUT) !== null;
  } catch {
    return false;
  }
}

function writePending(pending: boolean): void {
  try {
    if (pending) window.localStorage.setItem(PENDING_SIGN_OUT, '1');
    else window.localStorage.removeItem(PENDING_SIGN_OUT);
  } catch {
    // Storage refused (a private window's quota): the sign-out still happens for this page.
  }
}

/**
 * A signed-out computer keeps none of the texts its user had open (a conference laptop passes from
 * hand to hand), except the copies holding edits the server has not acknowledged: they exist nowhere
 * else. Those stay that person's alone and are sent when they sign in and open the text again.
 * Loaded on demand, so the sign-in page does not carry the real-time SDK.
 */
async function clearOfflineCopiesOf(userId: string): Promise<void> {
  try {
    const { clearOfflineCopies } = await import('@accord/client');
    await clearOfflineCopies(userId, { keepUnsent: true });
  } catch {
    // Sign-out must not fail because the browser's storage would not answer.
  }
}

function signedOut(previous: SessionState): SessionState {
  if (previous.status === 'signed-out') return previous;
  return { status: 'signed-out', expired: previous.status === 'signed-in' };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  /** True once telling the server has failed: shown, and tried again. (A quick success shows nothing.) */
  const [signOutPending, setSignOutPending] = useState(false);
  /** The attempt to tell the server under way, so two are never sent at once. */
  const telling = useRef<Promise<boolean> | null>(null);
  /** Sign-in requests under way: no retry of a pending sign-out may go out while one is. */
  const signingInCount = useRef(0);

  /** Tells the server the session is over; true once it knows (or the session had already ended). */
  const tellServer = useCallback((): Promise<boolean> => {
    if (telling.current) return telling.current;
    const attempt = (async () => {
      // The browser knows it has no network: wait for its `online` event rather than fail again.
      if (window.navigator.onLine === false) return false;
      if (signingInCount.current > 0) return false;
      try {
        await api.logout();
      } catch (error) {
        // Already gone on the server: the outcome asked for. Anything else (no network, the
        // server down) is tried again.
        if (!isApiError(error, 'UNAUTHENTICATED')) return false;
      }
      writePending(false);
      setSignOutPending(false);
      return true;
    })();
    telling.current = attempt;
    void attempt.then((told) => {
      telling.current = null;
      if (!told) setSignOutPending(true);
      return told;
    });
    return attempt;
  }, []);

  const refresh = useCallback(async () => {
    try {
      // Answered 200 either way: a signed-out page logs no error to the console.
      const me = await accord.checkSession();
      if (me && readPending()) {
        // Only a sign-in while the old session was still to be ended gets here: the cookie now
        // holds the new session, and the old one can no longer be named from this browser.
        writePending(false);
        setSignOutPending(false);
      }
      setState(me ? { status: 'signed-in', me } : signedOut);
    } catch (error) {
      setState(isApiError(error, 'UNAUTHENTICATED') ? signedOut : { status: 'error', error });
    }
  }, []);

  const signOut = useCallback(async () => {
    const userId = state.status === 'signed-in' ? state.me.user.id : null;
    // First the promise to finish, then the page: a reload from here on stays signed out.
    writePending(true);
    // At once: the sign-in page shows, the open document closes and its socket with it.
    setState({ status: 'signed-out', expired: false });
    if (userId) await clearOfflineCopiesOf(userId);
    await tellServer();
  }, [state, tellServer]);

  const signingIn = useCallback(async <T,>(request: () => Promise<T>): Promise<T> => {
    signingInCount.current += 1;
    try {
      // An attempt already sent carries the old cookie: let it finish before the new one is set.
      await telling.current;
      const result = await request();
      writePending(false);
      setSignOutPending(false);
      return result;
    } finally {
      signingInCount.current -= 1;
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedListener(() => setState(signedOut));
    if (readPending()) {
      // A sign-out still to be finished: the server may hold the session, so it must not be asked
      // who is signed in (the cookie would answer) until it has been told.
      setState({ status: 'signed-out', expired: false });
      void tellServer();
    } else {
      void refresh();
    }
  }, [refresh, tellServer]);

  useEffect(() => {
    if (!signOutPending) return;
    const retry = () => void tellServer();
    window.addEventListener('online', retry);
    const timer = window.setInterval(retry, SIGN_OUT_RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(timer);
    };
  }, [signOutPending, tellServer]);

  const session = useMemo(
    () => ({ state, signOutPending, refresh, signOut, signingIn }),
    [state, signOutPending, refresh, signOut, signingIn],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** For pages shown only when signed in; the router guarantees that. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while not signed in');
  return state.me;
}

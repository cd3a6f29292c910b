import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, type Me, setUnauthenticatedListener } from './api';
import { isApiError } from './errors';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  /** `expired`: the server dropped a session the page thought it had, so sign-in says why it is back. */
  | { status: 'signed-out'; expired: boolean }
  | { status: 'error'; error: unknown };

interface Session {
  state: SessionState;
  /** Re-reads who is signed in and their memberships: after signing in, joining or creating a dialogue. */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * A signed-out computer keeps none of the texts its user had open: a conference laptop passes from
 * hand to hand. Loaded on demand, so the sign-in page does not carry the real-time SDK.
 */
async function clearOfflineCopiesOf(userId: string): Promise<void> {
  try {
    const { clearOfflineCopies } = await import('@accord/client');
    await clearOfflineCopies(userId);
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

  const refresh = useCallback(async () => {
    try {
      const me = await api.me();
      setState({ status: 'signed-in', me });
    } catch (error) {
      setState(isApiError(error, 'UNAUTHENTICATED') ? signedOut : { status: 'error', error });
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch (error) {
      // Already gone on the server: the outcome the user asked for.
      if (!isApiError(error, 'UNAUTHENTICATED')) throw error;
    }
    if (state.status === 'signed-in') await clearOfflineCopiesOf(state.me.user.id);
    setState({ status: 'signed-out', expired: false });
  }, [state]);

  useEffect(() => {
    setUnauthenticatedListener(() => setState(signedOut));
    void refresh();
  }, [refresh]);

  const session = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
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

import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { ErrorAlert } from './Alert';

interface LayoutProps {
  /** Names what the page shows (path, signed in or not); null while that is still being settled. */
  view: string | null;
  children: ReactNode;
}

export function Layout({ view, children }: LayoutProps) {
  const main = useRef<HTMLElement>(null);
  const shown = useRef<string | null>(null);

  // Swapping content in place is silent to screen readers; moving focus to the new content tells
  // them the page changed and puts keyboard users at its start. The first settled view keeps the
  // browser's default focus.
  useEffect(() => {
    if (view === null || view === shown.current) return;
    if (shown.current !== null) main.current?.focus();
    shown.current = view;
  }, [view]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Header() {
  const { state, signOut, signOutPending } = useSession();
  const [error, setError] = useState<unknown>(null);

  async function handleSignOut() {
    setError(null);
    // Signed out on this device before the first await: the sign-in page can show at once, while
    // the server is told now or, offline, when the network returns (that never fails the sign-out).
    const finished = signOut();
    // An invitation stays open so it can be accepted with another account; anything else was private.
    if (!window.location.pathname.startsWith('/invite/')) navigate('/');
    try {
      await finished;
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          Accord
        </Link>
        {state.status === 'signed-in' && (
          <div className="account">
            <span className="account-name">
              Signed in as <strong>{state.me.user.displayName}</strong>
            </span>
            <Link href="/account" className="account-link">
              Account
            </Link>
            <button type="button" className="button-secondary" onClick={handleSignOut}>
              Sign out
            </button>
          </div>
        )}
      </div>
      {signOutPending && state.status !== 'signed-in' && (
        <p className="alert alert-info sign-out-pending" role="status">
          You are signed out on this device. The server will be told when the connection returns; edits not yet saved stay on this
          device for you and are saved when you sign in again.
        </p>
      )}
      <ErrorAlert error={error} />
    </header>
  );
}

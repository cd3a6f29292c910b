/**
 * Mailed links carry their token in the URL fragment (`#token=…`), which the browser never sends to
 * the server: it stays out of access logs and Referer headers. The page reads it from here.
 */
export function linkTokenFromHash(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}

const PENDING_INVITATION = 'accord:pending-invitation';

/**
 * The invitation a new account registered through, so that once the address is verified (usually in
 * this browser) the page can take the person back to it to join. Only the link's token is kept.
 */
export function rememberInvitation(token: string): void {
  try {
    window.localStorage.setItem(PENDING_INVITATION, token);
  } catch {
    // Storage refused (private mode): the mail says to open the invitation again.
  }
}

export function takePendingInvitation(): string | null {
  try {
    const token = window.localStorage.getItem(PENDING_INVITATION);
    window.localStorage.removeItem(PENDING_INVITATION);
    return token;
  } catch {
    return null;
  }
}

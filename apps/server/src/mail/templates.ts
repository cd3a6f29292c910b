import type { Mail } from './mailer.js';

/**
 * The mails Accord sends: small functions, plain text plus simple HTML. Links carry their token in the
 * fragment (`#token=`), which browsers never send to a server: it stays out of access logs, proxies
 * and Referer headers; the web page reads it and posts it.
 */
export function mailLink(publicUrl: URL, path: string, token?: string): string {
  const url = new URL(path, publicUrl);
  if (token) url.hash = `token=${token}`;
  return url.toString();
}

export function verifyAddressMail(to: string, p: { displayName: string; link: string; resetPage: string; ttlMs: number }): Mail {
  return mail(to, 'Confirm your address for Accord', [
    `Hello ${p.displayName},`,
    'An Accord account was created with this address. To confirm that the address is yours, open this link and enter the password you chose:',
    { link: p.link },
    `The link works once, for ${humanDuration(p.ttlMs)}.`,
    'If you did not create this account, do not use the link. The account is yours to take over: set a new password for it here:',
    { link: p.resetPage },
  ]);
}

export function accountExistsMail(to: string, p: { signInPage: string; resetLink: string; ttlMs: number }): Mail {
  return mail(to, 'Someone tried to create an Accord account with your address', [
    'Someone tried to create an Accord account with this address, but it already has one. Nothing was changed.',
    'If it was you, sign in instead, then open your invitation link again:',
    { link: p.signInPage },
    `If you have forgotten your password, or did not create the existing account, set a new password (the link works once, for ${humanDuration(p.ttlMs)}):`,
    { link: p.resetLink },
    'If you did not ask for anything, you can ignore this mail.',
  ]);
}

export function resetPasswordMail(to: string, p: { link: string; ttlMs: number }): Mail {
  return mail(to, 'Set a new Accord password', [
    'Someone (hopefully you) asked to set a new password for the Accord account with this address. Open this link to choose one:',
    { link: p.link },
    `The link works once, for ${humanDuration(p.ttlMs)}. Setting a new password confirms this address and signs out every other session of the account.`,
    'If you did not ask for this, ignore this mail: your password stays as it is.',
  ]);
}

export function passwordChangedMail(to: string, p: { forgotPage: string }): Mail {
  return mail(to, 'Your Accord password was changed', [
    'The password of your Accord account was just changed, and every other session of the account was signed out.',
    'If this was not you, set a new password now:',
    { link: p.forgotPage },
  ]);
}

/**
 * An invitation bound to an address. It leaves the room, so under the Chatham House Rule it names
 * neither who sent it nor any affiliation: the dialogue's title, the role offered, the link.
 */
export function invitationMail(to: string, p: { dialogueTitle: string; role: string; link: string; expiresAt: Date }): Mail {
  return mail(to, `Invitation to an Accord dialogue: ${p.dialogueTitle}`, [
    `You are invited to take part in “${p.dialogueTitle}” on Accord, as ${p.role}.`,
    'Open this link to accept. It works only for this e-mail address, once:',
    { link: p.link },
    `The link is valid until ${p.expiresAt.toUTCString()}. If a newer invitation reaches you, this one no longer works.`,
    'If you were not expecting this, you can ignore this mail.',
  ]);
}

type Part = string | { link: string };

function mail(to: string, subject: string, parts: Part[]): Mail {
  const text = parts.map((p) => (typeof p === 'string' ? p : p.link)).join('\n\n');
  const body = parts
    .map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>`))
    .join('\n');
  const html = `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">\n${body}\n</body></html>`;
  return { to, subject, text: `${text}\n\n— Accord\n`, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function humanDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return plural(ms / size, name);
  }
  return ms >= 60_000 ? plural(Math.round(ms / 60_000), 'minute') : plural(Math.max(1, Math.round(ms / 1000)), 'second');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

import type { DecorationAttrs } from '@tiptap/pm/view';

/**
 * Remote carets and selections in each person's colour. The server writes every awareness `user`
 * as { userId, name, role, affiliation, colour } (British spelling), whatever the client claimed.
 */

export interface PresenceUser {
  userId?: string;
  name?: string;
  affiliation?: string | null;
  colour?: string;
  /** Set on this browser's own state only (the server replaces `user` for everyone else). */
  local?: boolean;
}

const NEUTRAL = '#4a5363';

export function validColour(value: unknown): string | null {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value : null;
}

export function colourOf(user: PresenceUser): string {
  return validColour(user.colour) ?? NEUTRAL;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on `background` (some palette colours are light). */
export function textColourOn(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export function presenceName(user: PresenceUser): string {
  const name = user.name?.trim() || 'Someone';
  return user.affiliation ? `${name} · ${user.affiliation}` : name;
}

export function renderCaret(user: PresenceUser): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  if (user.local) {
    // Our own state, bound to a reader's copy of the text: there is no one else to draw.
    caret.hidden = true;
    return caret;
  }
  const colour = colourOf(user);
  caret.style.borderColor = colour;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = colour;
  label.style.color = textColourOn(colour);
  label.textContent = presenceName(user);
  caret.append(label);
  return caret;
}

export function renderSelection(user: PresenceUser): DecorationAttrs {
  if (user.local) return {};
  return { style: `background-color: ${colourOf(user)}33`, class: 'collaboration-carets__selection' };
}

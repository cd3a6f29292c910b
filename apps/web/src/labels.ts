import type { AffiliationKind, Role } from './api';

export const roleLabels: Record<Role, string> = {
  chair: 'Chair',
  secretariat: 'Secretariat',
  delegate: 'Delegate',
  civil_society: 'Civil society',
  observer: 'Observer',
};

export const affiliationKindLabels: Record<AffiliationKind, string> = {
  government: 'Government',
  civil_society: 'Civil society organization',
  international_org: 'International organization',
  academia: 'Academia or think tank',
};

/** What each role may bring as affiliation; mirrors the server's rule so the form can say it up front. */
export const roleAffiliationHints: Record<Role, string> = {
  chair: 'Convenes the dialogue and manages its members.',
  secretariat: 'Supports the chair: prepares texts and invites participants.',
  delegate: 'Speaks for a state: needs a government affiliation.',
  civil_society: 'Needs a civil society, international organization or academic affiliation.',
  observer: 'Follows the dialogue without taking part in drafting.',
};

/** The roles that steer a dialogue: they see e-mail addresses, invite people and open documents. */
export function isSteward(role: Role): boolean {
  return role === 'chair' || role === 'secretariat';
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

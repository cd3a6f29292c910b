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

/**
 * The kind of organization a participant speaks for, in the room's words. A role alone says "Civil
 * society" for an NGO and for the ICRC alike; the kind tells them apart.
 */
export const speakerKindLabels: Record<AffiliationKind, string> = {
  government: 'Government',
  international_org: 'International organization',
  civil_society: 'NGO',
  academia: 'Academia',
};

/**
 * A participant's role with the kind of organization they speak for, wherever a role is shown in the
 * room: "Civil society · International organization", "Delegate · Government", "Chair · Academia".
 * Inside the room only: records that leave it (comments, amendments, history, exports) keep the four
 * Chatham House categories.
 */
export function speakerLabel(role: Role, kind: AffiliationKind | null | undefined): string {
  // A no-break space before the dot: a narrow column wraps after it, never leaving it alone on a line.
  return kind ? `${roleLabels[role]}\u00a0· ${speakerKindLabels[kind]}` : roleLabels[role];
}

/** The server's rules (@accord/contract), so a form can say them before a round trip. */
export { affiliationFits, canManageChairs } from '@accord/contract';

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

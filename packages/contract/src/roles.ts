/**
 * The one list of roles, affiliation kinds and attribution modes. The database enums, the sync
 * engine's seats, the server's permission table and the web app all take them from here.
 */
export const memberRoles = ['chair', 'secretariat', 'delegate', 'civil_society', 'observer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const affiliationKinds = ['government', 'civil_society', 'international_org', 'academia'] as const;
export type AffiliationKind = (typeof affiliationKinds)[number];

export const attributionModes = ['attributed', 'chatham_house'] as const;
export type AttributionMode = (typeof attributionModes)[number];

/**
 * What the Chatham House Rule leaves of a speaker: a category, never a name or an affiliation.
 * Observers do not speak, so they have no category of their own.
 */
export const authorCategories = ['Chair', 'Secretariat', 'Government', 'Civil society'] as const;
export type AuthorCategory = (typeof authorCategories)[number];

export function categoryOf(role: MemberRole): AuthorCategory {
  switch (role) {
    case 'chair':
      return 'Chair';
    case 'secretariat':
      return 'Secretariat';
    case 'delegate':
      return 'Government';
    default:
      return 'Civil society';
  }
}

/** Only a chair may make, unmake, invite or remove a chair; the secretariat steers everyone else. */
export function canManageChairs(role: MemberRole): boolean {
  return role === 'chair';
}

/**
 * Whether an affiliation suits a role: delegates speak for a state, civil society for an
 * organization. The server enforces it; the web's forms say it before a round trip.
 */
export function affiliationFits(role: MemberRole, kind: AffiliationKind | null): boolean {
  switch (role) {
    case 'delegate':
      return kind === 'government';
    case 'civil_society':
      return kind === 'civil_society' || kind === 'international_org' || kind === 'academia';
    default:
      return true;
  }
}

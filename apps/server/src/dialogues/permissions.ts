import { affiliationFits, type AffiliationKind, type MemberRole } from '@accord/contract';
import { AppError } from '../common/app-error.js';

// The rules themselves live in the contract, so the web's forms say what the server enforces.
export { affiliationFits, canManageChairs } from '@accord/contract';

/** What a member may do inside a dialogue, by role. The one table every route consults. */
export type DialogueAction =
  | 'dialogue.view'
  | 'members.view'
  | 'members.invite'
  | 'members.change_role'
  | 'members.remove'
  | 'invitations.view'
  | 'invitations.revoke'
  | 'documents.view'
  | 'documents.create'
  | 'documents.import'
  | 'documents.edit_text'
  | 'comments.view'
  | 'comments.write'
  | 'comments.moderate'
  | 'amendments.view'
  | 'amendments.propose'
  | 'amendments.support'
  | 'amendments.decide'
  | 'history.view'
  | 'revisions.create'
  | 'revisions.restore'
  | 'audit.view'
  | 'session_mode.view'
  | 'session_mode.steer';

const everyone: readonly MemberRole[] = ['chair', 'secretariat', 'delegate', 'civil_society', 'observer'];
const stewards: readonly MemberRole[] = ['chair', 'secretariat'];

export const permissions: Readonly<Record<DialogueAction, readonly MemberRole[]>> = {
  'dialogue.view': everyone,
  'members.view': everyone,
  'members.invite': stewards,
  'members.change_role': stewards,
  'members.remove': stewards,
  'invitations.view': stewards,
  'invitations.revoke': stewards,
  'documents.view': everyone,
  'documents.create': stewards,
  'documents.import': stewards,
  // Civil society and observers read the text; they comment and propose amendments instead.
  'documents.edit_text': ['chair', 'secretariat', 'delegate'],
  // Each reads only the threads whose audience includes them (dialogues/audience.ts).
  'comments.view': everyone,
  // Observers listen and read; everyone else may speak in the margin.
  'comments.write': ['chair', 'secretariat', 'delegate', 'civil_society'],
  // Resolving or reopening someone else's thread (an author may always resolve their own).
  'comments.moderate': stewards,
  // The compilation is the room's: everyone reads every proposal (under the Chatham House Rule, without names).
  'amendments.view': everyone,
  // Observers listen and read; everyone else may propose wording.
  'amendments.propose': ['chair', 'secretariat', 'delegate', 'civil_society'],
  // A delegation supports or co-sponsors; an organization endorses (amendment-support.ts).
  'amendments.support': ['delegate', 'civil_society'],
  // Bringing wording into the text, or leaving it out, is the chair's act; the secretariat acts for the chair.
  'amendments.decide': stewards,
  // The history is the room's record: everyone reads it (under the Chatham House Rule, by category).
  'history.view': everyone,
  // Naming a revision (and renumbering into a clean one) and restoring one are the chair's acts; the secretariat acts for the chair.
  'revisions.create': stewards,
  'revisions.restore': stewards,
  'audit.view': stewards,
  // Everyone in the room sees the paragraph under negotiation and who has the floor.
  'session_mode.view': everyone,
  // Running the room is the chair's; the secretariat acts for the chair.
  'session_mode.steer': stewards,
};

export function can(role: MemberRole, action: DialogueAction): boolean {
  return permissions[action].includes(role);
}

export function assertAffiliationFits(role: MemberRole, kind: AffiliationKind | null): void {
  if (affiliationFits(role, kind)) return;
  const need =
    role === 'delegate' ? 'a government affiliation' : 'a civil society, international organization or academic affiliation';
  throw new AppError('AFFILIATION_MISMATCH', `The ${role} role needs ${need}`, {
    fields: [{ field: 'affiliation', message: `needs ${need}` }],
  });
}
